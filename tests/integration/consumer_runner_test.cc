// The backbone against a real redis-server: publishing a state change with
// its event, and the consumer runner's delivery guarantees.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <set>
#include <thread>

#include "ansinh/v1/common.pb.h"
#include "events/consumer_runner.h"
#include "events/envelope_codec.h"
#include "events/partition_config.h"
#include "events/stream_names.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"
#include "redis_server.h"

namespace ansinh::events {
namespace {

using testkit::RedisServer;
using testkit::TempDir;

const std::string kStream = EventStream(kRegistrySource, 0);

// Counts applications per aggregate in Redis, inside the runner's
// transaction, so "applied exactly once" can be read back from Redis itself.
class CountingHandler : public EventHandler {
 public:
  void Apply(ApplyContext& ctx) override {
    if (ctx.event().event_type() == "test.poison.v1") {
      throw PoisonEvent("payload cannot be applied");
    }
    if (fail_next_.exchange(false)) throw std::runtime_error("transient failure");
    ctx.effects().Add({"HINCRBY", "test:applied-count", ctx.event().aggregate_id(), "1"});
    ctx.effects().Add({"RPUSH", "test:order:" + ctx.event().aggregate_id(),
                       std::to_string(ctx.event().aggregate_version())});
  }
  std::atomic<bool> fail_next_{false};
};

class BackboneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    redis_ = std::make_unique<RedisServer>(dir_.path());
    redis_->Start();
  }

  RunnerOptions Options(const std::string& consumer) {
    RunnerOptions options;
    options.group = "test-group";
    options.consumer = consumer;
    options.block = std::chrono::milliseconds(100);
    options.batch_size = 10;
    options.max_deliveries = 3;
    options.claim_min_idle = std::chrono::milliseconds(200);
    options.claim_interval = std::chrono::milliseconds(0);
    options.retry_backoff = std::chrono::milliseconds(0);
    return options;
  }

  v1::EventEnvelope Event(const std::string& aggregate, uint64_t version,
                          const std::string& type = "test.happened.v1") {
    v1::Actor actor;
    actor.set_role(v1::ROLE_WARD_OFFICER);
    actor.set_name("officer");
    EventIdentity identity{type, "household", aggregate, version, aggregate};
    return MakeEnvelope(EventContext{actor, "", ""}, identity, v1::PageRequest{});
  }

  // A state change and its event in one transaction, as every service does.
  void Publish(const v1::EventEnvelope& event) {
    redis::Connection connection(redis_->Options());
    redis::Transaction tx;
    tx.Add({"HSET", "test:state", event.aggregate_id(), std::to_string(event.aggregate_version())});
    tx.Add(XAddCommand(kStream, event));
    tx.Exec(connection);
  }

  long long AppliedCount(const std::string& aggregate) {
    redis::Connection connection(redis_->Options());
    redis::Reply reply = connection.Command({"HGET", "test:applied-count", aggregate});
    return reply.IsNil() ? 0 : std::stoll(reply.str);
  }

  std::vector<std::string> Order(const std::string& aggregate) {
    redis::Connection connection(redis_->Options());
    std::vector<std::string> versions;
    for (const auto& item : connection.Command({"LRANGE", "test:order:" + aggregate, "0", "-1"}).elements) {
      versions.push_back(item.str);
    }
    return versions;
  }

