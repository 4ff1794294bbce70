// Cluster mode of redis::Connection against a real Redis Cluster of three
// masters and three replicas (testkit::RedisCluster): routing by slot,
// refusal of cross-slot transactions, MOVED and ASK during a slot migration,
// WAIT-acknowledged writes through a failover and a kill -9 of a master, and
// the consumer runner reading partitions that live on different masters.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "events/consumer_runner.h"
#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "eventually.h"
#include "redis/cluster_slot.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"
#include "redis_cluster.h"
#include "redis_server.h"

namespace ansinh {
namespace {

using testkit::Eventually;
using testkit::RedisCluster;
using testkit::TempDir;

// Writes acknowledged before a failover, and again after it, for the test to
// count on: enough to cover every tagged slot (12) several times.
constexpr size_t kWritesAround = 40;

std::string Tag(int i) { return "{t" + std::to_string(i) + "}"; }

class RedisClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<RedisCluster>(dir_.path());
    cluster_->Start();
  }

  // A master other than the one serving `slot`.
  int OtherMaster(int slot) {
    const int owner = cluster_->MasterOfSlot(slot);
    for (int master : cluster_->MasterPorts()) {
      if (master != owner) return master;
    }
    throw std::runtime_error("no other master");
  }

  std::string ReadOn(int port, const std::string& key) {
    redis::Reply reply = cluster_->Node(port)->Command({"GET", key});
    return reply.IsNil() ? "(nil)" : reply.str;
  }

  TempDir dir_;
  std::unique_ptr<RedisCluster> cluster_;
};

TEST_F(RedisClusterTest, CommandsTransactionsAndPipelinesLandOnTheMasterOfTheirSlot) {
  redis::Connection client(cluster_->Options());
  constexpr int kTags = 30;
  std::vector<redis::Args> reads;
  for (int i = 0; i < kTags; ++i) {
    client.Command({"HSET", "h:" + Tag(i), "n", std::to_string(i)});
    redis::Transaction tx;
    tx.Add({"SET", "s:" + Tag(i), std::to_string(i)});
    tx.Add({"XADD", "x:" + Tag(i), "*", "n", std::to_string(i)});
    EXPECT_EQ(tx.Exec(client).size(), 2u);
    reads.push_back({"GET", "s:" + Tag(i)});
  }
  // A pipeline across every tag comes back in the order it was sent.
  const std::vector<redis::Reply> replies = client.Pipeline(reads);
  ASSERT_EQ(replies.size(), static_cast<size_t>(kTags));
  for (int i = 0; i < kTags; ++i) EXPECT_EQ(replies[i].str, std::to_string(i));

  std::set<int> owners;
  for (int i = 0; i < kTags; ++i) {
    const int slot = redis::KeySlot(Tag(i));
    const int owner = cluster_->MasterOfSlot(slot);
    owners.insert(owner);
    EXPECT_EQ(cluster_->Node(owner)->Command({"HGET", "h:" + Tag(i), "n"}).str, std::to_string(i));
    EXPECT_EQ(cluster_->Node(owner)->Command({"XLEN", "x:" + Tag(i)}).integer, 1);
    for (int master : cluster_->MasterPorts()) {
      if (master == owner) continue;
      EXPECT_EQ(cluster_->Node(master)->Command({"CLUSTER", "COUNTKEYSINSLOT", std::to_string(slot)}).integer,
                0)
          << "slot " << slot << " has keys on a master that does not own it";
    }
  }
  EXPECT_EQ(owners.size(), 3u) << "thirty tags should spread over all three masters";
}

