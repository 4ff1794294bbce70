// Reading cases and workloads. Every role reads; organization staff only what
// concerns their organization (permissions.h: CanReadCase).
#include <algorithm>

#include "assignment/adapters/assignment_service.h"
#include "assignment/adapters/case_request_checks.h"
#include "assignment/adapters/case_store.h"
#include "assignment/core/case_queries.h"
#include "assignment/core/permissions.h"
#include "assignment/core/workload.h"
#include "server/authorization.h"
#include "server/paging.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {
namespace {

bool IsStaff(const v1::Actor& actor) { return actor.role() == v1::ROLE_ORGANIZATION_STAFF; }

grpc::Status RefuseUnreadable(const v1::Actor& actor, const v1::Case& a_case) {
  if (CanReadCase(actor, a_case)) return grpc::Status::OK;
  return server::KeyedStatus(
      grpc::StatusCode::PERMISSION_DENIED,
      "staff of " +
          (actor.organization_id().empty() ? std::string("no organization") : actor.organization_id()) +
          " may read only the cases of their organization and those offered to it; " +
          a_case.organization_id() + " is responsible for case " + a_case.case_id(),
      "error.case.not_readable",
      {{"organization", actor.organization_id()},
       {"responsible", a_case.organization_id()},
       {"case", a_case.case_id()}});
}

// Staff see their own organization only; empty means "mine". `scope` is
// "cases" or "workload" (catalog words "scope.<scope>").
grpc::Status ScopeOrganizationFilter(const v1::Actor& actor, std::string* organization_id,
                                     const std::string& scope) {
  if (!IsStaff(actor)) return grpc::Status::OK;
  if (organization_id->empty()) {
    *organization_id = actor.organization_id();
    return grpc::Status::OK;
  }
  if (*organization_id == actor.organization_id()) return grpc::Status::OK;
  return server::KeyedStatus(
      grpc::StatusCode::PERMISSION_DENIED,
      "staff of " + actor.organization_id() + " may read only the " + scope + " of " +
          actor.organization_id() + ", not of " + *organization_id,
      "error.case.other_organization",
      {{"organization", actor.organization_id()}, {"requested", *organization_id}, {"scope", scope}});
}

void CheckKnownOrganization(const Directory& directory, const std::string& organization_id,
                            const std::string& field, FieldViolations& violations) {
  if (!organization_id.empty() && directory.FindOrganization(organization_id) == nullptr) {
    violations.push_back({field, "names no organization (\"" + organization_id + "\")"});
  }
}

// The index sets holding every case a ListCases request can match: the
// narrowest one its filters allow (the filters themselves are applied after).
std::vector<std::string> CandidateIndexes(const v1::ListCasesRequest& request) {
  if (!request.organization_id().empty())
    return {AssignmentKeys::OrganizationIndex(request.organization_id())};
  if (!request.helper_id().empty()) return {AssignmentKeys::HelperIndex(request.helper_id())};
  if (request.state() != v1::CASE_STATE_UNSPECIFIED) return {AssignmentKeys::StateIndex(request.state())};
  if (request.without_helper() || request.overdue_for_visit()) {
    return {AssignmentKeys::StateIndex(v1::CASE_STATE_OPEN),
            AssignmentKeys::StateIndex(v1::CASE_STATE_FOLLOW_UP)};
  }
  return {std::string(AssignmentKeys::kAllCases)};
}

}  // namespace