  // Waits (up to 10 s) until a runner on another thread has applied `count`
  // events of `aggregate`.
  void WaitForApplied(const std::string& aggregate, long long count) {
    for (int i = 0; i < 200 && AppliedCount(aggregate) < count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  void Drain(ConsumerRunner& runner, int passes = 5) {
    for (int i = 0; i < passes; ++i) runner.PollOnce();
  }

  TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  CountingHandler handler_;
};

TEST_F(BackboneTest, PublishedEventIsConsumedOnceAndAcknowledged) {
  Publish(Event("HH-1", 1));
  Publish(Event("HH-1", 2));
  Publish(Event("HH-2", 1));
  ConsumerRunner runner(redis_->Options(), Options("c1"), {kStream}, handler_);
  Drain(runner);
  EXPECT_EQ(AppliedCount("HH-1"), 2);
  EXPECT_EQ(AppliedCount("HH-2"), 1);
  EXPECT_EQ(Order("HH-1"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(runner.counters().applied.load(), 3u);
  redis::Connection connection(redis_->Options());
  redis::Reply pending = connection.Command({"XPENDING", kStream, "test-group"});
  EXPECT_EQ(pending.elements[0].integer, 0) << "everything applied must be acknowledged";
}

TEST_F(BackboneTest, AReplayedEventChangesNothing) {
  v1::EventEnvelope event = Event("HH-1", 1);
  Publish(event);
  Publish(event);  // the same event delivered twice (at-least-once upstream)
  ConsumerRunner runner(redis_->Options(), Options("c1"), {kStream}, handler_);
  Drain(runner);
  EXPECT_EQ(AppliedCount("HH-1"), 1);
  EXPECT_EQ(runner.counters().skipped_duplicates.load(), 1u);
}

TEST_F(BackboneTest, EntriesOfAConsumerKilledBeforeAckAreClaimedAndAppliedExactlyOnce) {
  for (uint64_t v = 1; v <= 5; ++v) Publish(Event("HH-1", v));
  {
    // The first consumer reads the batch and dies before applying or
    // acknowledging anything: its entries sit in its pending list.
    ConsumerRunner doomed(redis_->Options(), Options("doomed"), {kStream}, handler_);
    redis::Connection connection(redis_->Options());
    connection.Command({"XGROUP", "CREATE", kStream, "test-group", "0", "MKSTREAM"});
    redis::Reply read = connection.Command(
        {"XREADGROUP", "GROUP", "test-group", "doomed", "COUNT", "10", "STREAMS", kStream, ">"});
    ASSERT_EQ(read.elements[0].elements[1].elements.size(), 5u);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // past claim_min_idle
  ConsumerRunner survivor(redis_->Options(), Options("survivor"), {kStream}, handler_);
  Drain(survivor);
  EXPECT_EQ(AppliedCount("HH-1"), 5);
  EXPECT_EQ(Order("HH-1"), (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(survivor.counters().claimed.load(), 5u);
  // Claiming again finds nothing: nothing is applied twice.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Drain(survivor);
  EXPECT_EQ(AppliedCount("HH-1"), 5);
}

TEST_F(BackboneTest, AConsumerRestartedUnderItsNameDrainsItsOwnPendingEntries) {
  Publish(Event("HH-7", 1));
  redis::Connection connection(redis_->Options());
  connection.Command({"XGROUP", "CREATE", kStream, "test-group", "0", "MKSTREAM"});
  connection.Command(
      {"XREADGROUP", "GROUP", "test-group", "same-name", "COUNT", "10", "STREAMS", kStream, ">"});
  RunnerOptions options = Options("same-name");
  options.claim_min_idle = std::chrono::hours(1);  // no claiming: only its own history
  ConsumerRunner restarted(redis_->Options(), options, {kStream}, handler_);
  restarted.PollOnce();
  EXPECT_EQ(AppliedCount("HH-7"), 1);
}

TEST_F(BackboneTest, AFailedEventIsRetriedAndLaterEventsOfItsAggregateWait) {
  Publish(Event("HH-1", 1));
  Publish(Event("HH-1", 2));
  Publish(Event("HH-2", 1));
  handler_.fail_next_ = true;  // HH-1 v1 fails once
  ConsumerRunner runner(redis_->Options(), Options("c1"), {kStream}, handler_);
  runner.PollOnce();
  EXPECT_EQ(AppliedCount("HH-2"), 1) << "other aggregates are not held back";
  Drain(runner);
  EXPECT_EQ(Order("HH-1"), (std::vector<std::string>{"1", "2"})) << "order kept after a retry";
  EXPECT_EQ(runner.counters().failed_deliveries.load(), 1u);
}

TEST_F(BackboneTest, APoisonEventIsDeadLetteredAfterMaxDeliveriesWithTheReason) {
  Publish(Event("HH-9", 1, "test.poison.v1"));
  Publish(Event("HH-8", 1));
  ConsumerRunner runner(redis_->Options(), Options("c1"), {kStream}, handler_);
  Drain(runner, 8);
  EXPECT_EQ(AppliedCount("HH-8"), 1);
  redis::Connection connection(redis_->Options());
  redis::Reply dead = connection.Command({"XRANGE", DeadLetterStream("test-group"), "-", "+"});
  ASSERT_EQ(dead.elements.size(), 1u);
  StreamEntry entry = ParseEntryReply(dead.elements[0]);
  EXPECT_EQ(*entry.Field("deliveries"), "3");
  EXPECT_NE(entry.Field("reason")->find("payload cannot be applied"), std::string::npos);
  EXPECT_EQ(*entry.Field("stream"), kStream);
  EXPECT_NE(entry.Field("envelope"), nullptr) << "the event itself is kept for a replay";
  redis::Reply pending = connection.Command({"XPENDING", kStream, "test-group"});
  EXPECT_EQ(pending.elements[0].integer, 0);
  EXPECT_EQ(runner.counters().dead_lettered.load(), 1u);
}

// Setting an event aside is two steps (the dead-letter stream and the event's
// stream may sit on different cluster nodes): a crash after the first leaves
// the entry pending, and its next failure only acknowledges it.
TEST_F(BackboneTest, AnEventSetAsideBeforeACrashIsNotDeadLetteredTwice) {
  Publish(Event("HH-9", 1, "test.poison.v1"));
  redis::Connection connection(redis_->Options());
  const std::string poison_id =
      ParseEntryReply(connection.Command({"XRANGE", kStream, "-", "+"}).elements.at(0)).id;
  connection.Command({"XADD", DeadLetterStream("test-group"), "*", "stream", kStream, "id", poison_id,
                      "reason", "set aside just before a crash"});
  ConsumerRunner runner(redis_->Options(), Options("c1"), {kStream}, handler_);
  Drain(runner, 8);
  EXPECT_EQ(connection.Command({"XLEN", DeadLetterStream("test-group")}).AsInteger(), 1);
  redis::Reply pending = connection.Command({"XPENDING", kStream, "test-group"});
  EXPECT_EQ(pending.elements[0].integer, 0) << "acknowledged once found set aside";
}

TEST_F(BackboneTest, RedisRestartLosesNoAcknowledgedEventAndTheRunnerResumes) {
  for (uint64_t v = 1; v <= 3; ++v) Publish(Event("HH-1", v));
  RunnerOptions options = Options("c1");
  ConsumerRunner runner(redis_->Options(), options, {kStream}, handler_);
  std::thread loop([&] { runner.Run(); });
  WaitForApplied("HH-1", 3);
  ASSERT_EQ(AppliedCount("HH-1"), 3);

  redis_->Kill();  // a crash, not a clean shutdown
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  redis_->Start();  // same port and directory: the AOF is replayed
  for (uint64_t v = 4; v <= 6; ++v) Publish(Event("HH-1", v));
  WaitForApplied("HH-1", 6);
  runner.RequestStop();
  loop.join();
  EXPECT_EQ(AppliedCount("HH-1"), 6);
  EXPECT_EQ(Order("HH-1"), (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
}

// After a restart Redis answers LOADING until its data is replayed (minutes
// for a province). A consumer waits for it like for an unreachable Redis:
// before, the ReplyError ended its thread and the whole service.
TEST_F(BackboneTest, ARedisStillLoadingAfterARestartIsWaitedForNotFatal) {
  for (uint64_t v = 1; v <= 3; ++v) Publish(Event("HH-1", v));
  {
    // Enough keys that replaying them at 100 us each takes about a second.
    redis::Connection connection(redis_->Options());
    std::vector<redis::Args> fill;
    for (int i = 0; i < 10000; ++i) fill.push_back({"SET", "test:filler:" + std::to_string(i), "x"});
    connection.Pipeline(fill);
  }
  ConsumerRunner runner(redis_->Options(), Options("c1"), {kStream}, handler_);
  std::thread loop([&] { runner.Run(); });
  WaitForApplied("HH-1", 3);
  ASSERT_EQ(AppliedCount("HH-1"), 3);

  redis_->Kill();
  redis_->RestartLoadingSlowly(std::chrono::microseconds(100));
  {
    redis::Connection writer(redis_->Options());
    EXPECT_THROW(writer.Command({"SET", "test:during-load", "1"}), redis::ServerNotReadyError);
    redis::Transaction tx;
    tx.Add({"SET", "test:during-load", "1"});
    EXPECT_THROW(tx.Exec(writer), redis::ServerNotReadyError);
  }
  // Once loaded, the runner goes on.
  for (int i = 0; i < 300; ++i) {
    try {
      Publish(Event("HH-1", 4));
      break;
    } catch (const redis::ServerNotReadyError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  WaitForApplied("HH-1", 4);
  runner.RequestStop();
  loop.join();
  EXPECT_EQ(AppliedCount("HH-1"), 4);
  EXPECT_EQ(Order("HH-1"), (std::vector<std::string>{"1", "2", "3", "4"}));
}

TEST_F(BackboneTest, AWriteToAnUnreachableRedisFailsFastWithAConnectionError) {
  redis_->Kill();
  redis::RedisOptions options = redis_->Options();
  redis::Connection connection(options);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(connection.Command({"PING"}), redis::ConnectionError);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

// Keeps a running total two ways: under Watch (a read-modify-write the
// runner must split into groups) and under WatchCarried with the value carried
// through the group. Either loses updates if batching is wrong.
class TotalHandler : public EventHandler {
 public:
  struct Carry : GroupState {
    std::optional<long long> total;
  };
  void Apply(ApplyContext& ctx) override {
    ctx.Watch("test:watched-total");
    const redis::Reply watched = ctx.redis().Command({"GET", "test:watched-total"});
    const long long before = watched.IsNil() ? 0 : std::stoll(watched.str);
    ctx.effects().Add({"SET", "test:watched-total", std::to_string(before + 1)});

    Carry& carry = ctx.Carried<Carry>();
    ctx.WatchCarried("test:carried-total");
    if (!carry.total) {
      const redis::Reply stored = ctx.redis().Command({"GET", "test:carried-total"});
      carry.total = stored.IsNil() ? 0 : std::stoll(stored.str);
    }
    *carry.total += 1;
    ctx.effects().Add({"SET", "test:carried-total", std::to_string(*carry.total)});
  }
};

TEST_F(BackboneTest, ABatchIsCommittedInGroupsThatLoseNoReadModifyWrite) {
  for (int i = 1; i <= 25; ++i) Publish(Event("HH-" + std::to_string(i), 1));
  TotalHandler handler;
  ConsumerRunner runner(redis_->Options(), Options("c1"), {kStream}, handler);
  Drain(runner);
  redis::Connection connection(redis_->Options());
  EXPECT_EQ(connection.Command({"GET", "test:watched-total"}).str, "25");
  EXPECT_EQ(connection.Command({"GET", "test:carried-total"}).str, "25");
  EXPECT_EQ(runner.counters().applied.load(), 25u);
  redis::Reply pending = connection.Command({"XPENDING", kStream, "test-group"});
  EXPECT_EQ(pending.elements[0].integer, 0);
}

// Sums events into its carry and writes the sum once per group
// (GroupState::QueueGroupWrites); an event of type test.fails.v1 throws
// after it has counted itself in a local, never in the carry.
class GroupSumHandler : public EventHandler {
 public:
  struct Carry : GroupState {
    long long events = 0;
    void QueueGroupWrites(redis::Transaction& tx) override {
      tx.Add({"INCRBY", "test:group-sum", std::to_string(events)});
      tx.Add({"RPUSH", "test:group-sizes", std::to_string(events)});
    }
  };
  void Apply(ApplyContext& ctx) override {
    Carry& carry = ctx.Carried<Carry>();
    const long long counted = carry.events + 1;
    if (ctx.event().event_type() == "test.fails.v1") throw std::runtime_error("fails after counting");
    carry.events = counted;
  }
};

TEST_F(BackboneTest, GroupWritesAreQueuedOncePerGroupAndOnlyForEventsApplied) {
  for (int i = 1; i <= 24; ++i) Publish(Event("HH-" + std::to_string(i), 1));
  Publish(Event("HH-bad", 1, "test.fails.v1"));
  for (int i = 25; i <= 30; ++i) Publish(Event("HH-" + std::to_string(i), 1));
  GroupSumHandler handler;
  RunnerOptions options = Options("c1");
  options.max_deliveries = 1;  // the failing event is dead-lettered at once
  ConsumerRunner runner(redis_->Options(), options, {kStream}, handler);
  Drain(runner);
  redis::Connection connection(redis_->Options());
  EXPECT_EQ(connection.Command({"GET", "test:group-sum"}).str, "30")
      << "every applied event once, the failed none";
  EXPECT_EQ(runner.counters().applied.load(), 30u);
  const redis::Reply sizes = connection.Command({"LRANGE", "test:group-sizes", "0", "-1"});
  EXPECT_LT(sizes.elements.size(), 30u) << "written per group, not per event";
  for (const redis::Reply& size : sizes.elements) EXPECT_NE(size.str, "0") << "no group without an event";
}

TEST_F(BackboneTest, InstancesOfAGroupSplitThePartitionsAndApplyEachEventOnceInOrder) {
  constexpr int kPartitions = 4;
  std::vector<std::string> streams;
  for (int p = 0; p < kPartitions; ++p) streams.push_back(EventStream(kRegistrySource, p));
  RunnerOptions options_a = Options("instance-a");
  options_a.lease_ttl = std::chrono::milliseconds(600);
  RunnerOptions options_b = options_a;
  options_b.consumer = "instance-b";
  ConsumerRunner a(redis_->Options(), options_a, streams, handler_);
  ConsumerRunner b(redis_->Options(), options_b, streams, handler_);
  std::thread loop_a([&] { a.Run(); });
  std::thread loop_b([&] { b.Run(); });

  redis::Connection connection(redis_->Options());
  auto holders = [&] {
    std::set<std::string> held;
    for (int p = 0; p < kPartitions; ++p) {
      redis::Reply holder = connection.Command({"GET", LeaseKey("test-group", p)});
      if (!holder.IsNil()) held.insert(holder.str);
    }
    return held;
  };
  for (int i = 0; i < 100 && holders().size() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(holders(), (std::set<std::string>{"instance-a", "instance-b"}));

  constexpr int kHouseholds = 40;
  constexpr uint64_t kVersions = 3;
  for (uint64_t v = 1; v <= kVersions; ++v) {
    for (int h = 0; h < kHouseholds; ++h) {
      const std::string household = "HH-" + std::to_string(h);
      v1::EventEnvelope event = Event(household, v);
      redis::Transaction tx;
      tx.Add(XAddCommand(EventStream(kRegistrySource, PartitionOf(household, kPartitions)), event));
      tx.Exec(connection);
    }
  }
  auto total = [&] {
    long long sum = 0;
    for (int h = 0; h < kHouseholds; ++h) sum += AppliedCount("HH-" + std::to_string(h));
    return sum;
  };
  for (int i = 0; i < 200 && total() < kHouseholds * static_cast<long long>(kVersions); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  a.RequestStop();
  b.RequestStop();
  loop_a.join();
  loop_b.join();

  for (int h = 0; h < kHouseholds; ++h) {
    const std::string household = "HH-" + std::to_string(h);
    EXPECT_EQ(AppliedCount(household), static_cast<long long>(kVersions)) << household;
    EXPECT_EQ(Order(household), (std::vector<std::string>{"1", "2", "3"})) << household;
  }
  EXPECT_GT(a.counters().applied.load(), 0u) << "instance-a did no work";
  EXPECT_GT(b.counters().applied.load(), 0u) << "instance-b did no work";
  EXPECT_EQ(a.counters().applied.load() + b.counters().applied.load(), kHouseholds * kVersions);
  // A stopped instance hands its partitions back at once.
  EXPECT_TRUE(holders().empty());
}

TEST_F(BackboneTest, ThePartitionCountIsRecordedOnceAndADifferentOneIsRefused) {
  redis::Connection connection(redis_->Options());
  EnsurePartitionCount(connection, 8);
  EXPECT_EQ(connection.Command({"GET", std::string(kPartitionCountKey)}).str, "8");
  EXPECT_NO_THROW(EnsurePartitionCount(connection, 8));
  try {
    EnsurePartitionCount(connection, 4);
    ADD_FAILURE() << "a service with another partition count was let in";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("--partitions 8"), std::string::npos) << error.what();
  }
  EXPECT_EQ(connection.Command({"GET", std::string(kPartitionCountKey)}).str, "8");
}

}  // namespace
}  // namespace ansinh::events
