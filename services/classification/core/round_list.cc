#include "classification/core/round_list.h"

#include <algorithm>

#include "classification/core/round_states.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::classification {
namespace {

Error InvalidListInput(std::string what, FieldViolations violations) {
  std::string message = ListViolations(std::move(what), violations);
  return Error::InvalidArgument(std::move(message), std::move(violations));
}

v1::RoundHousehold Listed(const v1::ReviewRound& round, const std::string& household_id,
                          const std::string& residential_group, v1::ListReason reason) {
  v1::RoundHousehold household;
  household.set_round_id(round.round_id());
  household.set_household_id(household_id);
  household.set_residential_group(residential_group);
  household.set_state(v1::HOUSEHOLD_REVIEW_STATE_LISTED);
  household.set_list_reason(reason);
  return household;
}

}  // namespace

bool OnList(const v1::RoundHousehold& household) {
  switch (household.list_reason()) {
    case v1::LIST_REASON_POOR:
    case v1::LIST_REASON_NEAR_POOR:
    case v1::LIST_REASON_APPLIED:
    case v1::LIST_REASON_ADDED:
      return true;
    default:
      return false;
  }
}

DrawnList DrawUpList(const v1::ReviewRound& round, std::span<const v1::HouseholdStatusSummary> statuses) {
  DrawnList list;
  for (const v1::HouseholdStatusSummary& status : statuses) {
    if (status.category() == v1::POVERTY_CATEGORY_POOR) {
      list.households.push_back(
          Listed(round, status.household_id(), status.residential_group(), v1::LIST_REASON_POOR));
      ++list.poor;
    } else if (status.category() == v1::POVERTY_CATEGORY_NEAR_POOR) {
      list.households.push_back(
          Listed(round, status.household_id(), status.residential_group(), v1::LIST_REASON_NEAR_POOR));
      ++list.near_poor;
    }
  }
  std::sort(list.households.begin(), list.households.end(),
            [](const v1::RoundHousehold& a, const v1::RoundHousehold& b) {
              return a.household_id() < b.household_id();
            });
  // A household indexed under two categories (a torn read) is listed once.
  list.households.erase(std::unique(list.households.begin(), list.households.end(),
                                    [](const v1::RoundHousehold& a, const v1::RoundHousehold& b) {
                                      return a.household_id() == b.household_id();
                                    }),
                        list.households.end());
  return list;
}

RoundOpening OpeningOf(v1::ReviewRound round, std::span<const v1::HouseholdStatusSummary> statuses) {
  RoundOpening opening;
  if (round.kind() == v1::REVIEW_KIND_PERIODIC) opening.list = DrawUpList(round, statuses);
  *opening.event.mutable_round() = round;
  opening.event.set_listed_poor(opening.list.poor);
  opening.event.set_listed_near_poor(opening.list.near_poor);
  opening.round = std::move(round);
  return opening;
}

FieldViolations ValidateListAddition(const ListAddition& input) {
  FieldViolations violations;
  if (input.household_id.empty()) violations.push_back({"household_id", "must name a household"});
  if (input.reason != v1::LIST_REASON_APPLIED && input.reason != v1::LIST_REASON_ADDED) {
    violations.push_back({"reason",
                          "must be APPLIED (the household applied to be assessed) or ADDED (an officer adds "
                          "it); poor and near-poor households are listed when the round opens"});
  }
  if (input.note.empty()) {
    violations.push_back({"note", "must say why: the application's reference, or why the officer adds it"});
  }
  return violations;
}

Result<RoundHouseholdChange> AddToList(const v1::ReviewRound& round, uint64_t round_events,
                                       const v1::RoundHousehold* current, const KnownHousehold& known,
                                       const ListAddition& input) {
  if (FieldViolations violations = ValidateListAddition(input); !violations.empty()) {
    return InvalidListInput("cannot add to the list of round " + round.round_id(), std::move(violations));
  }
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;
  if (round.kind() != v1::REVIEW_KIND_PERIODIC) {
    return Error::FailedPrecondition("round " + round.round_id() + " is the regular review of household " +
                                     round.household_id() +
                                     "; only a periodic round has a list to add households to")
        .WithKey("error.list.regular_round",
                 {{"round", round.round_id()}, {"household", round.household_id()}});
  }
  if (!known.known) {
    return Error::NotFound("household " + input.household_id +
                           " is not known to the classification service: no registration or survey of it "
                           "has reached it from the registry")
        .WithKey("error.list.household_unknown", {{"household", input.household_id}});
  }
  if (!known.departure.empty()) {
    return Error::FailedPrecondition("household " + input.household_id + " has left the ward (" +
                                     known.departure + "); it is no longer reviewed")
        .WithKey("error.household.left_ward", {{"household", input.household_id}, {"why", known.departure}});
  }

  RoundHouseholdChange change;
  if (current != nullptr) {
    if (current->household_id() != input.household_id || current->round_id() != round.round_id()) {
      return Error::InvalidArgument("the record of household " + current->household_id() + " in round " +
                                    current->round_id() + " is not that of " + input.household_id);
    }
    if (OnList(*current)) {
      return Error::AlreadyExists("household " + input.household_id + " is already on the list of round " +
                                  round.round_id() + " (" + ListReasonWords(current->list_reason()) + ")")
          .WithKey("error.list.already_listed", {{"household", input.household_id},
                                                 {"round", round.round_id()},
                                                 {"reason", i18n::EnumArg(current->list_reason())}});
    }
    // Surveyed before anyone listed it: it stays where its survey took it,
    // and now counts on the list it belongs to.
    change.household = *current;
  } else {
    change.household = Listed(round, input.household_id, known.residential_group, input.reason);
  }
  change.household.set_list_reason(input.reason);
  change.household.set_list_note(input.note);
  change.household.set_listed_by(input.listed_by);

  v1::HouseholdListed event;
  event.set_round_id(round.round_id());
  event.set_household_id(input.household_id);
  event.set_residential_group(change.household.residential_group());
  event.set_reason(input.reason);
  event.set_note(input.note);
  change.round_events = round_events + 1;
  change.event = RoundEvent{kHouseholdListed, change.round_events, input.household_id, std::move(event)};
  return change;
}