grpc::ServerUnaryReactor* AssignmentService::GetCase(grpc::CallbackServerContext* context,
                                                     const v1::GetCaseRequest* request, v1::Case* response) {
  return executor_.Handle(context, "Assignment.GetCase", response, [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read cases"); !denied.ok())
      return denied;
    if (grpc::Status invalid = CheckCaseIdField(request->case_id()); !invalid.ok()) return invalid;
    CaseStore store(call.redis, environment_.keys);
    std::optional<v1::Case> found = store.Load(request->case_id());
    if (!found)
      return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                                 "case " + request->case_id() + " does not exist", "error.case.not_found",
                                 {{"case", request->case_id()}});
    if (grpc::Status denied = RefuseUnreadable(call.actor, *found); !denied.ok()) return denied;
    *response = std::move(*found);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::GetCaseByHousehold(grpc::CallbackServerContext* context,
                                                                const v1::GetCaseByHouseholdRequest* request,
                                                                v1::Case* response) {
  return executor_.Handle(context, "Assignment.GetCaseByHousehold", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read cases"); !denied.ok())
      return denied;
    if (request->household_id().empty())
      return server::ToStatus(Error::InvalidArgument({{"household_id", "is required"}}));
    CaseStore store(call.redis, environment_.keys);
    std::optional<v1::Case> found;
    if (std::optional<std::string> latest = store.LatestCaseId(request->household_id()))
      found = store.Load(*latest);
    if (!found) {
      return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                                 "household " + request->household_id() +
                                     " has no case (it was never officially poor "
                                     "or near-poor)",
                                 "error.case.none_for_household", {{"household", request->household_id()}});
    }
    if (grpc::Status denied = RefuseUnreadable(call.actor, *found); !denied.ok()) return denied;
    *response = std::move(*found);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::ListCases(grpc::CallbackServerContext* context,
                                                       const v1::ListCasesRequest* request,
                                                       v1::ListCasesResponse* response) {
  return executor_.Handle(context, "Assignment.ListCases", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read cases"); !denied.ok())
      return denied;
    environment_.seeder.EnsureSeeded();
    const DirectorySnapshot snapshot = ReadDirectorySnapshot(call.redis, environment_.keys);
    FieldViolations violations;
    CheckKnownOrganization(snapshot.directory, request->organization_id(), "organization_id", violations);
    if (!request->helper_id().empty() && snapshot.directory.FindHelper(request->helper_id()) == nullptr) {
      violations.push_back({"helper_id", "names no helper (\"" + request->helper_id() + "\")"});
    }
    if (!v1::CaseState_IsValid(request->state())) {
      violations.push_back({"state", "is not a case state (" + std::to_string(request->state()) + ")"});
    }
    server::ResolvePageSize(request->page(), "page", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    std::vector<std::string> indexes;
    if (IsStaff(call.actor)) {
      std::string organization_id = request->organization_id();
      if (auto denied = ScopeOrganizationFilter(call.actor, &organization_id, "cases"); !denied.ok()) {
        return denied;
      }
      indexes = {AssignmentKeys::OrganizationIndex(organization_id),
                 AssignmentKeys::TransferToIndex(organization_id)};
    } else {
      indexes = CandidateIndexes(*request);
    }
    CaseStore store(call.redis, environment_.keys);
    std::vector<v1::Case> cases = store.LoadMany(store.IdsInAny(indexes));
    std::erase_if(cases, [&](const v1::Case& a_case) { return !CanReadCase(call.actor, a_case); });

    const std::vector<const v1::Case*> selected =
        SelectCases(cases, *request, environment_.clock.Today(), environment_.settings.visit_overdue_days);
    Result<CasePage> page = PageOf(selected, request->page());
    if (!page.ok()) return server::ToStatus(page.error());
    for (const v1::Case* a_case : page.value().cases) *response->add_cases() = *a_case;
    *response->mutable_page() = page.value().page;
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::GetWorkload(grpc::CallbackServerContext* context,
                                                         const v1::GetWorkloadRequest* request,
                                                         v1::GetWorkloadResponse* response) {
  return executor_.Handle(context, "Assignment.GetWorkload", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read workloads"); !denied.ok()) {
      return denied;
    }
    v1::GetWorkloadRequest scoped = *request;
    if (auto denied = ScopeOrganizationFilter(call.actor, scoped.mutable_organization_id(), "workload");
        !denied.ok()) {
      return denied;
    }
    environment_.seeder.EnsureSeeded();
    const DirectorySnapshot snapshot = ReadDirectorySnapshot(call.redis, environment_.keys);
    FieldViolations violations;
    CheckKnownOrganization(snapshot.directory, scoped.organization_id(), "organization_id", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    // The current cases of the organization(s) asked for, and of their helpers.
    std::vector<std::string> indexes;
    if (scoped.organization_id().empty()) {
      indexes = {AssignmentKeys::StateIndex(v1::CASE_STATE_OPEN),
                 AssignmentKeys::StateIndex(v1::CASE_STATE_FOLLOW_UP)};
    } else {
      indexes.push_back(AssignmentKeys::OrganizationIndex(scoped.organization_id()));
      for (const v1::Helper& helper : snapshot.directory.helpers()) {
        if (helper.organization_id() == scoped.organization_id()) {
          indexes.push_back(AssignmentKeys::HelperIndex(helper.id()));
        }
      }
    }
    CaseStore store(call.redis, environment_.keys);
    const std::vector<v1::Case> cases = store.LoadMany(store.IdsInAny(indexes));
    *response = ComputeWorkload(cases, snapshot.directory, scoped, environment_.clock.Today(),
                                environment_.settings.visit_overdue_days);
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::assignment
