#include "classification/core/round_approval.h"

#include <algorithm>
#include <optional>
#include <set>

#include "classification/core/round_states.h"
#include "i18n/proto/localized_text.h"
#include "kernel/civil_date.h"

namespace ansinh::classification {
namespace {

// Names at most this many households in a refusal message; the violations
// list them all.
constexpr size_t kNamedInMessage = 10;

// Why a household is not ready, on the violation that names it.
FieldViolation NotReady(const v1::RoundHousehold& household) {
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_POSTED) {
    return {household.household_id(),
            "complaint window open until " + household.complaint_window_closes(),
            "violation.approval.window_open",
            {{"closes", household.complaint_window_closes()}}};
  }
  return {household.household_id(),
          std::string(StateWords(household.state())),
          "violation.approval.not_ready",
          {{"state", i18n::EnumArg(household.state())}}};
}

FieldViolations CheckInput(const v1::ReviewRound& round, std::span<const v1::RoundHousehold> households,
                           const ApprovalInput& input) {
  FieldViolations violations;
  if (input.approved_by.empty()) {
    violations.push_back({"approved_by", "must name who approves"});
  }
  CheckStepDate(round, input.approved_date, "approved_date", violations);
  std::set<std::string> excluded;
  for (size_t i = 0; i < input.exclusions.size(); ++i) {
    const v1::Exclusion& exclusion = input.exclusions[i];
    const std::string field = "exclusions[" + std::to_string(i) + "]";
    const bool in_round =
        std::any_of(households.begin(), households.end(), [&](const v1::RoundHousehold& household) {
          return household.household_id() == exclusion.household_id();
        });
    if (!in_round) {
      violations.push_back({field + ".household_id", "household " + exclusion.household_id() +
                                                         " is not in round " + round.round_id()});
    }
    if (!excluded.insert(exclusion.household_id()).second) {
      violations.push_back({field + ".household_id", "is excluded twice"});
    }
    if (exclusion.reason().empty()) {
      violations.push_back({field + ".reason", "must say why it is excluded"});
    }
  }
  return violations;
}

}  // namespace

Result<ApprovalOutcome> ApproveRound(const v1::ReviewRound& round,
                                     std::span<const v1::RoundHousehold> households,
                                     const ApprovalInput& input) {
  FieldViolations violations = CheckInput(round, households, input);
  if (!violations.empty()) {
    std::string message = "cannot approve round " + round.round_id();
    for (size_t i = 0; i < violations.size(); ++i) {
      message += i == 0 ? ": " : "; ";
      message += violations[i].field + " " + violations[i].description;
    }
    return Error::InvalidArgument(std::move(message), std::move(violations));
  }
  if (std::optional<Error> wrong = RequireSameRound(round, households)) {
    return *wrong;
  }
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;
  if (households.empty()) {
    return Error::FailedPrecondition("round " + round.round_id() + " has no surveyed household to approve")
        .WithKey("error.approval.nothing_surveyed", {{"round", round.round_id()}});
  }

  const CivilDate approved_on = *ParseIsoDate(input.approved_date);
  const auto exclusion_of = [&](const std::string& household_id) -> const v1::Exclusion* {
    for (const v1::Exclusion& exclusion : input.exclusions) {
      if (exclusion.household_id() == household_id) return &exclusion;
    }
    return nullptr;
  };

  FieldViolations not_ready;
  for (const v1::RoundHousehold& household : households) {
    if (exclusion_of(household.household_id()) == nullptr && !ReadyForApproval(household, approved_on)) {
      not_ready.push_back(NotReady(household));
    }
  }
  if (!not_ready.empty()) {
    std::sort(not_ready.begin(), not_ready.end(),
              [](const FieldViolation& a, const FieldViolation& b) { return a.field < b.field; });
    std::string message = "round " + round.round_id() +
                          " cannot be approved: " + std::to_string(not_ready.size()) +
                          (not_ready.size() == 1 ? " household is" : " households are") + " not ready: ";
    for (size_t i = 0; i < not_ready.size() && i < kNamedInMessage; ++i) {
      if (i > 0) message += ", ";
      message += not_ready[i].field + " (" + not_ready[i].description + ")";
    }
    if (not_ready.size() > kNamedInMessage) {
      message += " and " + std::to_string(not_ready.size() - kNamedInMessage) + " more";
    }
    message += "; finish their steps or exclude them explicitly";
    const std::string count = std::to_string(not_ready.size());
    return Error::FailedPrecondition(std::move(message), std::move(not_ready))
        .WithKey("error.approval.not_ready", {{"round", round.round_id()}, {"count", count}});
  }

  ApprovalOutcome outcome;
  outcome.round = round;
  outcome.round.set_status(v1::ROUND_STATUS_APPROVED);
  outcome.round.set_approved_by(input.approved_by);
  outcome.round.set_approved_date(input.approved_date);
  v1::RoundApproved& event = outcome.event;
  event.set_round_id(round.round_id());
  event.set_review_year(round.review_year());
  event.set_kind(round.kind());
  event.set_approved_by(input.approved_by);
  event.set_approved_date(input.approved_date);
  for (const v1::Exclusion& exclusion : input.exclusions) {
    *event.add_exclusions() = exclusion;
  }

  outcome.households.reserve(households.size());
  for (const v1::RoundHousehold& household : households) {
    v1::RoundHousehold& updated = outcome.households.emplace_back(household);
    if (const v1::Exclusion* exclusion = exclusion_of(household.household_id())) {
      updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
      updated.set_exclusion_reason(exclusion->reason());
      continue;
    }
    updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_APPROVED);
    outcome.approved.push_back(ApprovedResultOf(outcome.round, household));
    const v1::ClassificationResult& result = household.proposed();
    if (result.category() == v1::POVERTY_CATEGORY_POOR) {
      event.set_poor(event.poor() + 1);
      if (result.without_labour_capacity()) {
        event.set_poor_without_labour_capacity(event.poor_without_labour_capacity() + 1);
      }
    } else if (result.category() == v1::POVERTY_CATEGORY_NEAR_POOR) {
      event.set_near_poor(event.near_poor() + 1);
    }
  }
  std::sort(outcome.approved.begin(), outcome.approved.end(),
            [](const v1::ApprovedResult& a, const v1::ApprovedResult& b) {
              return a.household_id() < b.household_id();
            });
  for (const v1::ApprovedResult& approved : outcome.approved) {
    event.add_approved_household_ids(approved.household_id());
  }
  return outcome;
}

v1::ApprovedResult ApprovedResultOf(const v1::ReviewRound& approved_round,
                                    const v1::RoundHousehold& household) {
  v1::ApprovedResult approved;
  approved.set_household_id(household.household_id());
  approved.set_residential_group(household.residential_group());
  approved.set_round_id(approved_round.round_id());
  approved.set_review_year(approved_round.review_year());
  approved.set_review_kind(approved_round.kind());
  approved.set_approved_by(approved_round.approved_by());
  approved.set_approved_date(approved_round.approved_date());
  *approved.mutable_result() = household.proposed();
  return approved;
}

}  // namespace ansinh::classification
