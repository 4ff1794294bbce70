#include "classification/core/approval_tally.h"

#include <algorithm>

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

FieldViolations SortedByHousehold(FieldViolations violations) {
  std::sort(violations.begin(), violations.end(),
            [](const FieldViolation& a, const FieldViolation& b) { return a.field < b.field; });
  return violations;
}

// The most households of `in_ward` that may go without a new result:
// `percent` of them, rounded up (a list of 5 may leave 1 at 10%).
int AllowedUnreviewed(int in_ward, int percent) { return (in_ward * percent + 99) / 100; }

}  // namespace

ApprovalTally::ApprovalTally(const v1::ReviewRound& round, ApprovalInput input)
    : round_(round), input_(std::move(input)), decided_on_(ParseIsoDate(input_.decision_date)) {
  // The first exclusion of a household decides (a second is refused anyway).
  for (const v1::Exclusion& exclusion : input_.exclusions)
    exclusions_.try_emplace(exclusion.household_id(), &exclusion);
}

const v1::Exclusion* ApprovalTally::ExclusionOf(const std::string& household_id) const {
  const auto found = exclusions_.find(household_id);
  return found == exclusions_.end() ? nullptr : found->second;
}

void ApprovalTally::Add(std::span<const v1::RoundHousehold> batch) {
  for (const v1::RoundHousehold& household : batch) {
    if (!seen_.insert(household.household_id()).second) continue;
    if (!wrong_round_) wrong_round_ = RequireSameRound(round_, std::span(&household, 1));
    const v1::Exclusion* exclusion = ExclusionOf(household.household_id());
    if (exclusion != nullptr) {
      excluded_in_round_.insert(household.household_id());
      if (NotSurveyed(household)) excluded_not_surveyed_.insert(household.household_id());
    }
    if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_LISTED) any_listed_ = true;
    const bool decided = household.state() == v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED;
    if (!decided && exclusion == nullptr && decided_on_ && !ReadyForApproval(household, *decided_on_)) {
      not_ready_.push_back(NotReady(household));
    }

    if (OnList(household)) {
      ++on_list_;
      const v1::ListDecisionKind kind =
          decided ? household.list_decision().kind() : v1::LIST_DECISION_KIND_UNSPECIFIED;
      if (kind != v1::LIST_DECISION_KIND_MOVED_AWAY && kind != v1::LIST_DECISION_KIND_DISSOLVED) {
        ++on_list_in_ward_;
        if (kind == v1::LIST_DECISION_KIND_CARRIED_OVER) {
          unreviewed_.push_back({household.household_id(),
                                 "carried over without a survey: " + household.list_decision().reason(),
                                 "violation.approval.carried_over",
                                 {{"reason", household.list_decision().reason()}}});
        } else if (exclusion != nullptr) {
          unreviewed_.push_back({household.household_id(),
                                 "excluded: " + exclusion->reason(),
                                 "violation.approval.excluded",
                                 {{"reason", exclusion->reason()}}});
        } else {
          ++on_list_approved_;
        }
      }
    }

    if (decided) {
      // Left out with its decision: it keeps its official status (carried
      // over), or leaves the lists as the registry's departure already took
      // it off them.
      v1::Exclusion& left_out = decided_exclusions_.emplace_back();
      left_out.set_household_id(household.household_id());
      left_out.set_reason(household.list_decision().reason());
      left_out.set_decision(household.list_decision().kind());
      continue;
    }
    if (exclusion != nullptr) continue;
    approved_ids_.push_back(household.household_id());
    const v1::ClassificationResult& result = household.proposed();
    if (result.category() == v1::POVERTY_CATEGORY_POOR) {
      ++poor_;
      if (result.without_labour_capacity()) ++poor_without_labour_capacity_;
    } else if (result.category() == v1::POVERTY_CATEGORY_NEAR_POOR) {
      ++near_poor_;
    }
  }
}