TEST_F(RedisClusterTest, ACrossSlotTransactionIsRefusedBeforeAnythingIsSent) {
  redis::Connection client(cluster_->Options());
  redis::Transaction tx;
  tx.Add({"SET", "a:{left}", "1"});
  tx.Add({"SET", "b:{right}", "2"});
  try {
    tx.Exec(client);
    FAIL() << "a transaction across slots must throw";
  } catch (const redis::CrossSlotError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("a:{left}@" + std::to_string(redis::KeySlot("left"))), std::string::npos)
        << message;
    EXPECT_NE(message.find("b:{right}@" + std::to_string(redis::KeySlot("right"))), std::string::npos)
        << message;
  }
  EXPECT_TRUE(client.Command({"GET", "a:{left}"}).IsNil());
  EXPECT_TRUE(client.Command({"GET", "b:{right}"}).IsNil());

  // A WATCH on one slot and a transaction on another: refused too.
  client.Command({"WATCH", "w:{left}"});
  redis::Transaction other;
  other.Add({"SET", "w:{right}", "1"});
  EXPECT_THROW(other.Exec(client), redis::CrossSlotError);
  client.Command({"UNWATCH"});
  EXPECT_TRUE(client.Command({"GET", "w:{right}"}).IsNil());

  // A blocking read over streams of two slots cannot go to one node.
  EXPECT_THROW(client.BlockingCommand({"XREAD", "BLOCK", "10", "STREAMS", "s:{left}", "s:{right}", "0", "0"},
                                      std::chrono::milliseconds(10)),
               redis::CrossSlotError);
  // And a command the key table does not know is refused, not guessed.
  EXPECT_THROW(client.Command({"BITFIELD", "k", "GET", "u8", "0"}), redis::UnknownCommandError);
}

TEST_F(RedisClusterTest, ASlotMovedUnderAnOldMapIsFollowed) {
  redis::Connection client(cluster_->Options());
  const std::string tag = "{moving}";
  const int slot = redis::KeySlot(tag);
  client.Command({"SET", "before:" + tag, "old-owner"});
  const int target = OtherMaster(slot);
  cluster_->MoveSlot(slot, target);
  ASSERT_EQ(cluster_->MasterOfSlot(slot), target);

  // The client still holds the map from before the move: MOVED sends it on.
  EXPECT_EQ(client.Command({"GET", "before:" + tag}).str, "old-owner");
  client.Command({"SET", "after:" + tag, "new-owner"});
  EXPECT_EQ(ReadOn(target, "after:" + tag), "new-owner");
  redis::Transaction tx;
  tx.Add({"INCR", "counter:" + tag});
  EXPECT_EQ(tx.Exec(client)[0].integer, 1);
  EXPECT_EQ(ReadOn(target, "counter:" + tag), "1");
}

TEST_F(RedisClusterTest, AKeyMidMigrationIsReachedThroughAsk) {
  redis::Connection client(cluster_->Options());
  const std::string tag = "{half}";
  const int slot = redis::KeySlot(tag);
  client.Command({"SET", "moved:" + tag, "on-target"});
  client.Command({"SET", "stayed:" + tag, "on-source"});
  const int source = cluster_->MasterOfSlot(slot);
  const int target = OtherMaster(slot);
  cluster_->BeginSlotMigration(slot, target);
  cluster_->MigrateKeys(slot, target, {"moved:" + tag});

  // The source answers ASK for the key it no longer has; the client follows.
  try {
    cluster_->Node(source)->Command({"GET", "moved:" + tag});
    ADD_FAILURE() << "the source should redirect a key it migrated";
  } catch (const redis::ReplyError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("ASK ", 0), 0u) << error.what();
  }
  EXPECT_EQ(client.Command({"GET", "moved:" + tag}).str, "on-target");
  EXPECT_EQ(client.Command({"GET", "stayed:" + tag}).str, "on-source");
  // A new key of a migrating slot is created on the target.
  client.Command({"SET", "new:" + tag, "created"});

  cluster_->MigrateKeys(slot, target, {"stayed:" + tag});
  cluster_->FinishSlotMigration(slot, target);
  EXPECT_EQ(ReadOn(target, "new:" + tag), "created");
  EXPECT_EQ(ReadOn(target, "stayed:" + tag), "on-source");
  EXPECT_EQ(client.Command({"GET", "new:" + tag}).str, "created");
}

