// Steps of a round that commit one slot at a time, with four partitions (a
// round's households in their partitions' slots, its record and events in the
// round id's), cut short between their transactions as a crash leaves them
// and finished afterwards: an opening after some partitions drew up their
// lists (on the next start), an approval that stopped while it held the
// partitions closed (once its claim lapsed), a group meeting recorded in some
// partitions (by the same minutes again), and an approval committed in its
// round's slot before the catalogue and the partitions heard of it (on the
// next start). Each finishes with nothing lost and no event twice.
#include <gmock/gmock.h>

#include <chrono>
#include <map>

#include "classification/adapters/approval_hold.h"
#include "classification/adapters/classification_environment.h"
#include "classification/adapters/classification_keys.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_counter_store.h"
#include "classification/adapters/round_opener.h"
#include "classification/adapters/round_store.h"
#include "classification/core/review_round.h"
#include "classification/core/round_events.h"
#include "classification_test_fixture.h"
#include "redis/compressed_value.h"
#include "redis/transaction.h"
#include "standards/standard_loader.h"

namespace ansinh::classification::testkit {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

// With four partitions: R-2025 in partition 3, R-2026 in 2; HH-000001 in 3,
// HH-000002 in 2, HH-000003 in 1, HH-000004 in 0.
class InterruptedStepsTest : public ClassificationTest {
 protected:
  InterruptedStepsTest() { partitions_ = 4; }

  void SetUp() override {
    ClassificationTest::SetUp();
    Result<StandardCatalog> loaded = LoadStandardsFromDirectory(ANSINH_STANDARDS_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    catalog_ = std::make_unique<StandardCatalog>(std::move(loaded).value());
    environment_ = std::make_unique<ClassificationEnvironment>(ClassificationEnvironment{
        *catalog_, ClassificationKeys(partitions_), PostingPolicy{}, WardClock(), ReviewPolicy{}});
  }

  const ClassificationKeys& keys() const { return environment_->keys; }

  // The round's events on its stream, in stream order.
  std::vector<v1::EventEnvelope> RoundEvents(const std::string& round_id) {
    std::vector<v1::EventEnvelope> found;
    for (v1::EventEnvelope& event : ClassificationEvents()) {
      if (event.aggregate_type() == kRoundAggregate && event.aggregate_id() == round_id)
        found.push_back(std::move(event));
    }
    return found;
  }

  static std::vector<uint64_t> Versions(const std::vector<v1::EventEnvelope>& events) {
    std::vector<uint64_t> versions;
    for (const v1::EventEnvelope& event : events) versions.push_back(event.aggregate_version());
    return versions;
  }

  static std::map<std::string, int> CountOf(const std::vector<v1::EventEnvelope>& events,
                                            std::string_view type) {
    std::map<std::string, int> count;
    for (const v1::EventEnvelope& event : events) {
      if (event.event_type() == type) ++count[event.household_id()];
    }
    return count;
  }

  // The partitions' view of a round, closed by an approval holding `token`.
  void ClosePartitions(const std::string& round_id, const std::string& token) {
    redis::Connection redis = Redis();
    PartitionRoundStore rounds(redis, keys());
    for (int partition = 0; partition < partitions_; ++partition) {
      std::optional<v1::PartitionRound> seen = rounds.Load(round_id, partition);
      ASSERT_TRUE(seen.has_value()) << partition;
      seen->set_closed_by(token);
      redis::Transaction tx;
      PartitionRoundStore::QueuePut(tx, partition, *seen);
      tx.Exec(redis);
    }
  }

  v1::RecordGroupMeetingRequest Minutes(const std::vector<std::tuple<std::string, int, int>>& decisions) {
    v1::RecordGroupMeetingRequest request;
    request.set_round_id("R-2025");
    request.set_meeting_date(today_);
    request.set_minutes_reference("BB-TDP05-2025");
    for (const auto& [household, attendees, agreed] : decisions) {
      v1::GroupMeetingDecision* decision = request.add_decisions();
      decision->set_household_id(household);
      decision->set_attendees(attendees);
      decision->set_agreed(agreed);
    }
    return request;
  }

  std::unique_ptr<StandardCatalog> catalog_;
  std::unique_ptr<ClassificationEnvironment> environment_;
};

TEST_F(InterruptedStepsTest, AnOpeningCutShortBetweenItsPartitionsIsFinishedOnTheNextStart) {
  ASSERT_EQ(ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2"),
                            PoorSurvey("HH-000003", "SV-3"), PoorSurvey("HH-000004", "SV-4"),
                            AverageSurvey("HH-000005", "SV-5")})
                .approved_size(),
            5);
  service_->Terminate();

