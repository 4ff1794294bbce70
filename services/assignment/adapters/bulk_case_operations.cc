#include "assignment/adapters/bulk_case_operations.h"

#include "assignment/adapters/case_store.h"
#include "assignment/core/case_operation_outcomes.h"

namespace ansinh::assignment {
namespace {

v1::CaseOperationOutcome OutcomeOfHousehold(redis::Connection& redis,
                                            const AssignmentEnvironment& environment,
                                            const std::string& household_id,
                                            const events::EventContext& event_context,
                                            const CaseTransform& transform) {
  CaseStore store(redis, environment.keys);
  const std::optional<std::string> case_id = store.LatestCaseId(household_id);
  if (!case_id) return RefusedOutcome(household_id, "", NoCaseFor(household_id));
  // The core's last word on the case, to report a refusal with its catalog
  // message rather than the status MutateCase makes of it.
  std::optional<Error> refused;
  const CaseTransform remembering = [&](const v1::Case& current, const OperationContext& context) {
    Result<CaseChange> decided = transform(current, context);
    if (decided.ok()) {
      refused.reset();
    } else {
      refused = decided.error();
    }
    return decided;
  };
  CaseChange change;
  const grpc::Status status = MutateCase(redis, environment, *case_id, event_context, remembering, &change);
  if (status.ok()) return OutcomeOf(household_id, *case_id, Result<CaseChange>(std::move(change)));
  if (refused) return RefusedOutcome(household_id, *case_id, *refused);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return RefusedOutcome(household_id, "", NoCaseFor(household_id));
  }
  return RefusedOutcome(
      household_id, *case_id,
      Error::FailedPrecondition(status.error_message()).WithKey("error.case.busy", {{"case", *case_id}}));
}

}  // namespace

std::vector<v1::CaseOperationOutcome> ApplyToHouseholds(redis::Connection& redis,
                                                        const AssignmentEnvironment& environment,
                                                        const std::vector<std::string>& household_ids,
                                                        const events::EventContext& event_context,
                                                        const CaseTransform& transform) {
  std::vector<v1::CaseOperationOutcome> outcomes;
  outcomes.reserve(household_ids.size());
  for (const std::string& household_id : household_ids) {
    outcomes.push_back(OutcomeOfHousehold(redis, environment, household_id, event_context, transform));
  }
  return outcomes;
}

}  // namespace ansinh::assignment