TEST_F(RedisClusterTest, ATransactionWhoseWatchedSlotMovedIsAborted) {
  redis::Connection client(cluster_->Options());
  const std::string key = "watched:{w}";
  client.Command({"SET", key, "0"});
  client.Command({"WATCH", key});
  cluster_->MoveSlot(redis::KeySlot(key), OtherMaster(redis::KeySlot(key)));
  redis::Transaction tx;
  tx.Add({"SET", key, "1"});
  EXPECT_THROW(tx.Exec(client), redis::TransactionAborted);
  EXPECT_EQ(client.Command({"GET", key}).str, "0");
  // The caller's retry (read, watch, write) goes through on the new owner.
  client.Command({"WATCH", key});
  EXPECT_EQ(tx.Exec(client).size(), 1u);
  EXPECT_EQ(client.Command({"GET", key}).str, "1");
}

TEST_F(RedisClusterTest, AWriteNoReplicaTookIsReportedButHappenedOnTheMaster) {
  redis::RedisOptions options = cluster_->Options();
  options.wait_timeout = std::chrono::milliseconds(200);
  redis::Connection client(options);
  const std::string key = "lonely:{r}";
  const int master = cluster_->MasterOfSlot(redis::KeySlot(key));
  ASSERT_FALSE(cluster_->KillReplicasOf(master).empty());
  EXPECT_THROW(client.Command({"SET", key, "1"}), redis::ReplicationError);
  redis::Transaction tx;
  tx.Add({"SET", key, "2"});
  EXPECT_THROW(tx.Exec(client), redis::ReplicationError);
  // Documented: the write is on the master and may be read afterwards.
  EXPECT_EQ(client.Command({"GET", key}).str, "2");

  options.wait_replicas = 0;
  redis::Connection unwaiting(options);
  EXPECT_NO_THROW(unwaiting.Command({"SET", key, "3"}));
}

// A failover that demotes the master while WAIT blocks on it ends the WAIT
// with an UNBLOCKED error (CLIENT UNBLOCK ... ERROR gives the same reply
// without a failover's timing). The write is then unacknowledged, like a
// WAIT that timed out: ReplicationError, which every caller treats as an
// unreachable store, not a ReplyError, which ended a consumer's thread.
TEST_F(RedisClusterTest, AWaitEndedByADemotionIsAReplicationError) {
  redis::RedisOptions options = cluster_->Options();
  options.wait_timeout = std::chrono::milliseconds(20000);
  options.client_name = "waiting-writer";
  const std::string key = "unblocked:{u}";
  const int master = cluster_->MasterOfSlot(redis::KeySlot(key));
  ASSERT_FALSE(cluster_->KillReplicasOf(master).empty());
  std::string outcome = "returned";
  std::thread writer([&] {
    redis::Connection client(options);
    try {
      client.Command({"SET", key, "1"});
    } catch (const redis::ReplicationError& error) {
      outcome = std::string("ReplicationError: ") + error.what();
    } catch (const std::exception& error) {
      outcome = std::string("other: ") + error.what();
    }
  });
  std::string waiting_id;
  const bool blocked = Eventually(
      [&] {
        const redis::Reply clients = cluster_->Node(master)->Command({"CLIENT", "LIST"});
        std::istringstream lines(clients.str);
        for (std::string line; std::getline(lines, line);) {
          if (line.find("name=waiting-writer") != std::string::npos &&
              line.find("cmd=wait") != std::string::npos) {
            waiting_id = line.substr(3, line.find(' ') - 3);  // "id=<n> ..."
            return true;
          }
        }
        return false;
      },
      std::chrono::seconds(10), std::chrono::milliseconds(20));
  if (blocked) cluster_->Node(master)->Command({"CLIENT", "UNBLOCK", waiting_id, "ERROR"});
  writer.join();
  ASSERT_TRUE(blocked) << "the write never reached WAIT";
  EXPECT_TRUE(outcome.starts_with("ReplicationError: ")) << outcome;
  EXPECT_NE(outcome.find("UNBLOCKED"), std::string::npos) << outcome;
}

