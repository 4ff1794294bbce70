#include "monitoring/adapters/audit_log.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>
#include <string>

#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/core/digest.h"
#include "redis/compressed_value.h"
#include "redis/redis_error.h"

namespace ansinh::monitoring {
namespace {

// Appends race only with each other; a handful of retries always wins.
constexpr int kMaxAppendAttempts = 32;
// Attempts to build the tree of an old log while appends go on.
constexpr int kMaxTreeBuildAttempts = 8;

const std::string kEntries(MonitoringKeys::kAuditEntries);
const std::string kHead(MonitoringKeys::kAuditHead);
const std::string kCheckpoints(MonitoringKeys::kCheckpoints);
const std::string kTreeHeads(MonitoringKeys::kTreeHeads);

std::uint64_t ParseCount(const std::string& text) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error("the audit head's count \"" + text + "\" is not a number");
  }
  return value;
}

std::vector<std::string> SplitHashes(const std::string& joined) {
  std::vector<std::string> hashes;
  for (std::size_t at = 0; at + kSha256Bytes <= joined.size(); at += kSha256Bytes) {
    hashes.push_back(joined.substr(at, kSha256Bytes));
  }
  return hashes;
}

std::string JoinHashes(const std::vector<std::string>& hashes) {
  std::string joined;
  for (const std::string& hash : hashes) joined += hash;
  return joined;
}

void QueueNodes(redis::Transaction& tx, const std::vector<CompletedNode>& nodes) {
  for (const CompletedNode& node : nodes) tx.Add({"RPUSH", MonitoringKeys::TreeLevel(node.level), node.hash});
}

v1::AuditChainEntry ParseEntry(const std::string& stored) {
  v1::AuditChainEntry entry;
  if (!ParseAuditRecord(stored, entry)) entry.Clear();
  return entry;
}

v1::AuditChainCheckpoint ParseCheckpoint(const std::string& bytes) {
  v1::AuditChainCheckpoint checkpoint;
  if (!checkpoint.ParseFromString(bytes)) {
    throw std::runtime_error("a stored audit checkpoint does not parse");
  }
  return checkpoint;
}

}  // namespace

AuditHead AuditLog::WatchHead() {
  redis_.Command({"WATCH", kHead});
  redis::Reply reply = redis_.Command({"HMGET", kHead, "count", "hash", "frontier"});
  AuditHead head;
  if (reply.elements.size() == 3 && !reply.elements[0].IsNil()) {
    head.entry_count = ParseCount(reply.elements[0].str);
    head.hash = reply.elements[1].IsNil() ? GenesisHash() : reply.elements[1].str;
    const std::string frontier = reply.elements[2].IsNil() ? std::string() : reply.elements[2].str;
    if (!MerkleFrontier::FromStored(head.entry_count, SplitHashes(frontier), head.tree) ||
        frontier.size() % kSha256Bytes != 0) {
      redis_.Command({"UNWATCH"});
      throw std::runtime_error("the audit head has " + std::to_string(head.entry_count) +
                               " entries but no Merkle tree over them; monitoring builds it at start");
    }
  }
  return head;
}

void AuditLog::QueueAppend(redis::Transaction& tx, const AuditAppend& append) {
  tx.Add({"RPUSH", kEntries, StoredAuditRecord(append.sealed)});
  QueueNodes(tx, append.nodes);
  tx.Add({"HSET", kHead, "count", std::to_string(append.next.entry_count), "hash", append.next.hash,
          "frontier", JoinHashes(append.next.tree.hashes())});
}

void AuditLog::QueueAppends(redis::Transaction& tx, const std::vector<AuditAppend>& appends) {
  if (appends.empty()) return;
  redis::Args entries{"RPUSH", kEntries};
  std::map<int, redis::Args> levels;
  for (const AuditAppend& append : appends) {
    entries.push_back(StoredAuditRecord(append.sealed));
    for (const CompletedNode& node : append.nodes) {
      redis::Args& level = levels[node.level];
      if (level.empty()) level = {"RPUSH", MonitoringKeys::TreeLevel(node.level)};
      level.push_back(node.hash);
    }
  }
  tx.Add(std::move(entries));
  for (auto& [level, command] : levels) tx.Add(std::move(command));
  const AuditHead& next = appends.back().next;
  tx.Add({"HSET", kHead, "count", std::to_string(next.entry_count), "hash", next.hash, "frontier",
          JoinHashes(next.tree.hashes())});
}

