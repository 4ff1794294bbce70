// The approval shown a round batch by batch (ApprovalTally) decides exactly
// what ApproveRound decides for the whole round at once: the same event,
// the same refusals; and each household's final state (FinalStateOf).
#include "classification/core/approval_tally.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "classification/core/review_round.h"
#include "classification/core/round_posting.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using ::testing::ElementsAre;
using testkit::Approval;
using testkit::Excluded;
using testkit::Meeting;

// Proposed, agreed at a meeting on 20 October and posted on 3 November 2025
// (complaints until 5 November).
v1::RoundHousehold PostedHousehold(const v1::ReviewRound& round, const std::string& id, bool poor) {
  const Result<v1::RoundHousehold> met =
      RecordMeeting(round, testkit::ProposedHousehold(round, id, poor), Meeting("2025-10-20", 10, 8));
  EXPECT_TRUE(met.ok());
  const Result<PostingOutcome> posted = PostResults(round, std::vector{*met}, "2025-11-03", {});
  EXPECT_TRUE(posted.ok());
  return posted->posted.at(0);
}

v1::RoundHousehold DecidedHousehold(const v1::ReviewRound& round, const std::string& id,
                                    v1::ListDecisionKind kind) {
  v1::RoundHousehold household;
  household.set_round_id(round.round_id());
  household.set_household_id(id);
  household.set_state(v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED);
  household.set_list_reason(v1::LIST_REASON_POOR);
  household.mutable_list_decision()->set_kind(kind);
  household.mutable_list_decision()->set_reason("moved to Hà Nội");
  return household;
}

// Shows the households one at a time, the first of them twice (a scan of a
// hash being rehashed repeats fields).
Result<ApprovalDecision> DecideOneByOne(const v1::ReviewRound& round,
                                        const std::vector<v1::RoundHousehold>& households,
                                        const ApprovalInput& input) {
  ApprovalTally tally(round, input);
  for (const v1::RoundHousehold& household : households) tally.Add(std::span(&household, 1));
  if (!households.empty()) tally.Add(std::span(households.data(), 1));
  return tally.Decide();
}

TEST(ApprovalTallyTest, BatchByBatchItDecidesWhatTheWholeRoundDecides) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const std::vector<v1::RoundHousehold> households = {
      PostedHousehold(round, "HH-3", /*poor=*/true), PostedHousehold(round, "HH-1", /*poor=*/false),
      PostedHousehold(round, "HH-2", /*poor=*/true),
      DecidedHousehold(round, "HH-9", v1::LIST_DECISION_KIND_MOVED_AWAY)};
  const ApprovalInput input = Approval("2025-11-10", {Excluded("HH-2", "moved out during the review")});

  const Result<ApprovalOutcome> whole = ApproveRound(round, households, input);
  const Result<ApprovalDecision> streamed = DecideOneByOne(round, households, input);

  ASSERT_TRUE(whole.ok()) << whole.error().message;
  ASSERT_TRUE(streamed.ok()) << streamed.error().message;
  EXPECT_EQ(streamed->event.SerializeAsString(), whole->event.SerializeAsString());
  EXPECT_EQ(streamed->round.SerializeAsString(), whole->round.SerializeAsString());
  EXPECT_THAT(streamed->event.approved_household_ids(), ElementsAre("HH-1", "HH-3"));
  EXPECT_EQ(streamed->event.poor(), 1);
  EXPECT_EQ(streamed->event.near_poor(), 1);
  ASSERT_EQ(streamed->event.exclusions_size(), 2);
  EXPECT_EQ(streamed->event.exclusions(1).household_id(), "HH-9");
  EXPECT_EQ(streamed->event.exclusions(1).decision(), v1::LIST_DECISION_KIND_MOVED_AWAY);
}

TEST(ApprovalTallyTest, BatchByBatchItRefusesWhatTheWholeRoundRefuses) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const std::vector<v1::RoundHousehold> households = {PostedHousehold(round, "HH-2", true),
                                                      PostedHousehold(round, "HH-1", true)};
  const std::vector<ApprovalInput> inputs = {
      Approval("2025-11-05"),                                                  // windows still open
      Approval("2025-11-10", {Excluded("HH-99", "")}),                         // not in the round, no reason
      Approval("2025-11-10", {Excluded("HH-1", "a"), Excluded("HH-1", "b")}),  // twice
  };
  for (const ApprovalInput& input : inputs) {
    const Result<ApprovalOutcome> whole = ApproveRound(round, households, input);
    const Result<ApprovalDecision> streamed = DecideOneByOne(round, households, input);
    ASSERT_FALSE(whole.ok());
    ASSERT_FALSE(streamed.ok()) << input.decision_date;
    EXPECT_EQ(streamed.error().code, whole.error().code);
    EXPECT_EQ(streamed.error().message, whole.error().message);
    std::vector<std::string> whole_fields;
    std::vector<std::string> streamed_fields;
    for (const FieldViolation& violation : whole.error().violations) whole_fields.push_back(violation.field);
    for (const FieldViolation& violation : streamed.error().violations) {
      streamed_fields.push_back(violation.field);
    }
    EXPECT_EQ(streamed_fields, whole_fields);
  }
  // Nothing shown: nothing to approve.
  const Result<ApprovalDecision> empty = DecideOneByOne(round, {}, Approval("2025-11-10"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kFailedPrecondition);
}

TEST(ApprovalTallyTest, EachHouseholdsFinalStateFollowsTheDecision) {
  const v1::ReviewRound round = testkit::OpenPeriodicRound();
  const v1::RoundHousehold posted = PostedHousehold(round, "HH-1", true);
  const v1::Exclusion exclusion = Excluded("HH-1", "moved out during the review");

  EXPECT_EQ(FinalStateOf(posted, nullptr).state(), v1::HOUSEHOLD_REVIEW_STATE_APPROVED);
  const v1::RoundHousehold excluded = FinalStateOf(posted, &exclusion);
  EXPECT_EQ(excluded.state(), v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
  EXPECT_EQ(excluded.exclusion_reason(), "moved out during the review");
  const v1::RoundHousehold decided =
      FinalStateOf(DecidedHousehold(round, "HH-9", v1::LIST_DECISION_KIND_DISSOLVED), nullptr);
  EXPECT_EQ(decided.state(), v1::HOUSEHOLD_REVIEW_STATE_EXCLUDED);
  EXPECT_EQ(decided.exclusion_reason(), "moved to Hà Nội");
  // Already final: left as it is, so a batch applied twice changes nothing.
  EXPECT_EQ(FinalStateOf(excluded, nullptr).SerializeAsString(), excluded.SerializeAsString());
}

}  // namespace
}  // namespace ansinh::classification