FieldViolations ValidateListDecision(const v1::ReviewRound& round, const ListDecisionInput& input) {
  FieldViolations violations;
  if (input.kind != v1::LIST_DECISION_KIND_MOVED_AWAY && input.kind != v1::LIST_DECISION_KIND_DISSOLVED &&
      input.kind != v1::LIST_DECISION_KIND_CARRIED_OVER) {
    violations.push_back({"kind", "must be MOVED_AWAY, DISSOLVED or CARRIED_OVER"});
  }
  if (input.reason.empty()) {
    violations.push_back({"reason",
                          "must say why, for the record (where it went, the dissolution, why no "
                          "survey was possible)"});
  }
  const std::optional<CivilDate> decided = CheckStepDate(round, input.decided_on, "decided_on", violations);
  if (decided && *decided > input.today) {
    violations.push_back({"decided_on", "must not be after today (" + FormatIsoDate(input.today) + ")"});
  }
  return violations;
}

Result<RoundHouseholdChange> RecordListDecision(const v1::ReviewRound& round, uint64_t round_events,
                                                const v1::RoundHousehold& household,
                                                const ListDecisionInput& input) {
  if (FieldViolations violations = ValidateListDecision(round, input); !violations.empty()) {
    return InvalidListInput("invalid decision about household " + household.household_id(),
                            std::move(violations));
  }
  if (std::optional<Error> closed = RequireOpen(round)) return *closed;
  if (household.state() != v1::HOUSEHOLD_REVIEW_STATE_LISTED &&
      household.state() != v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED) {
    return Error::FailedPrecondition("household " + household.household_id() + " is " +
                                     std::string(StateWords(household.state())) + " in round " +
                                     round.round_id() +
                                     "; a decision replaces a survey only for a listed household that was "
                                     "not surveyed (a surveyed one "
                                     "is decided by its result, or left out at approval with a reason)")
        .WithKey("error.list.decision_surveyed", {{"household", household.household_id()},
                                                  {"state", i18n::EnumArg(household.state())},
                                                  {"round", round.round_id()}});
  }

  RoundHouseholdChange change;
  change.household = household;
  change.household.set_state(v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED);
  v1::ListDecision& decision = *change.household.mutable_list_decision();
  decision.set_kind(input.kind);
  decision.set_reason(input.reason);
  decision.set_decided_on(input.decided_on);
  decision.set_recorded_by(input.recorded_by);

  v1::ListDecisionRecorded event;
  event.set_round_id(round.round_id());
  event.set_household_id(household.household_id());
  *event.mutable_decision() = decision;
  change.round_events = round_events + 1;
  change.event =
      RoundEvent{kListDecisionRecorded, change.round_events, household.household_id(), std::move(event)};
  return change;
}

std::string ListDecisionWords(v1::ListDecisionKind kind) {
  switch (kind) {
    case v1::LIST_DECISION_KIND_MOVED_AWAY:
      return "moved away";
    case v1::LIST_DECISION_KIND_DISSOLVED:
      return "dissolved";
    case v1::LIST_DECISION_KIND_CARRIED_OVER:
      return "carried over";
    default:
      return "no decision";
  }
}

std::string ListReasonWords(v1::ListReason reason) {
  switch (reason) {
    case v1::LIST_REASON_POOR:
      return "poor";
    case v1::LIST_REASON_NEAR_POOR:
      return "near-poor";
    case v1::LIST_REASON_APPLIED:
      return "applied";
    case v1::LIST_REASON_ADDED:
      return "added by an officer";
    default:
      return "surveyed";
  }
}

}  // namespace ansinh::classification