  // Where a crash leaves the opening of R-2026 once partitions 0 and 1 have
  // drawn up their lists: reserved in the catalogue, partitions 2 and 3 not
  // listed, no record, no ReviewRoundOpened.
  OpenRoundInput input;
  input.round_id = "R-2026";
  input.review_year = 2026;
  input.kind = v1::REVIEW_KIND_PERIODIC;
  input.opened_by = "Trần Văn Bình (ward officer)";
  input.opened_date = "2026-10-01";
  Result<v1::ReviewRound> round = OpenRound(input, *catalog_, {});
  ASSERT_TRUE(round.ok()) << round.error().message;
  v1::ReviewRoundOpened opened;
  *opened.mutable_round() = *round;
  v1::Actor officer;
  officer.set_role(v1::ROLE_WARD_OFFICER);
  officer.set_name(input.opened_by);
  const v1::EventEnvelope reserved = events::MakeEnvelope(
      events::EventContext{officer, "opening-correlation", ""},
      events::EventIdentity{std::string(kReviewRoundOpened), std::string(kRoundAggregate), "R-2026", 1, ""},
      opened);
  redis::Connection redis = Redis();
  redis.Command({"ZADD", std::string(ClassificationKeys::kRounds), "99", "R-2026"});
  redis.Command({"SADD", ClassificationKeys::RoundsOfYear(2026), "R-2026"});
  redis.Command({"SADD", std::string(ClassificationKeys::kOpenRounds), "R-2026"});
  redis.Command(
      {"HSET", std::string(ClassificationKeys::kPendingBackfill), "R-2026", reserved.SerializeAsString()});
  RoundOpener opener(redis, *environment_);
  opener.ListPartition(*round, 0);
  opener.ListPartition(*round, 1);
  ASSERT_FALSE(RoundStore(redis, keys()).Load("R-2026").has_value());
  // A survey of a listed household, which the consumer takes into the round
  // where its partition sees it, with or before the opening's end.
  PublishSurvey(PoorSurvey("HH-000003", "SV-2026-3", "TDP-05", 2026));

  StartClassification("2026-10-01");
  ASSERT_TRUE(WaitFor([&] {
    return redis.Command({"HLEN", std::string(ClassificationKeys::kPendingBackfill)}).AsInteger() == 0;
  })) << service_->log();
  ASSERT_TRUE(WaitFor([&] { return Progress("R-2026").progress().surveyed() == 1; }));

  const std::vector<v1::EventEnvelope> events = RoundEvents("R-2026");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].event_type(), kReviewRoundOpened) << "the round's first event";
  EXPECT_EQ(events[0].event_id(), reserved.event_id()) << "published with the id the opening reserved";
  v1::ReviewRoundOpened published;
  ASSERT_TRUE(events[0].payload().UnpackTo(&published));
  EXPECT_EQ(published.listed_poor(), 3) << "every partition's share of the list counted";
  EXPECT_EQ(published.listed_near_poor(), 1);
  EXPECT_THAT(CountOf(events, kReviewRoundOpened), ElementsAre(Pair("", 1)));
  EXPECT_THAT(CountOf(events, kSurveyClassified), ElementsAre(Pair("HH-000003", 1)));
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].aggregate_version(), i + 1);

  std::vector<std::string> listed;
  for (const v1::RoundHousehold& household : RoundHouseholds("R-2026", /*list_only=*/true)) {
    listed.push_back(household.household_id());
  }
  EXPECT_THAT(listed, ElementsAre("HH-000001", "HH-000002", "HH-000003", "HH-000004"));
  const v1::RoundProgress progress = Progress("R-2026").progress();
  EXPECT_EQ(progress.on_list(), 4);
  EXPECT_EQ(progress.listed(), 3);
  EXPECT_EQ(progress.proposed(), 1);
}

