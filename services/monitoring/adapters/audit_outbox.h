#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// The per-partition audit outboxes and the chain appender (docs/monitoring.md,
// "The audit outbox"; the pure part is core/audit_outbox.h).
//
// Writers (the consumer, for every event; a personal-data read, for the
// household read) put the unsealed entry in their partition's outbox in the
// transaction that does the rest of their work, in that partition's slot, under
// the partition's next ordinal (read under WATCH, so two writers never take
// the same one). The appender moves entries from the outboxes into the chain:
// each step is one transaction in the chain's slot ({audit}) that WATCHes the
// head and the "taken" marks, seals the next run of a partition's entries
// against the head and stores them with the head and the partition's highest
// ordinal taken. Then it trims what was taken from the outbox (a separate
// step in the partition's slot; one a crash skips is done by the next).
// Any number of appenders may run at once: the WATCH makes all but one of
// them retry, and a retry starts after what is taken, so an entry is sealed
// exactly once.

// Queues an entry under `ordinal` (the partition's last ordinal + 1). The
// same transaction must also set the partition's last ordinal (once, to the
// highest it queued: QueueOutboxLast).
void QueueOutboxEntry(redis::Transaction& tx, int partition, std::uint64_t ordinal,
                      const v1::AuditChainEntry& draft);
// Queues several entries, stored (StoredAuditRecord), under `first_ordinal`
// and the ordinals after it, in one stream entry: a consumer's whole group
// costs one XADD. The appender seals a stream entry whole.
void QueueOutboxEntries(redis::Transaction& tx, int partition, std::uint64_t first_ordinal,
                        const std::vector<std::string>& stored_drafts);
void QueueOutboxLast(redis::Transaction& tx, int partition, std::uint64_t ordinal);

// The last ordinal given out in `partition` (0 when none). Not WATCHed.
std::uint64_t ReadOutboxLast(redis::Connection& redis, int partition);

// Puts `draft` in `partition`'s outbox in one transaction with whatever `also`
// queues for the ordinal it got (the household's timeline line), retrying
// when a concurrent writer took the ordinal first. Returns the ordinal.
std::uint64_t PutInOutbox(redis::Connection& redis, int partition, const v1::AuditChainEntry& draft,
                          const std::function<void(std::uint64_t ordinal, redis::Transaction& tx)>& also);

class AuditAppender {
 public:
  // Entries sealed per transaction of the chain's slot.
  static constexpr std::int64_t kBatchEntries = 256;
  // Stream entries read per step: a consumer's group shares one (up to 256
  // entries), so reading kBatchEntries of them could return 65,536 entries
  // to seal 256 and read the rest again next time.
  static constexpr std::int64_t kStreamEntriesRead = 32;

  AuditAppender(redis::Connection& redis, const MonitoringKeys& keys) : redis_(redis), keys_(keys) {}

  // Appends everything the partition's outbox holds (as far as it is when
  // the call begins, at least) and trims it. Returns the entries appended.
  std::uint64_t DrainPartition(int partition);
  // DrainPartition for every partition: what reads that need the chain up to
  // date (verification, exports, checkpoints, tree heads) call first.
  std::uint64_t DrainAll();
  // One append step of whole stream entries, about kBatchEntries entries
  // (fewer when fewer wait or the stream entries read hold fewer), without
  // the trim (DrainPartition = these until nothing is left, then TrimTaken).
  std::uint64_t AppendOnce(int partition);
  // Drops the entries of the outbox already in the chain.
  void TrimTaken(int partition);

  // The highest ordinal of `partition` in the chain.
  std::uint64_t Taken(int partition);
  // Entries waiting in all outboxes.
  std::uint64_t Waiting();
  // Entries in the chain and waiting, counted once each even while an
  // appender moves them: the chain's length and the taken marks are read in
  // one transaction (the appender changes them in one), the outboxes' last
  // ordinals after. Adding the chain's LLEN to Waiting() read apart could
  // miss entries appended between the two reads.
  std::uint64_t ChainedOrWaiting();
  // The chain sequence of each of `ordinals` of `partition`, 0 for one not
  // appended yet; one round trip.
  std::vector<std::uint64_t> SequencesOf(int partition, const std::vector<std::uint64_t>& ordinals);

 private:
  redis::Connection& redis_;
  const MonitoringKeys& keys_;
};

// The background appender: every `interval`, while it holds the appender's
// lease (one instance at a time, so several instances do not keep aborting
// each other), drains every outbox. The start-up drain in main.cc and the
// reads that drain first make it a matter of freshness, not of correctness.
class AuditAppenderJob {
 public:
  AuditAppenderJob(redis::RedisOptions options, const MonitoringKeys& keys, std::string instance,
                   std::chrono::milliseconds interval);
  ~AuditAppenderJob();

  void Start();
  void Stop();

 private:
  void Loop();
  bool HoldLease();

  redis::Connection redis_;
  const MonitoringKeys& keys_;
  std::string instance_;
  std::chrono::milliseconds interval_;
  bool lease_held_ = false;
  std::chrono::steady_clock::time_point lease_renewed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ansinh::monitoring
