#include "assignment/core/case_operation_outcomes.h"

#include <set>

#include "assignment/core/request_checks.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::assignment {

void CheckHouseholdIds(const google::protobuf::RepeatedPtrField<std::string>& ids, std::string_view field,
                       bool required_at_least_one, FieldViolations* violations) {
  const std::string name(field);
  if (ids.empty()) {
    if (required_at_least_one) violations->push_back({name, "must name at least one household"});
    return;
  }
  if (ids.size() > kMaxBulkHouseholds) {
    violations->push_back({name, "must name at most " + std::to_string(kMaxBulkHouseholds) +
                                     " households (got " + std::to_string(ids.size()) + ")"});
    return;
  }
  std::set<std::string_view> seen;
  for (int i = 0; i < ids.size(); ++i) {
    const std::string path = name + "[" + std::to_string(i) + "]";
    if (IsBlank(ids[i])) {
      violations->push_back({path, "must not be empty"});
    } else if (!seen.insert(ids[i]).second) {
      violations->push_back({path, "repeats household " + ids[i]});
    }
  }
}

v1::CaseOperationOutcome RefusedOutcome(std::string_view household_id, std::string_view case_id,
                                        const Error& error) {
  v1::CaseOperationOutcome outcome;
  outcome.set_household_id(std::string(household_id));
  outcome.set_case_id(std::string(case_id));
  outcome.set_refusal(error.message);
  *outcome.mutable_refusal_text() = error.key.empty()
                                        ? i18n::Localized("problem.as_written", {{"text", error.message}})
                                        : i18n::TextOf(error);
  return outcome;
}

v1::CaseOperationOutcome OutcomeOf(std::string_view household_id, std::string_view case_id,
                                   const Result<CaseChange>& decided) {
  if (!decided.ok()) return RefusedOutcome(household_id, case_id, decided.error());
  v1::CaseOperationOutcome outcome;
  outcome.set_household_id(std::string(household_id));
  outcome.set_case_id(std::string(case_id));
  if (decided.value().changed()) {
    outcome.set_done(true);
  } else {
    outcome.set_already(true);
  }
  return outcome;
}

Error NoCaseFor(std::string_view household_id) {
  const std::string id(household_id);
  return Error::NotFound("household " + id + " has no case (it was never officially poor or near-poor)")
      .WithKey("error.case.none_for_household", {{"household", id}});
}

}  // namespace ansinh::assignment