TEST_F(InterruptedStepsTest, AnApprovalThatStoppedHoldingThePartitionsLetsThemGoAndTheSurveysThatWaitedJoin) {
  v1::ReviewRound round;
  ASSERT_TRUE(Open(2025, &round).ok());
  for (const char* id : {"HH-000001", "HH-000002", "HH-000003"}) {
    PublishSurvey(PoorSurvey(id, std::string("SV-") + id));
  }
  ASSERT_TRUE(WaitForSurveyed("R-2025", 3));
  for (const char* id : {"HH-000001", "HH-000002", "HH-000003"})
    ASSERT_TRUE(Meeting("R-2025", id, 10, 9).ok());
  ASSERT_TRUE(Post("R-2025").ok());
  service_->Terminate();

  // An approval claimed the round and closed every partition, then its
  // process stopped; its claim has not lapsed yet.
  redis::Connection redis = Redis();
  const ApprovalClaim stopped{"stopped-approval", ApprovalHold::NowMs() + 600000};
  redis.Command(
      {"HSET", keys().Round("R-2025"), std::string(kApprovalClaimField), EncodeApprovalClaim(stopped)});
  ClosePartitions("R-2025", stopped.token);
  const v1::EventEnvelope survey = PublishSurvey(PoorSurvey("HH-000004", "SV-HH-000004"));

  StartClassification("2025-10-06");
  // While it holds: the survey waits, and a step is refused for now.
  ASSERT_TRUE(WaitFor([&] {
    return redis.Command({"HEXISTS", ClassificationKeys::RoundDeferred("R-2025", 0), "HH-000004"})
               .AsInteger() == 1;
  })) << service_->log();
  EXPECT_EQ(Progress("R-2025").progress().surveyed(), 3);
  const grpc::Status held = Complain("R-2025", "HH-000001");
  EXPECT_EQ(held.error_code(), grpc::StatusCode::ABORTED) << held.error_message();

  // Once the claim lapsed (its time brought forward here), the finisher
  // lets the partitions go and the survey joins, caused by its registry
  // event.
  redis.Command({"HSET", keys().Round("R-2025"), std::string(kApprovalClaimField),
                 EncodeApprovalClaim({stopped.token, ApprovalHold::NowMs() - 1})});
  // The finisher lets the partitions go one by one: wait for the last, not
  // only for the survey that joined in its own partition.
  const auto released = [&] {
    for (const std::optional<v1::PartitionRound>& seen :
         PartitionRoundStore(redis, keys()).LoadEvery("R-2025")) {
      if (!seen || !seen->closed_by().empty()) return false;
    }
    return redis.Command({"HEXISTS", keys().Round("R-2025"), std::string(kApprovalClaimField)}).AsInteger() ==
           0;
  };
  ASSERT_TRUE(WaitFor([&] { return Progress("R-2025").progress().surveyed() == 4 && released(); },
                      std::chrono::seconds(30)))
      << service_->log();
  EXPECT_EQ(redis.Command({"HEXISTS", keys().Round("R-2025"), std::string(kApprovalClaimField)}).AsInteger(),
            0);
  for (const std::optional<v1::PartitionRound>& seen :
       PartitionRoundStore(redis, keys()).LoadEvery("R-2025")) {
    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->closed_by(), "");
  }
  EXPECT_EQ(redis.Command({"EXISTS", ClassificationKeys::RoundDeferred("R-2025", 0)}).AsInteger(), 0);
  const std::vector<v1::EventEnvelope> events = RoundEvents("R-2025");
  EXPECT_THAT(CountOf(events, kSurveyClassified), ElementsAre(Pair("HH-000001", 1), Pair("HH-000002", 1),
                                                              Pair("HH-000003", 1), Pair("HH-000004", 1)));
  for (const v1::EventEnvelope& event : events) {
    if (event.event_type() == kSurveyClassified && event.household_id() == "HH-000004") {
      EXPECT_EQ(event.causation_id(), survey.event_id());
      EXPECT_EQ(event.actor().role(), v1::ROLE_SERVICE);
    }
  }

  // A new approval sees the household that joined.
  const grpc::Status refused = Approve("R-2025");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("HH-000004"));
  v1::Exclusion exclusion;
  exclusion.set_household_id("HH-000004");
  exclusion.set_reason("surveyed after the posting");
  v1::ApproveRoundResponse approved;
  const grpc::Status approval = Approve("R-2025", &approved, {exclusion});
  ASSERT_TRUE(approval.ok()) << approval.error_message();
  EXPECT_EQ(approved.approved_size(), 3);
  const std::vector<v1::EventEnvelope> after = RoundEvents("R-2025");
  EXPECT_EQ(after.back().event_type(), kRoundApproved) << "the round's last event";
  std::vector<uint64_t> expected(after.size());
  for (size_t i = 0; i < expected.size(); ++i) expected[i] = i + 1;
  EXPECT_EQ(Versions(after), expected) << "the round's versions without a gap";
}

