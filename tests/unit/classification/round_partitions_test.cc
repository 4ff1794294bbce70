// What the steps of a round spread over partitions leave to be done in the
// round's slot afterwards: the relay of the partitions' outboxes into the
// round's stream, and what becomes of a partition an approval closed.
#include "classification/core/round_partitions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "classification/core/round_events.h"

namespace ansinh::classification {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

OutboxEvent Waiting(int partition, const std::string& entry_id, std::string_view type,
                    const std::string& household_id) {
  OutboxEvent event;
  event.partition = partition;
  event.entry_id = entry_id;
  event.envelope.set_event_id("event-" + household_id + "-" + entry_id);
  event.envelope.set_event_type(std::string(type));
  event.envelope.set_household_id(household_id);
  return event;
}

OutboxEvent Posted(int partition, const std::string& entry_id, const std::string& posted_date) {
  OutboxEvent event = Waiting(partition, entry_id, kResultsPosted, "");
  v1::ResultsPosted posted;
  posted.set_round_id("R-2025");
  posted.set_posted_date(posted_date);
  event.envelope.mutable_payload()->PackFrom(posted);
  return event;
}

std::vector<std::string> EventIds(const RelayStep& step) {
  std::vector<std::string> ids;
  for (const v1::EventEnvelope& envelope : step.appended) ids.push_back(envelope.event_id());
  return ids;
}

TEST(RoundPartitionsTest, ARelayNumbersTheWaitingEventsAfterTheRoundsOwnInCommitOrder) {
  v1::ReviewRound round;
  round.set_round_id("R-2025");
  // The round has published ReviewRoundOpened and one relayed event.
  const RelayStep step = PlanRelay(round, 2,
                                   {Waiting(2, "1700000000005-0", kSurveyClassified, "HH-2a"),
                                    Waiting(2, "1700000000009-1", kMeetingRecorded, "HH-2a"),
                                    Waiting(0, "1700000000007-0", kSurveyClassified, "HH-0a"),
                                    Waiting(0, "1700000000009-0", kSurveyClassified, "HH-0b")});

  EXPECT_THAT(EventIds(step), ElementsAre("event-HH-2a-1700000000005-0", "event-HH-0a-1700000000007-0",
                                          "event-HH-0b-1700000000009-0", "event-HH-2a-1700000000009-1"));
  std::vector<uint64_t> versions;
  for (const v1::EventEnvelope& envelope : step.appended) versions.push_back(envelope.aggregate_version());
  EXPECT_THAT(versions, ElementsAre(3, 4, 5, 6)) << "the round's next versions, without a gap";
  EXPECT_EQ(step.events, 6u);
  EXPECT_THAT(step.relayed, ElementsAre(Pair(0, "1700000000009-0"), Pair(2, "1700000000009-1")))
      << "each partition's last entry taken, where its next relay starts";
}

TEST(RoundPartitionsTest, APartitionsOwnEventsKeepTheirOrderWhateverTheirIds) {
  // Two events of one transaction share a millisecond; an id that does not
  // parse goes after the rest of its partition, never before.
  const RelayStep step = PlanRelay(v1::ReviewRound{}, 0,
                                   {Waiting(1, "1700000000005-0", kSurveyClassified, "HH-1a"),
                                    Waiting(1, "1700000000005-1", kMeetingRecorded, "HH-1a"),
                                    Waiting(1, "not-an-id", kComplaintFiled, "HH-1a")});
  EXPECT_THAT(EventIds(step), ElementsAre("event-HH-1a-1700000000005-0", "event-HH-1a-1700000000005-1",
                                          "event-HH-1a-not-an-id"));
  EXPECT_EQ(step.appended.back().aggregate_version(), 3u);
}

TEST(RoundPartitionsTest, APostingRelayedTellsTheRoundItsLatestPostingDate) {
  v1::ReviewRound round;
  round.set_round_id("R-2025");
  round.set_last_posted_date("2025-10-01");
  const RelayStep step = PlanRelay(
      round, 4,
      {Posted(1, "1700000000005-0", "2025-10-20"), Waiting(3, "1700000000006-0", kMeetingRecorded, "HH-3a"),
       Posted(3, "1700000000008-0", "2025-10-21")});
  EXPECT_EQ(step.round.last_posted_date(), "2025-10-21");
  EXPECT_EQ(step.round.round_id(), "R-2025");

  const RelayStep nothing_posted =
      PlanRelay(round, 4, {Waiting(3, "1700000000006-0", kMeetingRecorded, "HH-3a")});
  EXPECT_EQ(nothing_posted.round.last_posted_date(), "2025-10-01");
}

TEST(RoundPartitionsTest, NothingWaitingAppendsNothing) {
  const RelayStep step = PlanRelay(v1::ReviewRound{}, 7, {});
  EXPECT_TRUE(step.appended.empty());
  EXPECT_EQ(step.events, 7u);
  EXPECT_TRUE(step.relayed.empty());
}

TEST(RoundPartitionsTest, EntryIdsParseAndTheTrimStartsJustAfterWhatIsTaken) {
  const std::optional<StreamId> id = ParseStreamEntryId("1700000000005-3");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->ms, 1700000000005u);
  EXPECT_EQ(id->seq, 3u);
  EXPECT_EQ(StreamIdAfter(*id).ToString(), "1700000000005-4");
  EXPECT_EQ(StreamIdAfter({5, UINT64_MAX}).ToString(), "6-0");
  EXPECT_FALSE(ParseStreamEntryId("1700000000005").has_value());
  EXPECT_FALSE(ParseStreamEntryId("x-1").has_value());
  EXPECT_FALSE(ParseStreamEntryId("5-").has_value());
  EXPECT_LT(*ParseStreamEntryId("9-9"), *ParseStreamEntryId("10-0"));
}