Result<ApprovalDecision> ApprovalTally::Decide() const {
  FieldViolations violations;
  if (input_.approved_by.empty()) {
    violations.push_back({"approved_by", "must name who approves", "violation.approval.approved_by"});
  }
  FieldViolations decision = ValidateDecision(input_);
  if (decision.empty()) CheckStepDate(round_, input_.decision_date, "decision_date", violations);
  violations.insert(violations.end(), decision.begin(), decision.end());
  std::unordered_set<std::string> excluded;
  for (size_t i = 0; i < input_.exclusions.size(); ++i) {
    const v1::Exclusion& exclusion = input_.exclusions[i];
    const std::string field = "exclusions[" + std::to_string(i) + "]";
    if (!excluded_in_round_.contains(exclusion.household_id())) {
      violations.push_back({field + ".household_id",
                            "household " + exclusion.household_id() + " is not in round " + round_.round_id(),
                            "violation.approval.exclusion_not_in_round",
                            {{"household", exclusion.household_id()}, {"round", round_.round_id()}}});
    } else if (excluded_not_surveyed_.contains(exclusion.household_id())) {
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
  if (!violations.empty()) {
    std::string message = "cannot approve round " + round_.round_id();
    for (size_t i = 0; i < violations.size(); ++i) {
      message += i == 0 ? ": " : "; ";
      message += violations[i].field + " " + violations[i].description;
    }
    return Error::InvalidArgument(std::move(message), std::move(violations))
        .WithKey("error.approval.invalid", {{"round", round_.round_id()}});
  }
  if (wrong_round_) return *wrong_round_;
  if (std::optional<Error> closed = RequireOpen(round_)) return *closed;
  if (seen_.empty()) {
    return Error::FailedPrecondition("round " + round_.round_id() + " has no surveyed household to approve")
        .WithKey("error.approval.nothing_surveyed", {{"round", round_.round_id()}});
  }

  if (!not_ready_.empty()) {
    FieldViolations not_ready = SortedByHousehold(not_ready_);
    std::string message =
        "round " + round_.round_id() + " cannot be approved: " + CountHouseholds(not_ready.size()) +
        (not_ready.size() == 1 ? " is" : " are") + " not ready: " + NameHouseholds(not_ready) +
        "; finish their steps or exclude them explicitly";
    if (any_listed_) {
      message +=
          " (a listed household that was not surveyed needs a survey or a recorded decision: moved "
          "away, dissolved or carried over)";
    }
    const std::string count = std::to_string(not_ready.size());
    return Error::FailedPrecondition(std::move(message), std::move(not_ready))
        .WithKey(any_listed_ ? "error.approval.not_ready_listed" : "error.approval.not_ready",
                 {{"round", round_.round_id()}, {"count", count}});
  }

  if (round_.kind() == v1::REVIEW_KIND_PERIODIC) {
    const int allowed = AllowedUnreviewed(on_list_in_ward_, input_.max_unreviewed_list_percent);
    if (static_cast<int>(unreviewed_.size()) > allowed) {
      FieldViolations unreviewed = SortedByHousehold(unreviewed_);
      std::string message =
          "round " + round_.round_id() + " cannot be approved: it would leave " +
          std::to_string(unreviewed.size()) + " of the " + CountHouseholds(on_list_in_ward_) +
          " on its list still in the ward without a new result, and at most " + std::to_string(allowed) +
          " (" + std::to_string(input_.max_unreviewed_list_percent) +
          "%, rounded up) may be: " + NameHouseholds(unreviewed) + "; survey them";
      const std::string count = std::to_string(unreviewed.size());
      return Error::FailedPrecondition(std::move(message), std::move(unreviewed))
          .WithKey("error.approval.too_many_unreviewed",
                   {{"round", round_.round_id()},
                    {"unreviewed", count},
                    {"in_ward", std::to_string(on_list_in_ward_)},
                    {"allowed", std::to_string(allowed)},
                    {"percent", std::to_string(input_.max_unreviewed_list_percent)}});
    }
  }

  ApprovalDecision outcome;
  outcome.round = round_;
  outcome.round.set_status(v1::ROUND_STATUS_APPROVED);
  outcome.round.set_approved_by(input_.approved_by);
  outcome.round.set_approved_date(input_.decision_date);
  outcome.round.set_decision_number(input_.decision_number);
  outcome.round.set_decision_date(input_.decision_date);
  outcome.round.set_approval_entered_date(FormatIsoDate(input_.today));
  v1::RoundApproved& event = outcome.event;
  event.set_round_id(round_.round_id());
  event.set_review_year(round_.review_year());
  event.set_list_year(ListYearOfRound(round_));
  event.set_kind(round_.kind());
  event.set_approved_by(input_.approved_by);
  event.set_approved_date(input_.decision_date);
  event.set_decision_number(input_.decision_number);
  event.set_decision_date(input_.decision_date);
  event.set_entered_date(FormatIsoDate(input_.today));
  event.set_on_list(on_list_);
  event.set_on_list_in_ward(on_list_in_ward_);
  event.set_on_list_approved(on_list_approved_);
  event.set_poor(poor_);
  event.set_near_poor(near_poor_);
  event.set_poor_without_labour_capacity(poor_without_labour_capacity_);
  for (const v1::Exclusion& exclusion : input_.exclusions) *event.add_exclusions() = exclusion;
  std::vector<const v1::Exclusion*> decided;
  decided.reserve(decided_exclusions_.size());
  for (const v1::Exclusion& exclusion : decided_exclusions_) decided.push_back(&exclusion);
  std::sort(decided.begin(), decided.end(), [](const v1::Exclusion* a, const v1::Exclusion* b) {
    return a->household_id() < b->household_id();
  });
  for (const v1::Exclusion* exclusion : decided) *event.add_exclusions() = *exclusion;
  std::vector<std::string_view> approved(approved_ids_.begin(), approved_ids_.end());
  std::sort(approved.begin(), approved.end());
  event.mutable_approved_household_ids()->Reserve(static_cast<int>(approved.size()));
  for (std::string_view id : approved) event.add_approved_household_ids(std::string(id));
  return outcome;
}

v1::RoundHousehold FinalStateOf(const v1::RoundHousehold& household, const v1::Exclusion* exclusion) {
  v1::RoundHousehold updated = household;
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_APPROVED ||
      household.state() == v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED) {
    return updated;
  }
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED) {
    updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
    updated.set_exclusion_reason(household.list_decision().reason());
  } else if (exclusion != nullptr) {
    updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
    updated.set_exclusion_reason(exclusion->reason());
  } else {
    updated.set_state(v1::HOUSEHOLD_REVIEW_STATE_APPROVED);
  }
  return updated;
}

}  // namespace ansinh::classification