TEST_F(InterruptedStepsTest, AGroupMeetingRecordedInSomePartitionsIsFinishedByTheSameMinutes) {
  ASSERT_TRUE(Open(2025, nullptr).ok());
  for (const char* id : {"HH-000001", "HH-000002", "HH-000003", "HH-000004"}) {
    PublishSurvey(PoorSurvey(id, std::string("SV-") + id));
  }
  ASSERT_TRUE(WaitForSurveyed("R-2025", 4));
  const std::vector<std::tuple<std::string, int, int>> decisions{
      {"HH-000001", 12, 9}, {"HH-000002", 12, 4}, {"HH-000003", 12, 10}, {"HH-000004", 12, 6}};
  // What a stop after partitions 0 and 1 leaves: HH-000004's and
  // HH-000003's decisions recorded, with their events.
  v1::RecordGroupMeetingResponse part;
  ASSERT_TRUE(stub_
                  ->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(),
                                       Minutes({decisions[3], decisions[2]}), &part)
                  .ok());

  v1::RecordGroupMeetingResponse whole;
  const grpc::Status again =
      stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(), Minutes(decisions), &whole);
  ASSERT_TRUE(again.ok()) << again.error_message();
  ASSERT_EQ(whole.households_size(), 4);
  for (const v1::RoundHousehold& household : whole.households()) {
    EXPECT_EQ(household.meetings_size(), 1) << household.household_id() << ": one meeting, not two";
  }
  EXPECT_EQ(whole.households(1).state(), v1::HOUSEHOLD_REVIEW_STATE_SENT_BACK);
  EXPECT_EQ(whole.households(3).state(), v1::HOUSEHOLD_REVIEW_STATE_MEETING_AGREED);
  const v1::RoundProgress progress = Progress("R-2025").progress();
  EXPECT_EQ(progress.agreed(), 3);
  EXPECT_EQ(progress.sent_back(), 1);
  EXPECT_EQ(progress.proposed(), 0);

  // Once more changes nothing.
  ASSERT_TRUE(
      stub_->RecordGroupMeeting(AuthorizedContext(tokens_.officer).get(), Minutes(decisions), &whole).ok());
  const std::vector<v1::EventEnvelope> events = RoundEvents("R-2025");
  EXPECT_THAT(CountOf(events, kMeetingRecorded), ElementsAre(Pair("HH-000001", 1), Pair("HH-000002", 1),
                                                             Pair("HH-000003", 1), Pair("HH-000004", 1)));
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].aggregate_version(), i + 1);
}