TEST(RoundPartitionsTest, AClaimReadsBackAsWritten) {
  const ApprovalClaim claim{"1b2c3d4e-0000-4000-8000-000000000000", 1700000120000};
  const std::optional<ApprovalClaim> read = ParseApprovalClaim(EncodeApprovalClaim(claim));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->token, claim.token);
  EXPECT_EQ(read->expires_ms, claim.expires_ms);
  EXPECT_FALSE(ParseApprovalClaim("").has_value());
  EXPECT_FALSE(ParseApprovalClaim("soon token").has_value());
  EXPECT_FALSE(ParseApprovalClaim("1700000120000 ").has_value());
  EXPECT_TRUE(ClaimLapsed(claim, claim.expires_ms));
  EXPECT_FALSE(ClaimLapsed(claim, claim.expires_ms - 1));
}

// A partition an approval closed stays closed exactly while that approval
// may still commit; then it is the approval's to settle if it committed, and
// opened again if it did not.
TEST(RoundPartitionsTest, AClosedPartitionIsOpenedAgainOnlyWhenNoApprovalThatClosedItIsUnderWay) {
  const int64_t now = 1700000000000;
  const ApprovalClaim live{"token-a", now + 60000};
  const ApprovalClaim lapsed{"token-a", now - 1};
  const ApprovalClaim other{"token-b", now + 60000};
  EXPECT_EQ(FateOfClosedPartition(v1::ROUND_STATUS_OPEN, live, "token-a", now),
            ClosedPartitionFate::kKeepClosed);
  EXPECT_EQ(FateOfClosedPartition(v1::ROUND_STATUS_OPEN, lapsed, "token-a", now),
            ClosedPartitionFate::kReopen)
      << "its approval's process stopped: the claim lapsed";
  EXPECT_EQ(FateOfClosedPartition(v1::ROUND_STATUS_OPEN, std::nullopt, "token-a", now),
            ClosedPartitionFate::kReopen)
      << "its approval was refused (or cancelled) and did not get to open it";
  EXPECT_EQ(FateOfClosedPartition(v1::ROUND_STATUS_OPEN, other, "token-a", now), ClosedPartitionFate::kReopen)
      << "closed by an approval before the one under way";
  EXPECT_EQ(FateOfClosedPartition(v1::ROUND_STATUS_APPROVED, std::nullopt, "token-a", now),
            ClosedPartitionFate::kSettleByApproval);
  EXPECT_EQ(FateOfClosedPartition(v1::ROUND_STATUS_APPROVED, lapsed, "token-a", now),
            ClosedPartitionFate::kSettleByApproval)
      << "an approved round is never opened again";
}

}  // namespace
}  // namespace ansinh::classification
