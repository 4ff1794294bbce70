// The audit outboxes and the chain appender (docs/monitoring.md, "The audit
// outbox"): an event's transaction stays in its partition's slot and the
// chain in its own, and a crash between the two steps loses no entry and
// chains none twice.
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "events/stream_names.h"
#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/core/audit_chain.h"
#include "monitoring_fixture.h"
#include "redis/compressed_value.h"

namespace ansinh::testkit {
namespace {

const std::string kChainEntries = "ansinh:{audit}:monitoring:audit:entries";

// The chain as stored: the event id of each entry ("" for a read), in order.
std::vector<v1::AuditChainEntry> StoredChain(redis::Connection& redis) {
  std::vector<v1::AuditChainEntry> chain;
  for (const redis::Reply& item : redis.Command({"LRANGE", kChainEntries, "0", "-1"}).elements) {
    v1::AuditChainEntry entry;
    EXPECT_TRUE(monitoring::ParseAuditRecord(item.str, entry));
    chain.push_back(std::move(entry));
  }
  return chain;
}

// Every event id in the chain exactly once, and no other event.
void ExpectEachEventOnce(const std::vector<v1::AuditChainEntry>& chain,
                         const std::set<std::string>& event_ids) {
  std::map<std::string, int> seen;
  for (const v1::AuditChainEntry& entry : chain) {
    if (entry.kind() == v1::AuditChainEntry::KIND_EVENT) ++seen[entry.event_id()];
  }
  EXPECT_EQ(seen.size(), event_ids.size());
  for (const std::string& id : event_ids) EXPECT_EQ(seen[id], 1) << id;
}

// The audit entries waiting in a partition's outbox: a consumer's group of
// events shares one stream entry, one "entry" field each.
long long OutboxEntries(redis::Connection& redis, int partition) {
  long long entries = 0;
  for (const redis::Reply& item :
       redis.Command({"XRANGE", monitoring::MonitoringKeys::AuditOutbox(partition), "-", "+"}).elements) {
    entries += static_cast<long long>(item.elements.at(1).elements.size() / 2);
  }
  return entries;
}

// The reader of the personal-data reads these tests put in the outbox.
v1::Actor Auditor(const std::string& name) {
  v1::Actor reader;
  reader.set_name(name);
  reader.set_role(v1::ROLE_AUDITOR);
  return reader;
}

// A connection that refuses a transaction spanning slots, as the services'.
redis::RedisOptions SingleSlotOptions(const RedisServer& redis) {
  redis::RedisOptions options = redis.Options();
  options.check_single_slot = true;
  return options;
}

// The background appender off: entries stay in the outbox until a read that
// needs the chain, or a start, appends them.
class MonitoringAuditOutboxTest : public MonitoringFixture {
 protected:
  std::vector<std::string> ExtraFlags() const override { return {"--audit-append-interval-ms", "0"}; }
  bool ChainFollowsOutbox() const override { return false; }