TEST_F(InterruptedStepsTest, AnApprovalCommittedInItsRoundsSlotOnlyIsFinishedOnTheNextStart) {
  const v1::ApproveRoundResponse first =
      ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2"),
                      AverageSurvey("HH-000003", "SV-3"), PoorSurvey("HH-000004", "SV-4")});
  ASSERT_EQ(first.approved_size(), 4);
  service_->Terminate();

  // Put Redis back where a crash right after the approval's commit in
  // R-2025's slot leaves it: the round approved with RoundApproved, its
  // envelope still in the round's record and not in the catalogue (the
  // round still among the open ones), every partition still closed by the
  // approval, no household's final state or status written.
  redis::Connection redis = Redis();
  std::string approved_envelope;
  for (int partition = 0; partition < partitions_; ++partition) {
    const std::string stream = events::EventStream(events::kClassificationSource, partition);
    for (const redis::Reply& item : redis.Command({"XRANGE", stream, "-", "+"}).elements) {
      const events::StreamEntry entry = events::ParseEntryReply(item);
      std::string error;
      const std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(entry, &error);
      ASSERT_TRUE(envelope.has_value()) << error;
      if (envelope->event_type() == kRoundApproved) approved_envelope = *entry.Field("envelope");
      if (envelope->event_type() == kHouseholdStatusChanged) redis.Command({"XDEL", stream, entry.id});
    }
  }
  ASSERT_FALSE(approved_envelope.empty());
  for (const v1::ApprovedResult& approved : first.approved()) {
    const std::string& household = approved.household_id();
    const int partition = keys().PartitionOf(household);
    redis.Command({"DEL", keys().Status(household)});
    redis.Command({"HDEL", keys().StatusSummariesOf(household), household});
    const std::string indexes = "ansinh:" + events::PartitionTag(partition) + ":classification:statuses:*";
    for (const redis::Reply& index : redis.Command({"KEYS", indexes}).elements) {
      redis.Command({"ZREM", index.str, household});
    }
    redis.Command({"HSET", ClassificationKeys::RoundProposals("R-2025", partition), household,
                   redis::StoredMessage(approved.result())});
    const std::optional<v1::RoundHousehold> record =
        RoundStore(redis, keys()).LoadHousehold("R-2025", household);
    ASSERT_TRUE(record.has_value()) << household;
    v1::RoundHousehold posted = *record;
    posted.set_state(v1::HOUSEHOLD_REVIEW_STATE_POSTED);
    redis::Transaction back;
    RoundStore::QueueHouseholds(back, keys(), "R-2025", std::span(&posted, 1), PriorRecords(record));
    back.Exec(redis);
  }
  v1::PartitionRound seen;
  *seen.mutable_round() = RoundStore(redis, keys()).Load("R-2025")->round;
  seen.mutable_round()->set_status(v1::ROUND_STATUS_OPEN);
  seen.set_closed_by("committed-approval");
  for (int partition = 0; partition < partitions_; ++partition) {
    redis::Transaction tx;
    PartitionRoundStore::QueuePut(tx, partition, seen);
    tx.Exec(redis);
  }
  redis.Command({"HSET", keys().Round("R-2025"), "approval", approved_envelope});
  redis.Command({"SADD", std::string(ClassificationKeys::kOpenRounds), "R-2025"});
  ASSERT_EQ(redis.Command({"HLEN", std::string(ClassificationKeys::kPendingApproval)}).AsInteger(), 0);
  ASSERT_EQ(RoundCounterStore(redis, keys()).LoadOrCount("R-2025").counts.at("posted"), 4);

  // The next start finishes it: the catalogue, each partition's to-apply
  // set, the final states, the statuses and their events.
  StartClassification("2025-10-06");
  ASSERT_TRUE(WaitFor([&] {
    return redis.Command({"SISMEMBER", std::string(ClassificationKeys::kOpenRounds), "R-2025"}).AsInteger() ==
               0 &&
           redis.Command({"HLEN", std::string(ClassificationKeys::kPendingApproval)}).AsInteger() == 0 &&
           redis.Command({"EXISTS", keys().Status("HH-000004")}).AsInteger() == 1;
  })) << service_->log();
  std::map<std::string, std::vector<uint64_t>> versions;
  for (const v1::EventEnvelope& event : ClassificationEvents(std::string(kHouseholdStatusChanged))) {
    versions[event.household_id()].push_back(event.aggregate_version());
  }
  EXPECT_THAT(versions, ElementsAre(Pair("HH-000001", ElementsAre(1)), Pair("HH-000002", ElementsAre(1)),
                                    Pair("HH-000003", ElementsAre(1)), Pair("HH-000004", ElementsAre(1))));
  EXPECT_EQ(OfficialStatus("HH-000002").current().result().category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  const RoundCountFields counts = RoundCounterStore(redis, keys()).LoadOrCount("R-2025").counts;
  EXPECT_EQ(counts.at("approved"), 4);
  EXPECT_EQ(counts.count("posted") == 0 ? 0 : counts.at("posted"), 0);
  for (const std::optional<v1::PartitionRound>& left :
       PartitionRoundStore(redis, keys()).LoadEvery("R-2025")) {
    EXPECT_FALSE(left.has_value()) << "an approved round is settled in every partition";
  }
  EXPECT_EQ(redis.Command({"HEXISTS", keys().Round("R-2025"), "approval"}).AsInteger(), 0);
  EXPECT_THAT(CountOf(RoundEvents("R-2025"), kRoundApproved), ElementsAre(Pair("", 1)));
}

}  // namespace
}  // namespace ansinh::classification::testkit