ChainPages AuditLog::Pages() {
  return [this](const ChainPageVisitor& visit) {
    const std::int64_t length = redis_.Command({"LLEN", kEntries}).AsInteger();
    std::vector<v1::AuditChainEntry> page;
    for (std::int64_t start = 0; start < length; start += kPageEntries) {
      const std::int64_t last = std::min(length, start + kPageEntries) - 1;
      redis::Reply reply = redis_.Command({"LRANGE", kEntries, std::to_string(start), std::to_string(last)});
      page.clear();
      for (const redis::Reply& item : reply.elements) page.push_back(ParseEntry(item.str));
      if (!visit(page)) return;
    }
  };
}

std::vector<v1::AuditChainEntry> AuditLog::LoadEntries() {
  std::vector<v1::AuditChainEntry> entries;
  Pages()([&entries](std::span<const v1::AuditChainEntry> page) {
    entries.insert(entries.end(), page.begin(), page.end());
    return true;
  });
  return entries;
}

std::uint64_t AuditLog::StoredLength() {
  return static_cast<std::uint64_t>(redis_.Command({"LLEN", kEntries}).AsInteger());
}

std::vector<v1::AuditChainEntry> AuditLog::EntriesAt(std::uint64_t first, std::uint64_t count) {
  std::vector<v1::AuditChainEntry> entries;
  if (count == 0) return entries;
  redis::Reply reply =
      redis_.Command({"LRANGE", kEntries, std::to_string(first), std::to_string(first + count - 1)});
  for (const redis::Reply& item : reply.elements) entries.push_back(ParseEntry(item.str));
  return entries;
}

std::vector<v1::AuditChainEntry> AuditLog::EntriesWithSequences(const std::vector<std::uint64_t>& sequences) {
  std::vector<v1::AuditChainEntry> entries(sequences.size());
  std::vector<std::size_t> asked;  // positions in `sequences` read (sequence 0 names no entry)
  std::vector<redis::Args> reads;
  for (std::size_t i = 0; i < sequences.size(); ++i) {
    if (sequences[i] == 0) continue;
    asked.push_back(i);
    reads.push_back({"LINDEX", kEntries, std::to_string(sequences[i] - 1)});
  }
  if (reads.empty()) return entries;
  const std::vector<redis::Reply> replies = redis_.Pipeline(reads);
  for (std::size_t read = 0; read < replies.size(); ++read) {
    if (replies[read].IsError()) throw redis::ReplyError(replies[read].str);
    if (!replies[read].IsNil()) entries[asked[read]] = ParseEntry(replies[read].str);
  }
  return entries;
}

std::uint64_t AuditLog::TreeSize() {
  return static_cast<std::uint64_t>(redis_.Command({"LLEN", MonitoringKeys::TreeLevel(0)}).AsInteger());
}

PerfectNodes AuditLog::StoredNodes() {
  return [this](int level, std::uint64_t index) {
    redis::Reply reply = redis_.Command({"LINDEX", MonitoringKeys::TreeLevel(level), std::to_string(index)});
    if (reply.IsNil() || reply.str.size() != kSha256Bytes) {
      throw std::runtime_error("the audit log's Merkle tree lacks node " + std::to_string(index) +
                               " of level " + std::to_string(level));
    }
    return reply.str;
  };
}

std::vector<std::string> AuditLog::Leaves(std::uint64_t first_index, std::uint64_t count) {
  std::vector<std::string> leaves;
  if (count == 0) return leaves;
  redis::Reply reply = redis_.Command({"LRANGE", MonitoringKeys::TreeLevel(0), std::to_string(first_index),
                                       std::to_string(first_index + count - 1)});
  for (const redis::Reply& item : reply.elements) leaves.push_back(item.str);
  return leaves;
}

std::optional<std::pair<std::uint64_t, std::string>> AuditLog::StoredHeadRoot() {
  redis::Reply reply = redis_.Command({"HMGET", kHead, "count", "frontier"});
  if (reply.elements.size() != 2 || reply.elements[0].IsNil())
    return std::make_pair(std::uint64_t{0}, MerkleEmptyRoot());
  const std::uint64_t count = ParseCount(reply.elements[0].str);
  MerkleFrontier tree;
  if (reply.elements[1].IsNil() ||
      !MerkleFrontier::FromStored(count, SplitHashes(reply.elements[1].str), tree)) {
    return std::nullopt;
  }
  return std::make_pair(count, tree.Root());
}

