#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/core/audit_chain.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// The audit chain in Redis (keys in monitoring_keys.h): the entries as a list
// in storage order, the head (count and last hash) beside them, and the
// checkpoints issued over them.
//
// Appending is one atomic step: WATCH the head, read it, seal the entry
// against it, then MULTI / RPUSH entry / HSET head / EXEC. Two writers sealing
// against the same head would fork the chain; with WATCH the second EXEC
// fails and that writer seals again against the new head.
class AuditLog {
 public:
  explicit AuditLog(redis::Connection& redis) : redis_(redis) {}

  // WATCHes the head (so a transaction built on it fails if another append
  // moves it) and reads it.
  AuditHead WatchHead();
  // Queues storing `sealed` and moving the head past it.
  static void QueueAppend(redis::Transaction& tx, const v1::AuditChainEntry& sealed);

  // Seals `draft` and stores it with whatever `also` queues (e.g. the
  // household's timeline line), retrying against the new head when a
  // concurrent append got there first. Returns the entry as sealed.
  v1::AuditChainEntry Append(
      const v1::AuditChainEntry& draft,
      const std::function<void(const v1::AuditChainEntry& sealed, redis::Transaction& tx)>& also);

  // Every stored entry in storage order. An element that does not parse is
  // returned as an empty entry, which verification names as changed.
  std::vector<v1::AuditChainEntry> LoadEntries();
  // Entries stored (what the list holds, whatever the head says).
  std::uint64_t StoredLength();

  void StoreCheckpoint(const v1::AuditChainCheckpoint& checkpoint);
  std::optional<v1::AuditChainCheckpoint> LatestCheckpoint();
  // Checkpoints newest first, skipping `offset`; `total` receives how many
  // there are.
  std::vector<v1::AuditChainCheckpoint> Checkpoints(std::int64_t offset, int count, std::int64_t* total);

 private:
  redis::Connection& redis_;
};

}  // namespace ansinh::monitoring
