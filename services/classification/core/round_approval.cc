#include "classification/core/round_approval.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "classification/core/list_years.h"
#include "classification/core/round_list.h"
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

bool NotSurveyed(const v1::RoundHousehold& household) {
  return household.state() == v1::HOUSEHOLD_REVIEW_STATE_LISTED ||
         household.state() == v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED;
}

FieldViolations CheckInput(const v1::ReviewRound& round, std::span<const v1::RoundHousehold> households,
                           const ApprovalInput& input) {
  FieldViolations violations;
  if (input.approved_by.empty()) {
    violations.push_back({"approved_by", "must name who approves", "violation.approval.approved_by"});
  }
  FieldViolations decision = ValidateDecision(input);
  if (decision.empty()) {
    CheckStepDate(round, input.decision_date, "decision_date", violations);
  }
  violations.insert(violations.end(), decision.begin(), decision.end());
  std::map<std::string, const v1::RoundHousehold*> by_id;
  for (const v1::RoundHousehold& household : households) by_id[household.household_id()] = &household;
  std::set<std::string> excluded;
  for (size_t i = 0; i < input.exclusions.size(); ++i) {
    const v1::Exclusion& exclusion = input.exclusions[i];
    const std::string field = "exclusions[" + std::to_string(i) + "]";
    const auto found = by_id.find(exclusion.household_id());
    if (found == by_id.end()) {
      violations.push_back({field + ".household_id",
                            "household " + exclusion.household_id() + " is not in round " + round.round_id(),
                            "violation.approval.exclusion_not_in_round",
                            {{"household", exclusion.household_id()}, {"round", round.round_id()}}});
    } else if (NotSurveyed(*found->second)) {
      violations.push_back(
          {field + ".household_id",
           "household " + exclusion.household_id() +
               " is on the round's list and was not surveyed: record a decision about it (moved away, "
               "dissolved or carried over, with a reason) instead of excluding it",
           "violation.approval.exclusion_not_surveyed",
           {{"household", exclusion.household_id()}}});
    }
    if (!excluded.insert(exclusion.household_id()).second) {
      violations.push_back(
          {field + ".household_id", "is excluded twice", "violation.approval.excluded_twice"});
    }
    if (exclusion.reason().empty()) {
      violations.push_back(
          {field + ".reason", "must say why it is excluded", "violation.approval.exclusion_reason"});
    }
  }
  return violations;
}

// "... 3 households are not ready: HH-1 (why), HH-2 (why) and 1 more".
std::string NameHouseholds(const FieldViolations& households) {
  std::string names;
  for (size_t i = 0; i < households.size() && i < kNamedInMessage; ++i) {
    if (i > 0) names += ", ";
    names += households[i].field + " (" + households[i].description + ")";
  }
  if (households.size() > kNamedInMessage) {
    names += " and " + std::to_string(households.size() - kNamedInMessage) + " more";
  }
  return names;
}

std::string CountHouseholds(size_t count) {
  return std::to_string(count) + (count == 1 ? " household" : " households");
}

// How much of a periodic round's list the approval reaches. Households that
// moved away or dissolved are off the list; of the rest, those without a new
// result (carried over, excluded) may be at most the configured share.
struct ListCoverage {
  int on_list = 0;
  int in_ward = 0;
  int approved = 0;
  // Each listed household in the ward left without a result, and how.
  FieldViolations unreviewed;
};

ListCoverage CoverageOf(std::span<const v1::RoundHousehold> households,
                        const std::function<const v1::Exclusion*(const std::string&)>& exclusion_of) {
  ListCoverage coverage;
  for (const v1::RoundHousehold& household : households) {
    if (!OnList(household)) continue;
    ++coverage.on_list;
    const v1::ListDecisionKind decision = household.state() == v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED
                                              ? household.list_decision().kind()
                                              : v1::LIST_DECISION_KIND_UNSPECIFIED;
    if (decision == v1::LIST_DECISION_KIND_MOVED_AWAY || decision == v1::LIST_DECISION_KIND_DISSOLVED) {
      continue;
    }
    ++coverage.in_ward;
    if (decision == v1::LIST_DECISION_KIND_CARRIED_OVER) {
      coverage.unreviewed.push_back({household.household_id(),
                                     "carried over without a survey: " + household.list_decision().reason(),
                                     "violation.approval.carried_over",
                                     {{"reason", household.list_decision().reason()}}});
    } else if (const v1::Exclusion* exclusion = exclusion_of(household.household_id())) {
      coverage.unreviewed.push_back({household.household_id(),
                                     "excluded: " + exclusion->reason(),
                                     "violation.approval.excluded",
                                     {{"reason", exclusion->reason()}}});
    } else {
      ++coverage.approved;
    }
  }
  return coverage;
}