std::uint64_t AuditLog::EnsureMerkleTree() {
  for (int attempt = 0; attempt < kMaxTreeBuildAttempts; ++attempt) {
    redis_.Command({"WATCH", kHead});
    redis::Reply reply = redis_.Command({"HMGET", kHead, "count", "frontier"});
    const bool has_count = reply.elements.size() == 2 && !reply.elements[0].IsNil();
    const std::uint64_t count = has_count ? ParseCount(reply.elements[0].str) : 0;
    if (count == 0 || !reply.elements[1].IsNil()) {
      redis_.Command({"UNWATCH"});
      return 0;
    }
    // Old entries carry their sequence and links; the tree is rebuilt from
    // the first `count` stored entries, as they are (a damaged one gets the
    // leaf of what is stored, and verification names it).
    redis::Transaction tx;
    for (int level = 0; level < 64; ++level) tx.Add({"DEL", MonitoringKeys::TreeLevel(level)});
    MerkleFrontier tree;
    std::uint64_t built = 0;
    Pages()([&](std::span<const v1::AuditChainEntry> page) {
      for (const v1::AuditChainEntry& entry : page) {
        if (built == count) return false;
        QueueNodes(tx, tree.Append(AuditLeafHash(entry)));
        ++built;
      }
      return true;
    });
    tx.Add({"HSET", kHead, "frontier", JoinHashes(tree.hashes())});
    try {
      tx.Exec(redis_);
      return built;
    } catch (const redis::TransactionAborted&) {
      continue;
    }
  }
  throw redis::TransactionAborted();
}

std::optional<v1::SignedTreeHead> AuditLog::LatestTreeHead() {
  redis::Reply reply = redis_.Command({"LINDEX", kTreeHeads, "-1"});
  if (reply.IsNil()) return std::nullopt;
  v1::SignedTreeHead head;
  if (!head.ParseFromString(reply.str)) throw std::runtime_error("a stored signed tree head does not parse");
  return head;
}

v1::SignedTreeHead AuditLog::IssueTreeHead(
    const std::function<v1::SignedTreeHead(std::uint64_t size, const std::string& root)>& sign,
    const v1::Actor& issued_by) {
  for (int attempt = 0; attempt < kMaxAppendAttempts; ++attempt) {
    redis::Transaction tx;
    v1::SignedTreeHead head;
    try {
      const AuditHead current = WatchHead();
      head = sign(current.entry_count, current.tree.Root());
      QueueAppend(tx, AppendToHead(TreeHeadEntry(head, issued_by), current));
      tx.Add({"RPUSH", kTreeHeads, head.SerializeAsString()});
    } catch (...) {
      redis_.Command({"UNWATCH"});
      throw;
    }
    try {
      tx.Exec(redis_);
      return head;
    } catch (const redis::TransactionAborted&) {
      continue;
    }
  }
  throw redis::TransactionAborted();
}

void AuditLog::StoreCheckpoint(const v1::AuditChainCheckpoint& checkpoint) {
  redis_.Command({"RPUSH", kCheckpoints, checkpoint.SerializeAsString()});
}

std::optional<v1::AuditChainCheckpoint> AuditLog::LatestCheckpoint() {
  redis::Reply reply = redis_.Command({"LINDEX", kCheckpoints, "-1"});
  if (reply.IsNil()) return std::nullopt;
  return ParseCheckpoint(reply.AsString());
}

std::vector<v1::AuditChainCheckpoint> AuditLog::Checkpoints(std::int64_t offset, int count,
                                                            std::int64_t* total) {
  *total = redis_.Command({"LLEN", kCheckpoints}).AsInteger();
  std::vector<v1::AuditChainCheckpoint> checkpoints;
  // Newest first: list index total-1-offset downwards.
  const std::int64_t last = *total - 1 - offset;
  if (last < 0 || count <= 0) return checkpoints;
  const std::int64_t first = std::max<std::int64_t>(0, last - count + 1);
  redis::Reply reply = redis_.Command({"LRANGE", kCheckpoints, std::to_string(first), std::to_string(last)});
  for (auto item = reply.elements.rbegin(); item != reply.elements.rend(); ++item) {
    checkpoints.push_back(ParseCheckpoint(item->str));
  }
  return checkpoints;
}

}  // namespace ansinh::monitoring
