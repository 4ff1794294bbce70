#pragma once

// What someone with write access to Redis can do to the audit log, done the
// way a careful attacker would: every hash recomputed, the Merkle tree and
// the head rebuilt to match, the checkpoints rewritten or emptied, the signed
// tree heads deleted. What such a rewrite cannot do is sign a head over it.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/core/audit_chain.h"
#include "monitoring/core/merkle_tree.h"
#include "redis/compressed_value.h"
#include "redis/redis_connection.h"

namespace ansinh::testkit {

inline constexpr char kTamperEntries[] = "ansinh:{audit}:monitoring:audit:entries";
inline constexpr char kTamperHead[] = "ansinh:{audit}:monitoring:audit:head";
inline constexpr char kTamperCheckpoints[] = "ansinh:{audit}:monitoring:audit:checkpoints";
inline constexpr char kTamperTreeHeads[] = "ansinh:{audit}:monitoring:audit:tree-heads";

inline std::string TamperTreeLevel(int level) {
  return "ansinh:{audit}:monitoring:audit:tree:" + std::to_string(level);
}

inline std::vector<v1::AuditChainEntry> StoredAuditEntries(redis::Connection& redis) {
  std::vector<v1::AuditChainEntry> entries;
  for (const redis::Reply& item : redis.Command({"LRANGE", kTamperEntries, "0", "-1"}).elements) {
    v1::AuditChainEntry entry;
    monitoring::ParseAuditRecord(item.str, entry);
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Replaces the stored log by `drafts` (only their content counts), sealed
// afresh from the first: a consistent chain, its Merkle tree and its head.
// Each stored checkpoint is rewritten to the new hash at its count (or
// dropped when the log is now shorter). Returns the new entries.
inline std::vector<v1::AuditChainEntry> StoreRewrittenLog(redis::Connection& redis,
                                                          const std::vector<v1::AuditChainEntry>& drafts) {
  std::vector<v1::AuditChainEntry> sealed;
  std::vector<monitoring::CompletedNode> nodes;
  monitoring::AuditHead head;
  for (v1::AuditChainEntry draft : drafts) {
    draft.clear_sequence();
    draft.clear_previous_hash();
    draft.clear_entry_hash();
    monitoring::AuditAppend append = monitoring::AppendToHead(draft, head);
    nodes.insert(nodes.end(), append.nodes.begin(), append.nodes.end());
    sealed.push_back(append.sealed);
    head = append.next;
  }
  redis.Command({"DEL", kTamperEntries});
  for (int level = 0; level < 64; ++level) redis.Command({"DEL", TamperTreeLevel(level)});
  // Many values per RPUSH: Redis syncs its append-only file per command.
  std::vector<redis::Args> pushes;
  for (const v1::AuditChainEntry& entry : sealed) {
    if (pushes.empty() || pushes.back().size() > 1000) pushes.push_back({"RPUSH", kTamperEntries});
    pushes.back().push_back(monitoring::StoredAuditRecord(entry));
  }
  std::map<int, redis::Args> levels;
  for (const monitoring::CompletedNode& node : nodes) {
    redis::Args& push = levels[node.level];
    if (push.empty()) push = {"RPUSH", TamperTreeLevel(node.level)};
    push.push_back(node.hash);
  }
  for (auto& [level, push] : levels) pushes.push_back(std::move(push));
  for (const redis::Args& push : pushes) redis.Command(push);
  std::string frontier;
  for (const std::string& hash : head.tree.hashes()) frontier += hash;
  redis.Command({"HSET", kTamperHead, "count", std::to_string(head.entry_count), "hash", head.hash,
                 "frontier", frontier});

  std::vector<std::string> checkpoints;
  for (const redis::Reply& item : redis.Command({"LRANGE", kTamperCheckpoints, "0", "-1"}).elements) {
    v1::AuditChainCheckpoint checkpoint;
    checkpoint.ParseFromString(item.str);
    if (checkpoint.entry_count() == 0 || checkpoint.entry_count() > sealed.size()) continue;
    checkpoint.set_head_hash(sealed[checkpoint.entry_count() - 1].entry_hash());
    checkpoints.push_back(checkpoint.SerializeAsString());
  }
  redis.Command({"DEL", kTamperCheckpoints});
  for (const std::string& checkpoint : checkpoints) redis.Command({"RPUSH", kTamperCheckpoints, checkpoint});
  return sealed;
}

// Edits entry `sequence` (its actor's name) and rewrites everything after it
// consistently, checkpoints included.
inline void RewriteLogFrom(redis::Connection& redis, std::uint64_t sequence) {
  std::vector<v1::AuditChainEntry> drafts = StoredAuditEntries(redis);
  drafts[sequence - 1].mutable_actor()->set_name("Người khác");
  StoreRewrittenLog(redis, drafts);
}

// Cuts the log to its first `keep` entries, with a head, tree and (emptied)
// checkpoints to match.
inline void CutLogTo(redis::Connection& redis, std::size_t keep) {
  std::vector<v1::AuditChainEntry> drafts = StoredAuditEntries(redis);
  drafts.resize(keep);
  StoreRewrittenLog(redis, drafts);
  redis.Command({"DEL", kTamperCheckpoints});
}

}  // namespace ansinh::testkit
