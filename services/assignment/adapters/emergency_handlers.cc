// Emergencies: ward officers declare and end them, every role reads them,
// officers and staff mark the households they struck (staff: cases of their
// organization).
#include <algorithm>
#include <charconv>

#include "assignment/adapters/assignment_service.h"
#include "assignment/adapters/bulk_case_operations.h"
#include "assignment/adapters/case_store.h"
#include "assignment/adapters/livelihood_store.h"
#include "assignment/adapters/ward_record_mutation.h"
#include "assignment/core/emergencies.h"
#include "assignment/core/emergency_marks.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {
namespace {

// The n of "EMG-<year>-<n>", for ordering emergencies that began the same day.
std::uint64_t EmergencyNumberOf(const std::string& emergency_id) {
  std::uint64_t number = 0;
  const std::size_t dash = emergency_id.rfind('-');
  if (dash != std::string::npos) {
    std::from_chars(emergency_id.data() + dash + 1, emergency_id.data() + emergency_id.size(), number);
  }
  return number;
}

// Every household with a case not closed in the emergency's residential
// groups; for staff, only the cases of their organization. Ordered by id.
std::vector<std::string> HouseholdsInAffectedGroups(CaseStore& store, const v1::Actor& actor,
                                                    const v1::Emergency& emergency) {
  const bool staff = actor.role() == v1::ROLE_ORGANIZATION_STAFF;
  const std::vector<std::string> indexes =
      staff ? std::vector<std::string>{AssignmentKeys::OrganizationIndex(actor.organization_id())}
            : std::vector<std::string>{AssignmentKeys::StateIndex(v1::CASE_STATE_OPEN),
                                       AssignmentKeys::StateIndex(v1::CASE_STATE_FOLLOW_UP)};
  std::vector<std::string> households;
  for (const v1::Case& a_case : store.LoadMany(store.IdsInAny(indexes))) {
    if (!InAffectedGroups(a_case, emergency)) continue;
    if (staff && a_case.organization_id() != actor.organization_id()) continue;
    households.push_back(a_case.household_id());
  }
  std::sort(households.begin(), households.end());
  households.erase(std::unique(households.begin(), households.end()), households.end());
  return households;
}

}  // namespace

grpc::ServerUnaryReactor* AssignmentService::DeclareEmergency(grpc::CallbackServerContext* context,
                                                              const v1::DeclareEmergencyRequest* request,
                                                              v1::DeclareEmergencyResponse* response) {
  return executor_.Handle(context, "Assignment.DeclareEmergency", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, kDeclareEmergencyAction);
        !denied.ok()) {
      return denied;
    }
    return StoreEmergencyDeclaration(call.redis, environment_,
                                     events::EventContext{call.actor, call.correlation_id, ""}, *request,
                                     response);
  });
}

grpc::ServerUnaryReactor* AssignmentService::EndEmergency(grpc::CallbackServerContext* context,
                                                          const v1::EndEmergencyRequest* request,
                                                          v1::EndEmergencyResponse* response) {
  return executor_.Handle(context, "Assignment.EndEmergency", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, kEndEmergencyAction);
        !denied.ok()) {
      return denied;
    }
    return StoreEmergencyEnd(call.redis, environment_,
                             events::EventContext{call.actor, call.correlation_id, ""}, *request, response);
  });
}

grpc::ServerUnaryReactor* AssignmentService::ListEmergencies(grpc::CallbackServerContext* context,
                                                             const v1::ListEmergenciesRequest* request,
                                                             v1::ListEmergenciesResponse* response) {
  return executor_.Handle(context, "Assignment.ListEmergencies", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read emergencies"); !denied.ok()) {
      return denied;
    }
    std::vector<v1::Emergency> emergencies = ReadEmergencies(call.redis);
    if (request->only_ongoing()) {
      std::erase_if(emergencies, [](const v1::Emergency& emergency) { return !EmergencyOngoing(emergency); });
    }
    // Newest first: the latest first day, then the latest declared.
    std::sort(emergencies.begin(), emergencies.end(), [](const v1::Emergency& a, const v1::Emergency& b) {
      if (a.began_on() != b.began_on()) return a.began_on() > b.began_on();
      return EmergencyNumberOf(a.emergency_id()) > EmergencyNumberOf(b.emergency_id());
    });
    std::vector<std::string> sets;
    for (const v1::Emergency& emergency : emergencies) {
      sets.push_back(AssignmentKeys::EmergencyAffectedIndex(emergency.emergency_id()));
      sets.push_back(AssignmentKeys::EmergencyRelievedIndex(emergency.emergency_id()));
    }
    const std::vector<int> counts = CountHouseholds(call.redis, environment_.keys, sets);
    for (std::size_t i = 0; i < emergencies.size(); ++i) {
      v1::EmergencySummary* summary = response->add_emergencies();
      *summary->mutable_emergency() = std::move(emergencies[i]);
      summary->set_households_affected(counts[2 * i]);
      summary->set_households_relieved(counts[2 * i + 1]);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::MarkAffected(grpc::CallbackServerContext* context,
                                                          const v1::MarkAffectedRequest* request,
                                                          v1::MarkAffectedResponse* response) {
  return executor_.Handle(context, "Assignment.MarkAffected", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kCaseWorkers, "change cases"); !denied.ok()) {
      return denied;
    }
    environment_.seeder.EnsureSeeded();
    // Read once, not WATCHed: each mark is ordered before any later change
    // of the emergency (its end never makes a mark wrong).
    const std::optional<v1::Emergency> emergency =
        request->emergency_id().empty() ? std::nullopt : ReadEmergency(call.redis, request->emergency_id());
    const FieldViolations violations =
        CheckMarkAffectedRequest(*request, emergency ? &*emergency : nullptr, environment_.clock.Today());
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    CaseStore store(call.redis, environment_.keys);
    const std::vector<std::string> households =
        request->all_in_affected_groups()
            ? HouseholdsInAffectedGroups(store, call.actor, *emergency)
            : std::vector<std::string>(request->household_ids().begin(), request->household_ids().end());
    for (v1::CaseOperationOutcome& outcome : ApplyToHouseholds(
             call.redis, environment_, households, events::EventContext{call.actor, call.correlation_id, ""},
             [request, &emergency](const v1::Case&current, const OperationContext&operation) {
               return assignment::MarkAffected(current, *request, *emergency, operation);
             })) {
      *response->add_outcomes() = std::move(outcome);
    }
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::assignment
