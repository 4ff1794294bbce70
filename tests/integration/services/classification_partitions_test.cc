// Classification with four partitions: a household's share of a round and of
// the ward's status lists lives in its own partition's keys, the writing of
// official statuses after an approval goes partition by partition, and the
// lists merge the partitions.
#include <gmock/gmock.h>

#include <set>

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/round_counter_store.h"
#include "classification/adapters/round_store.h"
#include "classification_test_fixture.h"
#include "redis/transaction.h"

namespace ansinh::classification::testkit {
namespace {

using ::testing::ElementsAre;

class ClassificationPartitionsTest : public ClassificationTest {
 protected:
  ClassificationPartitionsTest() { partitions_ = 4; }

  std::vector<std::string> ListedIds(int page_size, const std::string& token, std::string* next,
                                     int64_t* total) {
    auto [ids, page] = ListStatuses(v1::ListHouseholdStatusesRequest{}, page_size, token);
    *next = page.next_page_token();
    *total = page.total_size();
    return ids;
  }
};

TEST_F(ClassificationPartitionsTest, AnApprovalCutShortInSomePartitionsIsFinishedThereWritingEachStatusOnce) {
  const v1::ApproveRoundResponse first =
      ApproveSurveys({PoorSurvey("HH-000001", "SV-1"), NearPoorSurvey("HH-000002", "SV-2"),
                      AverageSurvey("HH-000003", "SV-3"), PoorSurvey("HH-000004", "SV-4"),
                      NearPoorSurvey("HH-000005", "SV-5"), PoorSurvey("HH-000006", "SV-6")});
  ASSERT_EQ(first.approved_size(), 6);
  const ClassificationKeys keys(partitions_);
  const int done_partition = keys.PartitionOf("HH-000001");

  // Put Redis back where a crash leaves it once the statuses of HH-000001's
  // partition are written and those of every other partition are not: their
  // statuses, list entries and events gone, their proposals and to-apply
  // entries back with the round, the approval pending.
  redis::Connection redis = Redis();
  std::string approved_envelope;
  std::set<std::string> undone;
  for (int partition = 0; partition < partitions_; ++partition) {
    const std::string stream = events::EventStream(events::kClassificationSource, partition);
    for (const redis::Reply& item : redis.Command({"XRANGE", stream, "-", "+"}).elements) {
      const events::StreamEntry entry = events::ParseEntryReply(item);
      std::string error;
      const std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(entry, &error);
      ASSERT_TRUE(envelope.has_value()) << error;
      if (envelope->event_type() == "classification.round_approved.v1")
        approved_envelope = *entry.Field("envelope");
      const std::string& household = envelope->household_id();
      if (household.empty() || keys.PartitionOf(household) == done_partition) continue;
      if (envelope->event_type() == "classification.household_status_changed.v1") {
        redis.Command({"XDEL", stream, entry.id});
        redis.Command({"HSET", ClassificationKeys::RoundProposals("R-2025", keys.PartitionOf(household)),
                       household, proposed_at_meeting_.at(household).SerializeAsString()});
        undone.insert(household);
      }
    }
  }
  ASSERT_FALSE(approved_envelope.empty());
  ASSERT_FALSE(undone.empty()) << "the households should span partitions";
  ASSERT_LT(undone.size(), 6u);
  for (const std::string& household : undone) {
    const int partition = keys.PartitionOf(household);
    redis.Command({"DEL", keys.Status(household)});
    redis.Command({"HDEL", keys.StatusSummariesOf(household), household});
    const std::string indexes = "ansinh:" + events::PartitionTag(partition) + ":classification:statuses:*";
    for (const redis::Reply& index : redis.Command({"KEYS", indexes}).elements) {
      redis.Command({"ZREM", index.str, household});
    }
    redis.Command({"SADD", ClassificationKeys::RoundToApply("R-2025", partition), household});
    // Its round record not yet at its final state either (the applier
    // writes it with the status), the round's counters moved back with it.
    const std::optional<v1::RoundHousehold> approved =
        RoundStore(redis, keys).LoadHousehold("R-2025", household);
    ASSERT_TRUE(approved.has_value()) << household;
    v1::RoundHousehold posted = *approved;
    posted.set_state(v1::HOUSEHOLD_REVIEW_STATE_POSTED);
    redis::Transaction back;
    RoundStore::QueueHouseholds(back, keys, "R-2025", std::span(&posted, 1), PriorRecords(approved));
    back.Exec(redis);
  }
  ASSERT_EQ(RoundCounterStore(redis, keys).LoadOrCount("R-2025").counts.at("posted"),
            static_cast<int64_t>(undone.size()));
  redis.Command({"HSET", std::string(ClassificationKeys::kPendingApproval), "R-2025", approved_envelope});

  // The next start finishes it (the pending-work finisher runs at start-up).
  StartClassification("2025-10-06");
  ASSERT_TRUE(WaitFor([&] {
    return redis.Command({"HLEN", std::string(ClassificationKeys::kPendingApproval)}).AsInteger() == 0;
  }));
  std::map<std::string, std::vector<uint64_t>> versions;
  for (const v1::EventEnvelope& event : ClassificationEvents("classification.household_status_changed.v1")) {
    versions[event.household_id()].push_back(event.aggregate_version());
  }
  for (int i = 1; i <= 6; ++i) {
    const std::string household = "HH-00000" + std::to_string(i);
    EXPECT_THAT(versions[household], ElementsAre(1)) << household << ": one status event, never two";
    EXPECT_TRUE(OfficialStatus(household).has_current()) << household;
    EXPECT_EQ(
        redis.Command({"SCARD", ClassificationKeys::RoundToApply("R-2025", keys.PartitionOf(household))})
            .AsInteger(),
        0);
  }

  for (int i = 1; i <= 6; ++i) {
    const std::string household = "HH-00000" + std::to_string(i);
    const std::optional<v1::RoundHousehold> record =
        RoundStore(redis, keys).LoadHousehold("R-2025", household);
    ASSERT_TRUE(record.has_value()) << household;
    EXPECT_EQ(record->state(), v1::HOUSEHOLD_REVIEW_STATE_APPROVED) << household;
  }
  const RoundCountFields counts = RoundCounterStore(redis, keys).LoadOrCount("R-2025").counts;
  EXPECT_EQ(counts.at("approved"), 6);
  EXPECT_EQ(counts.count("posted") == 0 ? 0 : counts.at("posted"), 0);

  // The status lists merge the partitions, in household order, page by page.
  std::string next;
  int64_t total = 0;
  EXPECT_THAT(ListedIds(4, "", &next, &total),
              ElementsAre("HH-000001", "HH-000002", "HH-000003", "HH-000004"));
  EXPECT_EQ(total, 6);
  EXPECT_EQ(next, "HH-000004");
  EXPECT_THAT(ListedIds(4, next, &next, &total), ElementsAre("HH-000005", "HH-000006"));
  EXPECT_EQ(next, "");
}

}  // namespace
}  // namespace ansinh::classification::testkit
