#include "assignment/core/workload.h"

#include "assignment/core/case_queries.h"

namespace ansinh::assignment {

v1::OrganizationWorkload OrganizationWorkloadOf(std::span<const v1::Case> cases,
                                                const v1::Organization& organization, CivilDate today,
                                                int visit_overdue_days) {
  v1::OrganizationWorkload workload;
  workload.set_organization_id(organization.id());
  workload.set_organization_name(organization.name());
  workload.set_capacity(organization.capacity());
  workload.set_active(organization.active());
  for (const v1::Case& a_case : cases) {
    if (a_case.organization_id() != organization.id() || !IsCurrent(a_case)) continue;
    if (a_case.state() == v1::CASE_STATE_OPEN) workload.set_open_cases(workload.open_cases() + 1);
    if (a_case.state() == v1::CASE_STATE_FOLLOW_UP)
      workload.set_follow_up_cases(workload.follow_up_cases() + 1);
    if (a_case.helper_id().empty()) workload.set_cases_without_helper(workload.cases_without_helper() + 1);
    if (IsOverdueForVisit(a_case, today, visit_overdue_days)) {
      workload.set_cases_overdue_for_visit(workload.cases_overdue_for_visit() + 1);
    }
  }
  return workload;
}

v1::HelperWorkload HelperWorkloadOf(std::span<const v1::Case> cases, const v1::Helper& helper,
                                    CivilDate today, int visit_overdue_days) {
  v1::HelperWorkload workload;
  workload.set_helper_id(helper.id());
  workload.set_full_name(helper.full_name());
  workload.set_organization_id(helper.organization_id());
  workload.set_max_caseload(helper.max_caseload());
  workload.set_active(helper.active());
  for (const v1::Case& a_case : cases) {
    if (a_case.helper_id() != helper.id() || !IsCurrent(a_case)) continue;
    if (a_case.state() == v1::CASE_STATE_OPEN) workload.set_open_cases(workload.open_cases() + 1);
    if (a_case.state() == v1::CASE_STATE_FOLLOW_UP)
      workload.set_follow_up_cases(workload.follow_up_cases() + 1);
    if (IsOverdueForVisit(a_case, today, visit_overdue_days)) {
      workload.set_cases_overdue_for_visit(workload.cases_overdue_for_visit() + 1);
    }
  }
  return workload;
}

v1::GetWorkloadResponse ComputeWorkload(std::span<const v1::Case> cases, const Directory& directory,
                                        const v1::GetWorkloadRequest& request, CivilDate today,
                                        int visit_overdue_days) {
  v1::GetWorkloadResponse response;
  const auto wanted = [&](const std::string& organization_id, bool active) {
    return (request.organization_id().empty() || organization_id == request.organization_id()) &&
           (active || request.include_inactive());
  };
  for (const v1::Organization& organization : directory.organizations()) {
    if (!wanted(organization.id(), organization.active())) continue;
    *response.add_organizations() = OrganizationWorkloadOf(cases, organization, today, visit_overdue_days);
  }
  for (const v1::Helper& helper : directory.helpers()) {
    if (!wanted(helper.organization_id(), helper.active())) continue;
    *response.add_helpers() = HelperWorkloadOf(cases, helper, today, visit_overdue_days);
  }
  return response;
}

}  // namespace ansinh::assignment
