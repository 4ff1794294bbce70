#include "assignment/core/helper_assignment.h"

#include "assignment/core/case_journal.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {

Result<CaseChange> AssignHelper(const v1::Case& current, const v1::AssignHelperRequest& request,
                                const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kAssignHelper, current))
    return *refusal;

  FieldViolations violations;
  CheckCaseId(request.case_id(), current, &violations);
  const v1::Helper* helper = nullptr;
  if (request.helper_id().empty()) {
    violations.push_back({"helper_id", "is required"});
  } else {
    helper = context.directory.FindHelper(request.helper_id());
    if (helper == nullptr)
      violations.push_back({"helper_id", "names no helper (\"" + request.helper_id() + "\")"});
  }
  CheckReason(request.reason(), &violations);
  std::string assigned_on = FormatIsoDate(context.when.today);
  if (!request.assigned_on().empty()) {
    const std::optional<CivilDate> day =
        CheckDateNotInFuture(request.assigned_on(), "assigned_on", context.when.today, &violations);
    // A helper cannot have taken on a case before it existed (or, reopened,
    // before it was again).
    for (const std::string& step : {current.opened_on(), current.reopened_on()}) {
      const std::optional<CivilDate> stepped = ParseIsoDate(step);
      if (day && stepped && *day < *stepped) {
        violations.push_back({"assigned_on", "must not be before " + step + ", when the case " +
                                                 (step == current.opened_on() ? "opened" : "reopened")});
        break;
      }
    }
    assigned_on = request.assigned_on();
  }
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, "assigning a helper")) return *refusal;

  const std::string who = DescribeHelper(context.directory, helper->id());
  if (helper->organization_id() != current.organization_id()) {
    return Error::FailedPrecondition("helper " + who + " belongs to " + helper->organization_id() +
                                     ", not to " + current.organization_id() +
                                     " which is responsible for case " + current.case_id())
        .WithKey("error.helper.other_organization", {{"helper", who},
                                                     {"organization", helper->organization_id()},
                                                     {"responsible", current.organization_id()},
                                                     {"case", current.case_id()}});
  }
  if (!helper->active()) {
    return Error::FailedPrecondition("helper " + who + " is inactive")
        .WithKey("error.helper.inactive", {{"helper", who}});
  }
  if (current.helper_id() == helper->id()) {
    return Error::FailedPrecondition("helper " + who + " is already assigned to case " + current.case_id())
        .WithKey("error.helper.already_assigned", {{"helper", who}, {"case", current.case_id()}});
  }
  const int load = context.loads.HelperLoad(helper->id());
  if (current.state() == v1::CASE_STATE_OPEN && load >= helper->max_caseload()) {
    return Error::FailedPrecondition("helper " + who + " already carries " + std::to_string(load) +
                                     " open cases, the maximum of " + std::to_string(helper->max_caseload()))
        .WithKey("error.helper.full", {{"helper", who},
                                       {"load", std::to_string(load)},
                                       {"max", std::to_string(helper->max_caseload())}});
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  updated.set_helper_id(helper->id());

  v1::HelperAssigned payload;
  StampCase(updated, &payload);
  payload.set_organization_id(updated.organization_id());
  payload.set_helper_id(helper->id());
  payload.set_helper_name(helper->full_name());
  payload.set_previous_helper_id(current.helper_id());
  payload.set_reason(request.reason());
  payload.set_category(updated.category());
  payload.set_assigned_on(assigned_on);

  const std::string detail =
      current.helper_id().empty()
          ? "helper " + who + " assigned"
          : "helper " + who + " replaces " + DescribeHelper(context.directory, current.helper_id());
  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_HELPER_ASSIGNED, request.reason(), detail, std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
