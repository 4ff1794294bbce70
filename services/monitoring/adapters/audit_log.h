#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/core/audit_chain.h"
#include "monitoring/core/audit_verifier.h"
#include "monitoring/core/merkle_tree.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// The audit chain in Redis (keys in monitoring_keys.h): the entries as a list
// in storage order, the head (count, last hash and the Merkle tree's right
// edge) beside them, the Merkle tree's perfect subtrees level by level, the
// signed tree heads and the checkpoints issued over them.
//
// Appending is one atomic step in the chain's slot ({audit}): WATCH the
// head, read it, seal the entries against it, then MULTI / RPUSH entries /
// RPUSH the tree nodes they complete / HSET head / EXEC. Two writers sealing
// against the same head would fork the chain; with WATCH the second EXEC
// fails and that writer seals again against the new head. Events and
// personal-data reads reach the chain through the audit outboxes
// (audit_outbox.h), tree heads directly (IssueTreeHead).
//
// Reading is page by page (kPageEntries entries per LRANGE), so verifying or
// exporting a long log holds one page, never the log.
class AuditLog {
 public:
  static constexpr std::int64_t kPageEntries = 1000;

  explicit AuditLog(redis::Connection& redis) : redis_(redis) {}

  // WATCHes the head (so a transaction built on it fails if another append
  // moves it) and reads it. Throws when the head has entries but no Merkle
  // tree (a log from before the tree existed: EnsureMerkleTree builds it).
  AuditHead WatchHead();
  // Queues storing the sealed entry, the tree nodes it completed and the
  // head after it.
  static void QueueAppend(redis::Transaction& tx, const AuditAppend& append);
  // The same for appends sealed one after the other: the entries, the tree
  // nodes level by level in order, and the head after the last one.
  static void QueueAppends(redis::Transaction& tx, const std::vector<AuditAppend>& appends);

  // The stored entries in storage order, a page at a time, up to the length
  // the list had when reading began (appends during the walk are not read).
  // An element that does not parse is an empty entry, which verification
  // names as changed.
  ChainPages Pages();
  // Every stored entry. Only for short logs (tests, small ranges).
  std::vector<v1::AuditChainEntry> LoadEntries();
  // Entries stored (what the list holds, whatever the head says).
  std::uint64_t StoredLength();
  // The entries at 0-based positions [first, first + count).
  std::vector<v1::AuditChainEntry> EntriesAt(std::uint64_t first, std::uint64_t count);
  // The entries with these 1-based sequences, in the same order, in one
  // round trip; an entry missing or not parsing is an empty entry.
  std::vector<v1::AuditChainEntry> EntriesWithSequences(const std::vector<std::uint64_t>& sequences);

  // The Merkle tree as stored: its size (leaves stored), any perfect subtree
  // (read with LINDEX; throws when one is missing), and a range of leaves.
  std::uint64_t TreeSize();
  PerfectNodes StoredNodes();
  std::vector<std::string> Leaves(std::uint64_t first_index, std::uint64_t count);

  // The head's entry count and the root of its Merkle tree's right edge, as
  // stored (not WATCHed); nullopt when the head has no edge.
  std::optional<std::pair<std::uint64_t, std::string>> StoredHeadRoot();

  // A log appended to before the Merkle tree existed has entries and no
  // tree: builds the tree from the entries (page by page) and stores it with
  // the head's right edge. Does nothing when the tree covers the chain.
  // Returns the number of leaves built.
  std::uint64_t EnsureMerkleTree();

  // Signed tree heads, oldest first in storage.
  std::optional<v1::SignedTreeHead> LatestTreeHead();
  // Signs a head over the log as it is (through `sign`, given the size and
  // root) and appends its record (TreeHeadEntry, as `issued_by`) and the head
  // itself in one transaction; retried when an append got there first.
  v1::SignedTreeHead IssueTreeHead(
      const std::function<v1::SignedTreeHead(std::uint64_t size, const std::string& root)>& sign,
      const v1::Actor& issued_by);

  void StoreCheckpoint(const v1::AuditChainCheckpoint& checkpoint);
  std::optional<v1::AuditChainCheckpoint> LatestCheckpoint();
  // Checkpoints newest first, skipping `offset`; `total` receives how many
  // there are.
  std::vector<v1::AuditChainCheckpoint> Checkpoints(std::int64_t offset, int count, std::int64_t* total);

 private:
  redis::Connection& redis_;
};

}  // namespace ansinh::monitoring