  std::set<std::string> PublishWard(int households) {
    std::set<std::string> ids;
    for (int i = 1; i <= households; ++i) {
      const std::string household = "H" + std::to_string(i);
      Registered(household, "TDP-01", "2025-01-02");
      Approved(household, "R-2025", 2025, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2025-12-10");
      CaseOpened(household, "womens-union", "2025-12-11");
    }
    WaitForAllPublished();
    // The ids as published, read back from the streams.
    for (std::string_view source :
         {events::kRegistrySource, events::kClassificationSource, events::kAssignmentSource}) {
      for (const redis::Reply& item :
           redis().Command({"XRANGE", events::EventStream(source, 0), "-", "+"}).elements) {
        std::string error;
        const std::optional<v1::EventEnvelope> event =
            events::DecodeEntry(events::ParseEntryReply(item), &error);
        EXPECT_TRUE(event.has_value()) << error;
        if (event) ids.insert(event->event_id());
      }
    }
    return ids;
  }

  v1::AuditChainVerification Verify() {
    v1::VerifyAuditResponse response;
    const grpc::Status status =
        stub_->VerifyAudit(AuthorizedContext(tokens_.auditor).get(), v1::VerifyAuditRequest{}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.verification();
  }

  void Restart(std::vector<std::string> flags) {
    flags.insert(flags.end(), {"--targets-file", dir_.path() + "/targets.textproto"});
    monitoring_ = std::make_unique<ServiceProcess>("monitoring", redis_, tokens_.WriteFile(dir_.path()),
                                                   dir_.path(), flags);
    monitoring_->Start();
    stub_ = v1::Monitoring::NewStub(monitoring_->channel());
  }
};

TEST_F(MonitoringAuditOutboxTest, AKillBetweenTheEventsTransactionAndTheAppendLosesAndDoublesNothing) {
  const std::set<std::string> events = PublishWard(4);
  ASSERT_EQ(events.size(), 12u);
  // Every event is applied (figures, timelines, marks) and waits in the
  // outbox; none is in the chain yet.
  EXPECT_EQ(redis().Command({"LLEN", kChainEntries}).integer, 0);
  EXPECT_EQ(OutboxEntries(redis(), 0), 12);

  monitoring_->Kill();
  // The start-up appends what the killed process left in the outbox.
  Restart({});
  const std::vector<v1::AuditChainEntry> chain = StoredChain(redis());
  ASSERT_EQ(chain.size(), 12u);
  ExpectEachEventOnce(chain, events);
  EXPECT_EQ(OutboxEntries(redis(), 0), 0) << "what is in the chain is trimmed from the outbox";
  const v1::AuditChainVerification verified = Verify();
  EXPECT_TRUE(verified.intact()) << verified.finding().description();
  EXPECT_EQ(verified.entries_checked(), 12u);

  // The restarted service goes on from there: the next event is entry 13.
  Registered("H9", "TDP-01", "2025-01-03");
  WaitForAllPublished();
  EXPECT_EQ(Verify().entries_checked(), 13u);
}

TEST_F(MonitoringAuditOutboxTest, AnAppendRepeatedAfterACrashBeforeTheTrimAppendsNothing) {
  const std::set<std::string> events = PublishWard(3);
  ASSERT_EQ(events.size(), 9u);
  redis::Connection connection(SingleSlotOptions(redis_));
  const monitoring::MonitoringKeys keys(1);
  monitoring::AuditAppender appender(connection, keys);
  EXPECT_EQ(appender.Waiting(), 9u);
  // The append, then "a crash": the outbox is not trimmed.
  EXPECT_EQ(appender.AppendOnce(0), 9u);
  EXPECT_EQ(OutboxEntries(connection, 0), 9);
  EXPECT_EQ(appender.Waiting(), 0u);
  // The next attempt starts after what is taken.
  EXPECT_EQ(appender.AppendOnce(0), 0u);
  EXPECT_EQ(appender.DrainPartition(0), 0u);
  appender.TrimTaken(0);
  EXPECT_EQ(OutboxEntries(connection, 0), 0);

  const std::vector<v1::AuditChainEntry> chain = StoredChain(connection);
  ASSERT_EQ(chain.size(), 9u);
  ExpectEachEventOnce(chain, events);
  // Each ordinal maps to the entry sealed from it.
  const std::vector<std::uint64_t> sequences = appender.SequencesOf(0, {1, 5, 9, 10});
  EXPECT_EQ(sequences, (std::vector<std::uint64_t>{1, 5, 9, 0}));
  EXPECT_TRUE(Verify().intact());
}

TEST_F(MonitoringAuditOutboxTest, AppendersRacingEachOtherChainEveryEntryOnce) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> appenders;
  std::atomic<int> failures{0};
  for (int i = 0; i < 3; ++i) {
    appenders.emplace_back([&] {
      redis::Connection connection(SingleSlotOptions(redis_));
      const monitoring::MonitoringKeys keys(1);
      while (!stop.load()) {
        try {
          monitoring::AuditAppender(connection, keys).DrainAll();
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  const std::set<std::string> events = PublishWard(10);
  stop.store(true);
  for (std::thread& appender : appenders) appender.join();
  EXPECT_EQ(failures.load(), 0);
  const v1::AuditChainVerification verified = Verify();
  EXPECT_TRUE(verified.intact()) << verified.finding().description();
  ExpectEachEventOnce(StoredChain(redis()), events);
  EXPECT_EQ(verified.entries_checked(), 30u);
}

// GetSeen counts the chain and the outboxes; read apart, an append between
// the two reads dropped the entries it moved from the count (a crash test
// saw audit_entries behind the events consumed, under load).
TEST_F(MonitoringAuditOutboxTest, EntriesAreCountedOnceWhileAnAppenderMovesThem) {
  const std::set<std::string> events = PublishWard(40);
  const monitoring::MonitoringKeys keys(1);
  redis::Connection reader(SingleSlotOptions(redis_));
  ASSERT_EQ(monitoring::AuditAppender(reader, keys).ChainedOrWaiting(), events.size());
  ASSERT_EQ(monitoring::AuditAppender(reader, keys).Waiting(), events.size()) << "nothing appended yet";

  std::atomic<bool> drained{false};
  std::thread appender([&] {
    redis::Connection connection(SingleSlotOptions(redis_));
    // One bounded step at a time, so the reads below meet many appends.
    while (monitoring::AuditAppender(connection, keys).Waiting() > 0) {
      monitoring::AuditAppender(connection, keys).AppendOnce(0);
    }
    drained = true;
  });
  int reads = 0;
  while (!drained.load()) {
    ASSERT_EQ(monitoring::AuditAppender(reader, keys).ChainedOrWaiting(), events.size()) << "read " << reads;
    ++reads;
  }
  appender.join();
  EXPECT_GT(reads, 0);
  EXPECT_EQ(monitoring::AuditAppender(reader, keys).ChainedOrWaiting(), events.size());
  EXPECT_EQ(StoredChain(redis()).size(), events.size());
}

// Each appender trims what it sealed, so one that read `taken` just before
// another sealed and trimmed finds the outbox starting past it: that is a
// stale read to retry, not a missing entry (found by `make bench`, where
// household pages read at once failed with "an entry is missing").
TEST_F(MonitoringAuditOutboxTest, AppendersTrimmingUnderEachOtherWhileReadsArriveLoseNothing) {
  constexpr int kWriters = 2;
  constexpr int kReadsPerWriter = 400;
  std::atomic<int> writers_left{kWriters};
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex first_failure_mutex;
  const auto record_failure = [&](const std::exception& error) {
    if (failures++ == 0) {
      std::lock_guard lock(first_failure_mutex);
      first_failure = error.what();
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      redis::Connection connection(SingleSlotOptions(redis_));
      const v1::Actor reader = Auditor("auditor-" + std::to_string(i));
      for (int read = 0; read < kReadsPerWriter; ++read) {
        try {
          monitoring::PutInOutbox(connection, 0,
                                  monitoring::PersonalDataReadEntry(reader, "H1", "GetHouseholdTimeline", {}),
                                  nullptr);
        } catch (const std::exception& error) {
          record_failure(error);
        }
      }
      --writers_left;
    });
  }
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      redis::Connection connection(SingleSlotOptions(redis_));
      const monitoring::MonitoringKeys keys(1);
      while (writers_left.load() > 0) {
        try {
          monitoring::AuditAppender(connection, keys).DrainPartition(0);
        } catch (const std::exception& error) {
          record_failure(error);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;
  redis::Connection connection(SingleSlotOptions(redis_));
  monitoring::AuditAppender(connection, monitoring::MonitoringKeys(1)).DrainAll();
  EXPECT_EQ(connection.Command({"LLEN", kChainEntries}).integer, kWriters * kReadsPerWriter);
  const v1::AuditChainVerification verified = Verify();
  EXPECT_TRUE(verified.intact()) << verified.finding().description();
  EXPECT_EQ(verified.entries_checked(), static_cast<std::uint64_t>(kWriters * kReadsPerWriter));
}

// A consumer's group puts its entries in one stream entry; the appender
// seals stream entries whole, however they fall on its batch of 256, and
// reads the one-entry form of a personal-data read beside them.
TEST_F(MonitoringAuditOutboxTest, GroupsOfEntriesInOneStreamEntryAreSealedWholeAndInOrder) {
  redis::Connection connection(SingleSlotOptions(redis_));
  const monitoring::MonitoringKeys keys(1);
  const v1::Actor reader = Auditor("auditor");
  const auto drafts = [&](int count, const std::string& what) {
    std::vector<std::string> stored;
    for (int i = 0; i < count; ++i) {
      stored.push_back(monitoring::StoredAuditRecord(
          monitoring::PersonalDataReadEntry(reader, "H1", what + std::to_string(i), {})));
    }
    return stored;
  };
  std::uint64_t next = 1;
  for (const auto& [count, what] :
       std::vector<std::pair<int, std::string>>{{200, "a"}, {100, "b"}, {5, "c"}}) {
    redis::Transaction tx;
    monitoring::QueueOutboxEntries(tx, 0, next, drafts(count, what));
    next += static_cast<std::uint64_t>(count);
    monitoring::QueueOutboxLast(tx, 0, next - 1);
    tx.Exec(connection);
  }
  monitoring::PutInOutbox(connection, 0, monitoring::PersonalDataReadEntry(reader, "H1", "single", {}),
                          nullptr);
  ASSERT_EQ(OutboxEntries(connection, 0), 306);

  monitoring::AuditAppender appender(connection, keys);
  EXPECT_EQ(appender.DrainPartition(0), 306u);
  EXPECT_EQ(appender.Waiting(), 0u);
  EXPECT_EQ(OutboxEntries(connection, 0), 0) << "what is taken is trimmed";
  const std::vector<v1::AuditChainEntry> chain = StoredChain(connection);
  ASSERT_EQ(chain.size(), 306u);
  EXPECT_EQ(chain[0].detail(), "a0");
  EXPECT_EQ(chain[199].detail(), "a199");
  EXPECT_EQ(chain[200].detail(), "b0");
  EXPECT_EQ(chain[304].detail(), "c4");
  EXPECT_EQ(chain[305].detail(), "single");
  EXPECT_EQ(appender.SequencesOf(0, {1, 201, 306}), (std::vector<std::uint64_t>{1, 201, 306}));
  const v1::AuditChainVerification verified = Verify();
  EXPECT_TRUE(verified.intact()) << verified.finding().description();
}

// One append step reads a bounded number of stream entries, whatever waits
// (a province's appender once read 256 groups of entries to seal 256 of
// them, again and again), and a drain still takes everything.
TEST_F(MonitoringAuditOutboxTest, AnAppendStepReadsABoundedNumberOfStreamEntries) {
  redis::Connection connection(SingleSlotOptions(redis_));
  const monitoring::MonitoringKeys keys(1);
  const v1::Actor reader = Auditor("auditor");
  for (int i = 0; i < 40; ++i) {
    monitoring::PutInOutbox(connection, 0,
                            monitoring::PersonalDataReadEntry(reader, "H1", "read " + std::to_string(i), {}),
                            nullptr);
  }
  monitoring::AuditAppender appender(connection, keys);
  EXPECT_EQ(appender.AppendOnce(0),
            static_cast<std::uint64_t>(monitoring::AuditAppender::kStreamEntriesRead));
  EXPECT_EQ(appender.DrainPartition(0), 40u - monitoring::AuditAppender::kStreamEntriesRead);
  EXPECT_EQ(appender.Waiting(), 0u);
  EXPECT_TRUE(Verify().intact());
}

TEST_F(MonitoringAuditOutboxTest, AChainFromBeforeTheHashTagsIsMovedAtStartAndStillVerifies) {
  PublishWard(2);
  v1::AuditChainCheckpoint checkpoint;
  {
    v1::IssueCheckpointResponse issued;
    ASSERT_TRUE(
        stub_
            ->IssueCheckpoint(AuthorizedContext(tokens_.auditor).get(), v1::IssueCheckpointRequest{}, &issued)
            .ok());
    checkpoint = issued.checkpoint();
  }
  ASSERT_EQ(checkpoint.entry_count(), 6u);
  ASSERT_TRUE(monitoring_->Terminate().has_value());
  // The layout before the tags: the chain's keys without {audit}, the open
  // reviews in one ward-wide hash.
  for (const std::string name : {"entries", "head", "checkpoints", "tree:0", "tree:1", "tree:2"}) {
    redis().Command({"RENAME", "ansinh:{audit}:monitoring:audit:" + name, "ansinh:monitoring:audit:" + name});
  }
  v1::ReviewRound round;
  round.set_round_id("RR-1");
  round.set_opened_date("2025-03-01");
  redis().Command({"HSET", "ansinh:monitoring:open-reviews", "RR-1", round.SerializeAsString()});

  Restart({});
  EXPECT_EQ(redis()
                .Command({"EXISTS", "ansinh:monitoring:audit:entries", "ansinh:monitoring:audit:head",
                          "ansinh:monitoring:open-reviews"})
                .integer,
            0);
  EXPECT_EQ(redis().Command({"LLEN", kChainEntries}).integer, 6);
  EXPECT_FALSE(redis().Command({"HGET", monitoring::MonitoringKeys::OpenReviews(0), "RR-1"}).IsNil());
  // The checkpoint an auditor wrote down before the move still holds.
  v1::VerifyAuditRequest request;
  *request.mutable_checkpoint() = checkpoint;
  v1::VerifyAuditResponse response;
  ASSERT_TRUE(stub_->VerifyAudit(AuthorizedContext(tokens_.auditor).get(), request, &response).ok());
  EXPECT_TRUE(response.verification().intact()) << response.verification().finding().description();
  EXPECT_EQ(response.verification().entries_checked(), 6u);
}

// Four partitions: each household's events on its own partition's stream,
// as the publishers put them.
class MonitoringAuditPartitionsTest : public MonitoringFixture {
 protected:
  static constexpr int kPartitions = 4;
  std::vector<std::string> ExtraFlags() const override {
    return {"--partitions", std::to_string(kPartitions)};
  }
  bool ChainFollowsOutbox() const override { return false; }

  std::string PublishOn(const std::string& household, int version, const std::string& date) {
    v1::HouseholdRegistered payload;
    payload.mutable_household()->set_household_id(household);
    payload.mutable_household()->set_residential_group("TDP-0" + std::to_string(version));
    payload.mutable_household()->set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
    events::EventIdentity identity{"registry.household_registered.v1", "household", household,
                                   static_cast<std::uint64_t>(version), household};
    v1::EventEnvelope envelope =
        events::MakeEnvelope(events::EventContext{Officer(), "", ""}, identity, payload);
    *envelope.mutable_occurred_at() = WardNoon(date);
    redis().Command(events::XAddCommand(
        events::EventStream(events::kRegistrySource, events::PartitionOf(household, kPartitions)), envelope));
    ++published_;
    return envelope.event_id();
  }
};

TEST_F(MonitoringAuditPartitionsTest, EveryPartitionsEntriesReachTheOneChainAndTimelinesPointAtThem) {
  std::set<std::string> events;
  std::set<int> partitions;
  for (int i = 1; i <= 24; ++i) {
    const std::string household = "HP" + std::to_string(i);
    partitions.insert(events::PartitionOf(household, kPartitions));
    events.insert(PublishOn(household, 1, "2025-01-02"));
  }
  ASSERT_EQ(partitions.size(), static_cast<size_t>(kPartitions)) << "the households cover every partition";
  WaitForAllPublished();

  v1::VerifyAuditResponse verified;
  ASSERT_TRUE(
      stub_->VerifyAudit(AuthorizedContext(tokens_.auditor).get(), v1::VerifyAuditRequest{}, &verified).ok());
  EXPECT_TRUE(verified.verification().intact());
  EXPECT_EQ(verified.verification().entries_checked(), 24u);
  const std::vector<v1::AuditChainEntry> chain = StoredChain(redis());
  ExpectEachEventOnce(chain, events);

  // A timeline line's sequence is the chain entry of its event.
  for (const std::string household : {"HP1", "HP2", "HP3", "HP4", "HP5"}) {
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(household);
    v1::GetHouseholdTimelineResponse response;
    ASSERT_TRUE(
        stub_->GetHouseholdTimeline(AuthorizedContext(tokens_.officer).get(), request, &response).ok());
    ASSERT_EQ(response.entries_size(), 2) << "the registration and this read";
    for (const v1::HouseholdTimelineEntry& line : response.entries()) {
      ASSERT_GT(line.audit_sequence(), 0u) << household;
      EXPECT_EQ(line.audit_outbox_ordinal(), 0u) << "the stored ordinal never leaves the service";
      const std::vector<v1::AuditChainEntry> now = StoredChain(redis());
      ASSERT_LE(line.audit_sequence(), now.size());
      const v1::AuditChainEntry& entry = now[line.audit_sequence() - 1];
      EXPECT_EQ(entry.household_id(), household);
      EXPECT_EQ(entry.event_id(), line.event_id());
    }
  }
  v1::GetSeenResponse seen = Seen();
  EXPECT_EQ(seen.audit_entries(), 24u + 5u) << "the events and the five reads";
}

}  // namespace
}  // namespace ansinh::testkit