// Writes in a loop on one thread while the test fails a master over; every
// write that returned normally must be readable afterwards.
class AcknowledgedWriter {
 public:
  explicit AcknowledgedWriter(redis::RedisOptions options) : options_(std::move(options)) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~AcknowledgedWriter() { Stop(); }
  void Stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::map<std::string, std::string> acknowledged() {
    std::lock_guard lock(mutex_);
    return acknowledged_;
  }
  size_t failures() const { return failures_; }
  // Waits (up to 20 s: a loaded machine is slow, not wrong) until `count`
  // more writes than `than` were acknowledged.
  bool WaitForMore(size_t than, size_t count) {
    return Eventually(
        [&] {
          std::lock_guard lock(mutex_);
          return acknowledged_.size() >= than + count;
        },
        std::chrono::seconds(20), std::chrono::milliseconds(10));
  }

 private:
  void Loop() {
    redis::Connection client(options_);
    for (int i = 0; !stopping_; ++i) {
      const std::string key = "ack:" + Tag(i % 12) + ":" + std::to_string(i);
      try {
        if (i % 2 == 0) {
          client.Command({"SET", key, std::to_string(i)});
        } else {
          redis::Transaction tx;
          tx.Add({"SET", key, std::to_string(i)});
          tx.Add({"INCR", "count:" + Tag(i % 12)});
          tx.Exec(client);
        }
        std::lock_guard lock(mutex_);
        acknowledged_[key] = std::to_string(i);
      } catch (const redis::RedisError&) {
        ++failures_;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }

  redis::RedisOptions options_;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> failures_{0};
  std::mutex mutex_;
  std::map<std::string, std::string> acknowledged_;
  std::thread thread_;
};

void ExpectAllReadable(const redis::RedisOptions& options, const std::map<std::string, std::string>& writes) {
  redis::Connection reader(options);
  size_t missing = 0;
  for (const auto& [key, value] : writes) {
    const redis::Reply reply = reader.Command({"GET", key});
    if (reply.IsNil() || reply.str != value) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << writes.size() << " acknowledged writes";
}

TEST_F(RedisClusterTest, AcknowledgedWritesSurviveAManualFailover) {
  const int master = cluster_->MasterOfSlot(redis::KeySlot(Tag(0)));
  const int replica = cluster_->ReplicaOf(master);
  ASSERT_NE(replica, -1);
  AcknowledgedWriter writer(cluster_->Options());
  ASSERT_TRUE(writer.WaitForMore(0, kWritesAround)) << "no writes before the failover";
  const size_t before = writer.acknowledged().size();
  cluster_->Failover(replica);
  EXPECT_EQ(cluster_->MasterOfSlot(redis::KeySlot(Tag(0))), replica);
  EXPECT_TRUE(writer.WaitForMore(before, kWritesAround)) << "writes go on after the failover";
  writer.Stop();
  const auto writes = writer.acknowledged();
  ExpectAllReadable(cluster_->Options(), writes);
}

TEST_F(RedisClusterTest, AcknowledgedWritesSurviveAKilledMasterAndItsReplicasPromotion) {
  const int master = cluster_->MasterOfSlot(redis::KeySlot(Tag(0)));
  const int replica = cluster_->ReplicaOf(master);
  ASSERT_NE(replica, -1);
  AcknowledgedWriter writer(cluster_->Options());
  ASSERT_TRUE(writer.WaitForMore(0, kWritesAround)) << "no writes before the kill";
  const size_t before = writer.acknowledged().size();
  cluster_->Kill(master);  // kill -9
  // Writes to the dead master's slots fail until the promotion.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  cluster_->Failover(replica, /*takeover=*/true);
  EXPECT_TRUE(writer.WaitForMore(before, kWritesAround)) << "writes go on after the promotion";
  writer.Stop();
  const auto writes = writer.acknowledged();
  ExpectAllReadable(cluster_->Options(), writes);
}

// Counts applications per aggregate under the aggregate's partition tag, so
// the effect shares the slot of the runner's marks and acknowledgement.
class PartitionCountingHandler : public events::EventHandler {
 public:
  void Apply(events::ApplyContext& ctx) override {
    const std::string& aggregate = ctx.event().aggregate_id();  // "<partition>/<name>"
    const int partition = std::stoi(aggregate.substr(0, aggregate.find('/')));
    ctx.effects().Add({"HINCRBY", "test:" + events::PartitionTag(partition) + ":applied", aggregate, "1"});
  }
};

TEST_F(RedisClusterTest, TheConsumerRunnerReadsPartitionsOnDifferentMasters) {
  constexpr int kPartitions = 6;
  std::vector<std::string> streams;
  std::set<int> masters;
  for (int p = 0; p < kPartitions; ++p) {
    streams.push_back(events::EventStream(events::kRegistrySource, p));
    masters.insert(cluster_->MasterOfSlot(redis::KeySlot(streams.back())));
  }
  ASSERT_GE(masters.size(), 2u) << "the partitions should live on several masters";

  redis::Connection publisher(cluster_->Options());
  v1::Actor actor;
  actor.set_role(v1::ROLE_WARD_OFFICER);
  actor.set_name("officer");
  for (int p = 0; p < kPartitions; ++p) {
    for (int n = 0; n < 3; ++n) {
      const std::string aggregate = std::to_string(p) + "/HH-" + std::to_string(n);
      events::EventIdentity identity{"test.happened.v1", "household", aggregate, 1, aggregate};
      publisher.Command(events::XAddCommand(
          streams[p],
          events::MakeEnvelope(events::EventContext{actor, "", ""}, identity, v1::PageRequest{})));
    }
  }

  events::RunnerOptions options;
  options.group = "test-group";
  options.consumer = "c1";
  options.block = std::chrono::milliseconds(100);
  options.batch_size = 10;
  options.claim_interval = std::chrono::milliseconds(0);
  PartitionCountingHandler handler;
  events::ConsumerRunner runner(cluster_->Options(), options, streams, handler);
  for (int pass = 0; pass < 40 && runner.counters().applied.load() < kPartitions * 3; ++pass) {
    runner.PollOnce();
  }
  EXPECT_EQ(runner.counters().applied.load(), static_cast<uint64_t>(kPartitions * 3));

  // Nothing new: a pass looks at every slot, then blocks on one slot for a
  // share of the BLOCK period only.
  const auto idle_start = std::chrono::steady_clock::now();
  EXPECT_EQ(runner.PollOnce(), 0u);
  EXPECT_LT(std::chrono::steady_clock::now() - idle_start, std::chrono::milliseconds(1000));
  // An event published now, on the last partition, is found by a later pass
  // whichever slot the blocking read waits on.
  const std::string late = std::to_string(kPartitions - 1) + "/HH-late";
  publisher.Command(events::XAddCommand(
      streams.back(),
      events::MakeEnvelope(events::EventContext{actor, "", ""},
                           events::EventIdentity{"test.happened.v1", "household", late, 1, late},
                           v1::PageRequest{})));
  for (int pass = 0; pass < 40 && runner.counters().applied.load() < kPartitions * 3 + 1; ++pass) {
    runner.PollOnce();
  }
  EXPECT_EQ(runner.counters().applied.load(), static_cast<uint64_t>(kPartitions * 3 + 1));

  for (int p = 0; p < kPartitions; ++p) {
    const redis::Reply applied =
        publisher.Command({"HGETALL", "test:" + events::PartitionTag(p) + ":applied"});
    const size_t aggregates = p == kPartitions - 1 ? 4 : 3;
    EXPECT_EQ(applied.elements.size(), 2 * aggregates)
        << "partition " << p << ": each aggregate applied once";
    for (size_t i = 1; i < applied.elements.size(); i += 2) EXPECT_EQ(applied.elements[i].str, "1");
    EXPECT_EQ(publisher.Command({"XPENDING", streams[p], "test-group"}).elements[0].integer, 0)
        << "partition " << p << ": everything applied is acknowledged";
  }
}

TEST(RedisSingleSlotCheckTest, ASingleNodeRefusesCrossSlotTransactionsWhenAsked) {
  TempDir dir;
  testkit::RedisServer redis(dir.path());
  redis.Start();
  redis::Transaction tx;
  tx.Add({"SET", "a:{left}", "1"});
  tx.Add({"SET", "b:{right}", "2"});

  redis::RedisOptions checking = redis.Options();
  checking.check_single_slot = true;
  redis::Connection strict(checking);
  EXPECT_THROW(tx.Exec(strict), redis::CrossSlotError);
  EXPECT_TRUE(strict.Command({"GET", "a:{left}"}).IsNil()) << "refused before anything was sent";

  // Off (the default for now): single-node Redis runs it as before.
  redis::Connection lenient(redis.Options());
  EXPECT_EQ(tx.Exec(lenient).size(), 2u);
  EXPECT_EQ(lenient.Command({"GET", "b:{right}"}).str, "2");
}

TEST(RedisSingleSlotCheckTest, ASingleNodeRefusesATransactionOnAnotherSlotThanItsWatch) {
  TempDir dir;
  testkit::RedisServer redis(dir.path());
  redis.Start();
  redis::RedisOptions checking = redis.Options();
  checking.check_single_slot = true;
  redis::Connection strict(checking);

  // A WATCH in one slot and the transaction in another: a cluster would run
  // the two on different nodes, so the WATCH would guard nothing.
  redis::Transaction elsewhere;
  elsewhere.Add({"SET", "b:{right}", "2"});
  strict.Command({"WATCH", "a:{left}"});
  EXPECT_THROW(elsewhere.Exec(strict), redis::CrossSlotError);
  // The refused transaction sent nothing, so the WATCH still holds its slot.
  EXPECT_THROW(strict.Command({"WATCH", "c:{right}"}), redis::CrossSlotError);
  EXPECT_THROW(strict.Command({"WATCH", "a:{left}", "c:{right}"}), redis::CrossSlotError);
  strict.Command({"UNWATCH"});
  EXPECT_TRUE(strict.Command({"GET", "b:{right}"}).IsNil()) << "refused before anything was sent";

  // Two WATCHes on two slots are refused at the second, as a cluster would.
  strict.Command({"WATCH", "a:{left}"});
  EXPECT_THROW(strict.Command({"WATCH", "b:{right}"}), redis::CrossSlotError);
  strict.Command({"UNWATCH"});

  // After UNWATCH (or EXEC) the next WATCH may be anywhere, pipelined too; a
  // transaction on its WATCH's slot runs.
  strict.Pipeline({{"WATCH", "c:{right}"}, {"GET", "c:{right}"}});
  EXPECT_EQ(elsewhere.Exec(strict).size(), 1u);
  EXPECT_EQ(strict.Command({"GET", "b:{right}"}).str, "2");
  redis::Transaction same_slot;
  same_slot.Add({"SET", "c:{left}", "3"});
  strict.Command({"WATCH", "a:{left}"});
  EXPECT_EQ(same_slot.Exec(strict).size(), 1u);

  // Reads of other slots between the WATCH and the transaction are fine.
  strict.Command({"WATCH", "c:{right}"});
  strict.Command({"GET", "a:{left}"});
  EXPECT_EQ(elsewhere.Exec(strict).size(), 1u);
}

}  // namespace
}  // namespace ansinh
