#include "classification/core/round_counters.h"

#include <optional>
#include <string_view>

#include "classification/core/round_list.h"

namespace ansinh::classification {
namespace {

constexpr std::string_view kPostedClosesPrefix = "posted-closes:";

const char* StateField(v1::HouseholdReviewState state) {
  switch (state) {
    case v1::HOUSEHOLD_REVIEW_STATE_LISTED:
      return "listed";
    case v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED:
      return "list_decided";
    case v1::HOUSEHOLD_REVIEW_STATE_PROPOSED:
      return "proposed";
    case v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED:
      return "agreed";
    case v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK:
      return "sent_back";
    case v1::HOUSEHOLD_REVIEW_STATE_POSTED:
      return "posted";
    case v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED:
      return "complained";
    case v1::HOUSEHOLD_REVIEW_STATE_APPROVED:
      return "approved";
    case v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED:
      return "excluded";
    case v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE:
      return "unclassifiable";
    default:
      return nullptr;
  }
}

// The fields one household counts in, each once.
RoundCountFields ContributionOf(const v1::RoundHousehold& household) {
  RoundCountFields fields;
  if (household.survey_count() > 0) fields["surveyed"] = 1;
  if (OnList(household)) fields["on_list"] = 1;
  if (const char* state = StateField(household.state())) fields[state] = 1;
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED &&
      household.list_decision().kind() == v1::LIST_DECISION_KIND_CARRIED_OVER) {
    fields["carried_over"] = 1;
  }
  // A window closing date that does not parse never makes the household
  // ready (ReadyForApproval), so it is not counted by date either.
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_POSTED &&
      ParseIsoDate(household.complaint_window_closes())) {
    fields[std::string(kPostedClosesPrefix) + household.complaint_window_closes()] = 1;
  }
  return fields;
}

void AddCounts(RoundCountFields& into, const RoundCountFields& counts, int64_t sign) {
  for (const auto& [field, count] : counts) {
    const int64_t sum = (into[field] += sign * count);
    if (sum == 0) into.erase(field);
  }
}

v1::HouseholdError UnclassifiableEntryOf(const v1::RoundHousehold& household) {
  v1::HouseholdError entry;
  entry.set_household_id(household.household_id());
  entry.set_message(household.unclassifiable_reason());
  *entry.mutable_text() = household.unclassifiable_reason_text();
  return entry;
}

int32_t CountOf(const RoundCountFields& counts, const std::string& field) {
  const auto found = counts.find(field);
  return found == counts.end() ? 0 : static_cast<int32_t>(found->second);
}

}  // namespace

RoundCounterDelta CounterDeltaOf(const v1::RoundHousehold* before, const v1::RoundHousehold& after) {
  RoundCounterDelta delta;
  AddCounts(delta.counts, ContributionOf(after), +1);
  if (before != nullptr) AddCounts(delta.counts, ContributionOf(*before), -1);
  if (after.state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
    delta.unclassifiable_set[after.household_id()] = UnclassifiableEntryOf(after);
  } else if (before != nullptr && before->state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
    delta.unclassifiable_cleared.insert(after.household_id());
  }
  return delta;
}

void AddDelta(RoundCounterDelta& into, const RoundCounterDelta& delta) {
  AddCounts(into.counts, delta.counts, +1);
  for (const std::string& id : delta.unclassifiable_cleared) {
    into.unclassifiable_set.erase(id);
    into.unclassifiable_cleared.insert(id);
  }
  for (const auto& [id, entry] : delta.unclassifiable_set) {
    into.unclassifiable_cleared.erase(id);
    into.unclassifiable_set[id] = entry;
  }
}

RoundCounters CountersOf(std::span<const v1::RoundHousehold> households) {
  RoundCounters counters;
  for (const v1::RoundHousehold& household : households) {
    AddCounts(counters.counts, ContributionOf(household), +1);
    if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
      counters.unclassifiable[household.household_id()] = UnclassifiableEntryOf(household);
    }
  }
  return counters;
}

v1::RoundProgress ProgressFromCounters(const v1::ReviewRound& round, const RoundCounters& counters,
                                       const CivilDate& today) {
  const RoundCountFields& counts = counters.counts;
  v1::RoundProgress progress;
  progress.set_round_id(round.round_id());
  progress.set_surveyed(CountOf(counts, "surveyed"));
  progress.set_on_list(CountOf(counts, "on_list"));
  progress.set_listed(CountOf(counts, "listed"));
  progress.set_list_decided(CountOf(counts, "list_decided"));
  progress.set_carried_over(CountOf(counts, "carried_over"));
  progress.set_proposed(CountOf(counts, "proposed"));
  progress.set_agreed(CountOf(counts, "agreed"));
  progress.set_sent_back(CountOf(counts, "sent_back"));
  progress.set_posted(CountOf(counts, "posted"));
  progress.set_complained(CountOf(counts, "complained"));
  progress.set_approved(CountOf(counts, "approved"));
  progress.set_excluded(CountOf(counts, "excluded"));
  progress.set_unclassifiable(CountOf(counts, "unclassifiable"));
  int32_t ready = 0;
  for (auto it = counts.lower_bound(std::string(kPostedClosesPrefix));
       it != counts.end() && it->first.starts_with(kPostedClosesPrefix); ++it) {
    const std::optional<CivilDate> closes = ParseIsoDate(it->first.substr(kPostedClosesPrefix.size()));
    if (closes && today > *closes) ready += static_cast<int32_t>(it->second);
  }
  progress.set_ready_for_approval(ready);
  // A map is ordered by household id, as ComputeProgress sorts the list.
  for (const auto& [id, entry] : counters.unclassifiable) *progress.add_unclassifiable_households() = entry;
  const std::optional<CivilDate> deadline = ParseIsoDate(round.deadline_date());
  progress.set_overdue(round.kind() == v1::REVIEW_KIND_REGULAR && round.status() == v1::ROUND_STATUS_OPEN &&
                       deadline && today > *deadline);
  return progress;
}

}  // namespace ansinh::classification
