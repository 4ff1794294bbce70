#include "classification/core/round_approval.h"

#include <algorithm>
#include <map>

#include "classification/core/approval_tally.h"
#include "classification/core/list_years.h"
#include "classification/core/round_states.h"
#include "kernel/civil_date.h"

namespace ansinh::classification {

FieldViolations ValidateDecision(const ApprovalInput& input) {
  FieldViolations violations;
  if (input.decision_number.empty()) {
    violations.push_back({"decision_number",
                          "must give the number of the chairman's decision, e.g. 125/QĐ-UBND",
                          "violation.approval.decision_number"});
  }
  const std::optional<CivilDate> decided = ParseIsoDate(input.decision_date);
  if (input.decision_date.empty()) {
    violations.push_back({"decision_date", "must give the date of the chairman's decision (YYYY-MM-DD)",
                          "violation.approval.decision_date"});
  } else if (!decided) {
    violations.push_back({"decision_date", "must be an ISO date (YYYY-MM-DD)", "violation.date.iso"});
  } else if (*decided > input.today) {
    violations.push_back(
        {"decision_date",
         "must not be after today (" + FormatIsoDate(input.today) + "): record a decision once it is signed",
         "violation.approval.decision_after_today",
         {{"today", FormatIsoDate(input.today)}}});
  }
  return violations;
}

Result<ApprovalOutcome> ApproveRound(const v1::ReviewRound& round,
                                     std::span<const v1::RoundHousehold> households,
                                     const ApprovalInput& input) {
  ApprovalTally tally(round, input);
  tally.Add(households);
  Result<ApprovalDecision> decision = tally.Decide();
  if (!decision.ok()) return decision.error();
  ApprovalOutcome outcome;
  outcome.round = std::move(decision->round);
  outcome.event = std::move(decision->event);
  std::map<std::string, const v1::Exclusion*> exclusions;
  for (const v1::Exclusion& exclusion : input.exclusions)
    exclusions.try_emplace(exclusion.household_id(), &exclusion);
  outcome.households.reserve(households.size());
  for (const v1::RoundHousehold& household : households) {
    const auto exclusion = exclusions.find(household.household_id());
    const v1::RoundHousehold& updated = outcome.households.emplace_back(
        FinalStateOf(household, exclusion == exclusions.end() ? nullptr : exclusion->second));
    if (updated.state() == v1::HOUSEHOLD_REVIEW_STATE_APPROVED) {
      outcome.approved.push_back(ApprovedResultOf(outcome.round, household));
    }
  }
  std::sort(outcome.approved.begin(), outcome.approved.end(),
            [](const v1::ApprovedResult& a, const v1::ApprovedResult& b) {
              return a.household_id() < b.household_id();
            });
  return outcome;
}

v1::ApprovedResult ApprovedResultOf(const v1::ReviewRound& approved_round,
                                    const v1::RoundHousehold& household) {
  v1::ApprovedResult approved;
  approved.set_household_id(household.household_id());
  approved.set_residential_group(household.residential_group());
  approved.set_round_id(approved_round.round_id());
  approved.set_review_year(approved_round.review_year());
  approved.set_list_year(ListYearOfRound(approved_round));
  approved.set_review_kind(approved_round.kind());
  approved.set_approved_by(approved_round.approved_by());
  approved.set_approved_date(approved_round.approved_date());
  approved.set_decision_number(approved_round.decision_number());
  *approved.mutable_result() = household.proposed();
  return approved;
}

}  // namespace ansinh::classification
