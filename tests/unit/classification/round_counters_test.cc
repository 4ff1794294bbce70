// The round's counters (round_counters.h) held to the reference count over
// the households (ComputeProgress): whatever sequence of steps moved them,
// the progress they give is the one a scan of the round would.
#include "classification/core/round_counters.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

#include "classification/core/round_progress.h"

namespace ansinh::classification {
namespace {

CivilDate CountersDay(const char* iso) { return *ParseIsoDate(iso); }

v1::ReviewRound CountersRound(v1::ReviewKind kind) {
  v1::ReviewRound round;
  round.set_round_id("R-COUNT");
  round.set_kind(kind);
  round.set_status(v1::ROUND_STATUS_OPEN);
  round.set_deadline_date("2025-10-20");
  return round;
}

// A record in any state a round can hold, with the details the counts read:
// surveys, list reason, list decision, complaint window, what to correct.
v1::RoundHousehold RandomRecord(std::mt19937& random, const std::string& household_id) {
  static const v1::HouseholdReviewState kStates[] = {
      v1::HOUSEHOLD_REVIEW_STATE_LISTED,     v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED,
      v1::HOUSEHOLD_REVIEW_STATE_PROPOSED,   v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED,
      v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK,  v1::HOUSEHOLD_REVIEW_STATE_POSTED,
      v1::HOUSEHOLD_REVIEW_STATE_COMPLAINED, v1::HOUSEHOLD_REVIEW_STATE_APPROVED,
      v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED,   v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE};
  static const char* kClosingDates[] = {"2025-10-01", "2025-10-05", "2025-10-09", "not a date", ""};
  auto pick = [&random](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  v1::RoundHousehold record;
  record.set_round_id("R-COUNT");
  record.set_household_id(household_id);
  record.set_state(kStates[pick(std::size(kStates))]);
  record.set_survey_count(pick(3));
  record.set_list_reason(static_cast<v1::ListReason>(pick(6)));
  record.mutable_list_decision()->set_kind(static_cast<v1::ListDecisionKind>(pick(4)));
  record.set_complaint_window_closes(kClosingDates[pick(std::size(kClosingDates))]);
  if (record.state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
    record.set_unclassifiable_reason("missing fact " + std::to_string(pick(5)));
    record.mutable_unclassifiable_reason_text()->set_key("error.survey.missing_fact");
  }
  return record;
}

RoundCounters Applied(const RoundCounters& counters, const RoundCounterDelta& delta) {
  RoundCounters moved = counters;
  for (const auto& [field, count] : delta.counts) moved.counts[field] += count;
  for (const std::string& id : delta.unclassifiable_cleared) moved.unclassifiable.erase(id);
  for (const auto& [id, entry] : delta.unclassifiable_set) moved.unclassifiable[id] = entry;
  return moved;
}

void ExpectSameProgress(const v1::RoundProgress& from_counters, const v1::RoundProgress& reference) {
  std::string difference;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  EXPECT_TRUE(differencer.Compare(from_counters, reference)) << difference;
}

TEST(RoundCountersTest, CountsEachStateAndReadyByClosingDate) {
  std::mt19937 seeded(1);
  v1::RoundHousehold posted_early = RandomRecord(seeded, "HH-1");
  posted_early.set_state(v1::HOUSEHOLD_REVIEW_STATE_POSTED);
  posted_early.set_complaint_window_closes("2025-10-01");
  v1::RoundHousehold posted_late = posted_early;
  posted_late.set_household_id("HH-2");
  posted_late.set_complaint_window_closes("2025-10-09");
  const RoundCounters counters = CountersOf(std::vector{posted_early, posted_late});
  const v1::ReviewRound round = CountersRound(v1::REVIEW_KIND_PERIODIC);
  EXPECT_EQ(ProgressFromCounters(round, counters, CountersDay("2025-10-01")).ready_for_approval(), 0);
  EXPECT_EQ(ProgressFromCounters(round, counters, CountersDay("2025-10-02")).ready_for_approval(), 1);
  EXPECT_EQ(ProgressFromCounters(round, counters, CountersDay("2025-10-10")).ready_for_approval(), 2);
  EXPECT_EQ(ProgressFromCounters(round, counters, CountersDay("2025-10-10")).posted(), 2);
}

TEST(RoundCountersTest, ADeltaMovesAHouseholdFromItsOldStateToItsNew) {
  v1::RoundHousehold before;
  before.set_household_id("HH-1");
  before.set_state(v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE);
  before.set_unclassifiable_reason("age missing");
  before.set_survey_count(1);
  v1::RoundHousehold after = before;
  after.set_state(v1::HOUSEHOLD_REVIEW_STATE_PROPOSED);
  after.set_survey_count(2);

  const RoundCounterDelta delta = CounterDeltaOf(&before, after);
  // Still surveyed: no move of "surveyed".
  EXPECT_THAT(delta.counts, ::testing::UnorderedElementsAre(::testing::Pair("unclassifiable", -1),
                                                            ::testing::Pair("proposed", 1)));
  EXPECT_THAT(delta.unclassifiable_cleared, ::testing::ElementsAre("HH-1"));
  EXPECT_TRUE(delta.unclassifiable_set.empty());

  const RoundCounterDelta first = CounterDeltaOf(nullptr, before);
  EXPECT_THAT(first.counts, ::testing::UnorderedElementsAre(::testing::Pair("unclassifiable", 1),
                                                            ::testing::Pair("surveyed", 1)));
  ASSERT_EQ(first.unclassifiable_set.count("HH-1"), 1u);
  EXPECT_EQ(first.unclassifiable_set.at("HH-1").message(), "age missing");
  EXPECT_TRUE(CounterDeltaOf(&after, after).empty());
}

// For many generated rounds, each moved by a long sequence of random steps
// (one household or several at a time, as a meeting or a posting does): the
// counters give what ComputeProgress gives over the households, on days
// before, between and after every complaint window.
TEST(RoundCountersTest, CountersAgreeWithTheScanOverManyGeneratedRounds) {
  std::mt19937 random(20251017);
  const char* kDays[] = {"2025-09-30", "2025-10-02", "2025-10-06", "2025-10-10", "2025-10-21"};
  for (int round_number = 0; round_number < 200; ++round_number) {
    const v1::ReviewRound round =
        CountersRound(round_number % 2 == 0 ? v1::REVIEW_KIND_PERIODIC : v1::REVIEW_KIND_REGULAR);
    const int size = 1 + static_cast<int>(random() % 40);
    std::map<std::string, v1::RoundHousehold> households;
    RoundCounters counters;
    for (int step = 0; step < 120; ++step) {
      RoundCounterDelta step_delta;
      const int touched = 1 + static_cast<int>(random() % 5);
      for (int t = 0; t < touched; ++t) {
        const std::string id = "HH-" + std::to_string(random() % static_cast<unsigned>(size));
        const auto found = households.find(id);
        const v1::RoundHousehold after = RandomRecord(random, id);
        AddDelta(step_delta, CounterDeltaOf(found == households.end() ? nullptr : &found->second, after));
        households[id] = after;
      }
      counters = Applied(counters, step_delta);
    }
    std::vector<v1::RoundHousehold> scanned;
    for (const auto& [id, household] : households) scanned.push_back(household);
    for (const char* day : kDays) {
      SCOPED_TRACE("round " + std::to_string(round_number) + " on " + day);
      ExpectSameProgress(ProgressFromCounters(round, counters, CountersDay(day)),
                         ComputeProgress(round, scanned, CountersDay(day)));
      ExpectSameProgress(ProgressFromCounters(round, CountersOf(scanned), CountersDay(day)),
                         ComputeProgress(round, scanned, CountersDay(day)));
    }
  }
}

}  // namespace
}  // namespace ansinh::classification
