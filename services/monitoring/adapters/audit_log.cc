#include "monitoring/adapters/audit_log.h"

#include <charconv>
#include <stdexcept>
#include <string>

#include "monitoring/adapters/monitoring_keys.h"
#include "redis/compressed_value.h"
#include "redis/redis_error.h"

namespace ansinh::monitoring {
namespace {

// Appends race only with each other; a handful of retries always wins.
constexpr int kMaxAppendAttempts = 32;
// Entries read per LRANGE while loading the chain.
constexpr std::int64_t kLoadChunk = 1000;

const std::string kEntries(MonitoringKeys::kAuditEntries);
const std::string kHead(MonitoringKeys::kAuditHead);
const std::string kCheckpoints(MonitoringKeys::kCheckpoints);

std::uint64_t ParseCount(const std::string& text) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error("the audit head's count \"" + text + "\" is not a number");
  }
  return value;
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
  redis::Reply reply = redis_.Command({"HMGET", kHead, "count", "hash"});
  AuditHead head;
  if (reply.elements.size() == 2 && !reply.elements[0].IsNil()) {
    head.entry_count = ParseCount(reply.elements[0].str);
    head.hash = reply.elements[1].IsNil() ? GenesisHash() : reply.elements[1].str;
  }
  return head;
}

void AuditLog::QueueAppend(redis::Transaction& tx, const v1::AuditChainEntry& sealed) {
  tx.Add({"RPUSH", kEntries, redis::StoredMessage(sealed)});
  tx.Add({"HSET", kHead, "count", std::to_string(sealed.sequence()), "hash", sealed.entry_hash()});
}

v1::AuditChainEntry AuditLog::Append(
    const v1::AuditChainEntry& draft,
    const std::function<void(const v1::AuditChainEntry& sealed, redis::Transaction& tx)>& also) {
  for (int attempt = 0; attempt < kMaxAppendAttempts; ++attempt) {
    v1::AuditChainEntry sealed;
    redis::Transaction tx;
    try {
      sealed = SealEntry(draft, WatchHead());
      QueueAppend(tx, sealed);
      if (also) also(sealed, tx);
    } catch (...) {
      redis_.Command({"UNWATCH"});
      throw;
    }
    try {
      tx.Exec(redis_);
      return sealed;
    } catch (const redis::TransactionAborted&) {
      continue;  // another entry was appended meanwhile: seal against the new head
    }
  }
  throw redis::TransactionAborted();
}

std::vector<v1::AuditChainEntry> AuditLog::LoadEntries() {
  std::vector<v1::AuditChainEntry> entries;
  for (std::int64_t start = 0;; start += kLoadChunk) {
    redis::Reply reply =
        redis_.Command({"LRANGE", kEntries, std::to_string(start), std::to_string(start + kLoadChunk - 1)});
    for (const redis::Reply& item : reply.elements) {
      v1::AuditChainEntry entry;
      if (!redis::ParseStoredMessage(item.str, entry)) entry.Clear();
      entries.push_back(std::move(entry));
    }
    if (static_cast<std::int64_t>(reply.elements.size()) < kLoadChunk) break;
  }
  return entries;
}

std::uint64_t AuditLog::StoredLength() {
  return static_cast<std::uint64_t>(redis_.Command({"LLEN", kEntries}).AsInteger());
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
