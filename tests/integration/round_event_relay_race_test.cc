// Round events written into four partitions' outboxes while three relays
// move them into the round's stream at once, as the consumers of every
// partition, the steps and the pending-work finisher do. Against a real Redis,
// as the classification service's own user, with every transaction checked to
// stay in one slot: each event reaches the stream exactly once, the round's
// versions run without a gap, each partition's events keep their order, and
// the outboxes end empty.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "classification/adapters/event_publishing.h"
#include "classification/adapters/round_event_relay.h"
#include "classification/adapters/round_store.h"
#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"
#include "redis_server.h"

namespace ansinh::classification {
namespace {

using testkit::RedisServer;
using testkit::TempDir;

constexpr int kRelayPartitions = 4;
constexpr int kRelayEventsPerPartition = 300;
constexpr int kRelayThreads = 3;
constexpr const char* kRelayedRound = "R-2025";

class RoundEventRelayRaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<RedisServer>(dir_.path());
    redis_->Start();
    // The round as its opening leaves it: its record and ReviewRoundOpened.
    redis::Connection redis(Options("setup"));
    v1::ReviewRound round;
    round.set_round_id(kRelayedRound);
    round.set_review_year(2025);
    round.set_status(v1::ROUND_STATUS_OPEN);
    redis::Transaction tx;
    RoundStore::QueueRound(tx, keys_, StoredRound{round, 1});
    tx.Exec(redis);
  }

  // The classification service's user, refusing a transaction or a WATCH
  // that leaves one slot, as the service's connections do.
  redis::RedisOptions Options(const std::string& name) const {
    redis::RedisOptions options = redis_->ServiceOptions("classification", name);
    options.check_single_slot = true;
    return options;
  }

  TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  const ClassificationKeys keys_{kRelayPartitions};
};

TEST_F(RoundEventRelayRaceTest, ThreeRelaysMoveEveryEventOnceWithTheRoundsVersionsInOrder) {
  std::atomic<int> writers_left{kRelayPartitions};
  std::vector<std::string> failures(kRelayPartitions + kRelayThreads);
  std::vector<std::thread> threads;
  for (int partition = 0; partition < kRelayPartitions; ++partition) {
    threads.emplace_back([&, partition] {
      try {
        redis::Connection redis(Options("writer-" + std::to_string(partition)));
        for (int i = 0; i < kRelayEventsPerPartition; ++i) {
          v1::MeetingRecorded meeting;
          meeting.set_round_id(kRelayedRound);
          meeting.set_household_id("HH-p" + std::to_string(partition) + "-" + std::to_string(i));
          redis::Transaction tx;
          QueueRoundEvent(tx, keys_, events::EventContext{}, kMeetingRecorded, kRelayedRound, partition,
                          meeting.household_id(), meeting, nullptr);
          tx.Exec(redis);
        }
      } catch (const std::exception& error) {
        failures[partition] = error.what();
      }
      --writers_left;
    });
  }
  for (int relay = 0; relay < kRelayThreads; ++relay) {
    threads.emplace_back([&, relay] {
      try {
        redis::Connection redis(Options("relay-" + std::to_string(relay)));
        RoundEventRelay relays(redis, keys_);
        while (writers_left.load() > 0) {
          try {
            relays.Drain(kRelayedRound);
          } catch (const redis::TransactionAborted&) {
            // The others won every attempt and moved the events meanwhile.
          }
        }
        relays.Drain(kRelayedRound);
      } catch (const std::exception& error) {
        failures[kRelayPartitions + relay] = error.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");

  redis::Connection redis(Options("check"));
  RoundEventRelay(redis, keys_).Drain(kRelayedRound);
  std::vector<uint64_t> versions;
  std::set<std::string> event_ids;
  std::map<int, std::vector<int>> order_by_partition;
  const std::string stream = keys_.RoundStream(kRelayedRound);
  for (const redis::Reply& item : redis.Command({"XRANGE", stream, "-", "+"}).elements) {
    std::string error;
    const std::optional<v1::EventEnvelope> envelope =
        events::DecodeEntry(events::ParseEntryReply(item), &error);
    ASSERT_TRUE(envelope.has_value()) << error;
    versions.push_back(envelope->aggregate_version());
    event_ids.insert(envelope->event_id());
    const std::string& household = envelope->household_id();
    const size_t dash = household.rfind('-');
    order_by_partition[household[4] - '0'].push_back(std::stoi(household.substr(dash + 1)));
  }
  ASSERT_EQ(versions.size(), static_cast<size_t>(kRelayPartitions * kRelayEventsPerPartition));
  EXPECT_EQ(event_ids.size(), versions.size()) << "no event appended twice";
  for (size_t i = 0; i < versions.size(); ++i) {
    ASSERT_EQ(versions[i], i + 2) << "after ReviewRoundOpened (1), without a gap, in stream order";
  }
  for (const auto& [partition, order] : order_by_partition) {
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << "partition " << partition << " kept its order";
    EXPECT_EQ(order.size(), static_cast<size_t>(kRelayEventsPerPartition));
  }
  const std::optional<StoredRound> round = RoundStore(redis, keys_).Load(kRelayedRound);
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->events, static_cast<uint64_t>(kRelayPartitions * kRelayEventsPerPartition + 1));
  for (int partition = 0; partition < kRelayPartitions; ++partition) {
    EXPECT_EQ(redis.Command({"XLEN", ClassificationKeys::RoundOutbox(kRelayedRound, partition)}).AsInteger(),
              0)
        << "what is relayed leaves the outbox";
  }
}

// Nothing is relayed before the round's record exists: an opening draws up
// its partitions' lists (and surveys may be taken in there) before it
// writes the record with ReviewRoundOpened, which stays the first event.
TEST_F(RoundEventRelayRaceTest, NothingMovesBeforeTheRoundHasItsRecord) {
  redis::Connection redis(Options("early"));
  v1::SurveyClassified classified;
  classified.set_round_id("R-2026");
  classified.set_household_id("HH-000001");
  redis::Transaction tx;
  QueueRoundEvent(tx, keys_, events::EventContext{}, kSurveyClassified, "R-2026", 1, "HH-000001", classified,
                  nullptr);
  tx.Exec(redis);
  RoundEventRelay relay(redis, keys_);
  EXPECT_EQ(relay.Drain("R-2026"), 0u);
  EXPECT_EQ(redis.Command({"EXISTS", keys_.RoundStream("R-2026")}).AsInteger(), 0);

  v1::ReviewRound round;
  round.set_round_id("R-2026");
  redis::Transaction opening;
  RoundStore::QueueRound(opening, keys_, StoredRound{round, 1});
  opening.Exec(redis);
  EXPECT_EQ(relay.Drain("R-2026"), 1u);
  const redis::Reply entries = redis.Command({"XRANGE", keys_.RoundStream("R-2026"), "-", "+"});
  ASSERT_EQ(entries.elements.size(), 1u);
  std::string error;
  const std::optional<v1::EventEnvelope> envelope =
      events::DecodeEntry(events::ParseEntryReply(entries.elements[0]), &error);
  ASSERT_TRUE(envelope.has_value()) << error;
  EXPECT_EQ(envelope->aggregate_version(), 2u);
  EXPECT_EQ(envelope->household_id(), "HH-000001");
}

}  // namespace
}  // namespace ansinh::classification