// The most households of `in_ward` that may go without a new result:
// `percent` of them, rounded up (a list of 5 may leave 1 at 10%).
int AllowedUnreviewed(int in_ward, int percent) { return (in_ward * percent + 99) / 100; }

}  // namespace

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
  FieldViolations violations = CheckInput(round, households, input);
  if (!violations.empty()) {
    std::string message = "cannot approve round " + round.round_id();
    for (size_t i = 0; i < violations.size(); ++i) {
      message += i == 0 ? ": " : "; ";
      message += violations[i].field + " " + violations[i].description;
    }
    return Error::InvalidArgument(std::move(message), std::move(violations))
        .WithKey("error.approval.invalid", {{"round", round.round_id()}});
  }
  if (std::optional<Error> wrong = RequireSameRound(round, households)) {
    return *wrong;
  }
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;
  if (households.empty()) {
    return Error::FailedPrecondition("round " + round.round_id() + " has no surveyed household to approve")
        .WithKey("error.approval.nothing_surveyed", {{"round", round.round_id()}});
  }

  const CivilDate decided_on = *ParseIsoDate(input.decision_date);
  const std::function<const v1::Exclusion*(const std::string&)> exclusion_of =
      [&](const std::string& household_id) -> const v1::Exclusion* {
    for (const v1::Exclusion& exclusion : input.exclusions) {
      if (exclusion.household_id() == household_id) return &exclusion;
    }
    return nullptr;
  };

  FieldViolations not_ready;
  for (const v1::RoundHousehold& household : households) {
    if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED) continue;
    if (exclusion_of(household.household_id()) == nullptr && !ReadyForApproval(household, decided_on)) {
      not_ready.push_back(NotReady(household));
    }
  }
  if (!not_ready.empty()) {
    std::sort(not_ready.begin(), not_ready.end(),
              [](const FieldViolation& a, const FieldViolation& b) { return a.field < b.field; });
    const bool listed = std::any_of(households.begin(), households.end(), [](const v1::RoundHousehold& h) {
      return h.state() == v1::HOUSEHOLD_REVIEW_STATE_LISTED;
    });
    std::string message =
        "round " + round.round_id() + " cannot be approved: " + CountHouseholds(not_ready.size()) +
        (not_ready.size() == 1 ? " is" : " are") + " not ready: " + NameHouseholds(not_ready) +
        "; finish their steps or exclude them explicitly";
    if (listed) {
      message +=
          " (a listed household that was not surveyed needs a survey or a recorded decision: moved "
          "away, dissolved or carried over)";
    }
    const std::string count = std::to_string(not_ready.size());
    return Error::FailedPrecondition(std::move(message), std::move(not_ready))
        .WithKey(listed ? "error.approval.not_ready_listed" : "error.approval.not_ready",
                 {{"round", round.round_id()}, {"count", count}});
  }

  ListCoverage coverage = CoverageOf(households, exclusion_of);
  if (round.kind() == v1::REVIEW_KIND_PERIODIC) {
    const int allowed = AllowedUnreviewed(coverage.in_ward, input.max_unreviewed_list_percent);
    if (static_cast<int>(coverage.unreviewed.size()) > allowed) {
      std::sort(coverage.unreviewed.begin(), coverage.unreviewed.end(),
                [](const FieldViolation& a, const FieldViolation& b) { return a.field < b.field; });
      std::string message =
          "round " + round.round_id() + " cannot be approved: it would leave " +
          std::to_string(coverage.unreviewed.size()) + " of the " + CountHouseholds(coverage.in_ward) +
          " on its list still in the ward without a new result, and at most " + std::to_string(allowed) +
          " (" + std::to_string(input.max_unreviewed_list_percent) +
          "%, rounded up) may be: " + NameHouseholds(coverage.unreviewed) + "; survey them";
      const std::string unreviewed = std::to_string(coverage.unreviewed.size());
      return Error::FailedPrecondition(std::move(message), std::move(coverage.unreviewed))
          .WithKey("error.approval.too_many_unreviewed",
                   {{"round", round.round_id()},
                    {"unreviewed", unreviewed},
                    {"in_ward", std::to_string(coverage.in_ward)},
                    {"allowed", std::to_string(allowed)},
                    {"percent", std::to_string(input.max_unreviewed_list_percent)}});
    }
  }

  ApprovalOutcome outcome;
  outcome.round = round;
  outcome.round.set_status(v1::ROUND_STATUS_APPROVED);
  outcome.round.set_approved_by(input.approved_by);
  outcome.round.set_approved_date(input.decision_date);
  outcome.round.set_decision_number(input.decision_number);
  outcome.round.set_decision_date(input.decision_date);
  outcome.round.set_approval_entered_date(FormatIsoDate(input.today));
  v1::RoundApproved& event = outcome.event;
  event.set_round_id(round.round_id());
  event.set_review_year(round.review_year());
  event.set_list_year(ListYearOfRound(round));
  event.set_kind(round.kind());
  event.set_approved_by(input.approved_by);
  event.set_approved_date(input.decision_date);
  event.set_decision_number(input.decision_number);
  event.set_decision_date(input.decision_date);
  event.set_entered_date(FormatIsoDate(input.today));
  event.set_on_list(coverage.on_list);
  event.set_on_list_in_ward(coverage.in_ward);
  event.set_on_list_approved(coverage.approved);
  for (const v1::Exclusion& exclusion : input.exclusions) {
    *event.add_exclusions() = exclusion;
  }

  outcome.households.reserve(households.size());
  for (const v1::RoundHousehold& household : households) {
    v1::RoundHousehold& updated = outcome.households.emplace_back(household);
    if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED) {
      // Left out with its decision: it keeps its official status (carried
      // over), or leaves the lists as the registry's departure already took
      // it off them.
      updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
      updated.set_exclusion_reason(household.list_decision().reason());
      v1::Exclusion* decided = event.add_exclusions();
      decided->set_household_id(household.household_id());
      decided->set_reason(household.list_decision().reason());
      decided->set_decision(household.list_decision().kind());
      continue;
    }
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
  approved.set_list_year(ListYearOfRound(approved_round));
  approved.set_review_kind(approved_round.kind());
  approved.set_approved_by(approved_round.approved_by());
  approved.set_approved_date(approved_round.approved_date());
  approved.set_decision_number(approved_round.decision_number());
  *approved.mutable_result() = household.proposed();
  return approved;
}

}  // namespace ansinh::classification
