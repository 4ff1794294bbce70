#include "monitoring/adapters/audit_outbox.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "monitoring/adapters/audit_dictionaries.h"
#include "monitoring/adapters/audit_log.h"
#include "monitoring/core/audit_outbox.h"
#include "redis/compressed_value.h"
#include "redis/redis_error.h"

namespace ansinh::monitoring {
namespace {

// Writers of one partition race only with each other and the consumer; the
// appenders only with each other. A handful of retries always wins.
constexpr int kMaxOutboxAttempts = 64;
// The appender's lease outlives a few of its rounds, so a live holder keeps it.
constexpr std::chrono::milliseconds kAppenderLeaseTtl{5000};
const std::string kEntryField = "entry";

std::uint64_t ParseOrdinal(const redis::Reply& reply, std::string_view what) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  if (reply.IsNil()) return 0;
  std::uint64_t value = 0;
  const std::string& text = reply.str;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error(std::string(what) + " \"" + text + "\" is not a number");
  }
  return value;
}

// The items of the outbox's stream entries, each entry's in order: the k-th
// "entry" field of stream entry <id> has ordinal id + k. `entry_ends[i]` is
// the number of items in the first i + 1 stream entries.
std::vector<OutboxItem> ParseOutboxItems(const redis::Reply& reply, int partition,
                                         std::vector<std::size_t>& entry_ends) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  std::vector<OutboxItem> items;
  for (const redis::Reply& entry : reply.elements) {
    if (entry.elements.size() != 2) throw std::runtime_error("an audit outbox entry is not an id and fields");
    const std::optional<std::uint64_t> first = OutboxOrdinalOf(entry.elements[0].str);
    if (!first) {
      throw std::runtime_error("audit outbox " + std::to_string(partition) + " holds the unexpected id " +
                               entry.elements[0].str);
    }
    const redis::Reply& fields = entry.elements[1];
    std::uint64_t ordinal = *first;
    for (std::size_t i = 0; i + 1 < fields.elements.size(); i += 2) {
      if (fields.elements[i].str != kEntryField) continue;
      OutboxItem item{ordinal++, {}};
      // A draft that does not parse is sealed as an empty entry rather than
      // dropped: the chain keeps its place, and verification cannot name an
      // entry as changed that was never stored right, so say so loudly.
      if (!ParseAuditRecord(fields.elements[i + 1].str, item.draft)) {
        spdlog::error("audit outbox {}: entry {} does not parse; sealed empty", partition, item.ordinal);
        item.draft.Clear();
      }
      items.push_back(std::move(item));
    }
    entry_ends.push_back(items.size());
  }
  return items;
}

}  // namespace

void QueueOutboxEntry(redis::Transaction& tx, int partition, std::uint64_t ordinal,
                      const v1::AuditChainEntry& draft) {
  QueueOutboxEntries(tx, partition, ordinal, {StoredAuditRecord(draft)});
}

void QueueOutboxEntries(redis::Transaction& tx, int partition, std::uint64_t first_ordinal,
                        const std::vector<std::string>& stored_drafts) {
  if (stored_drafts.empty()) return;
  redis::Args xadd{"XADD", MonitoringKeys::AuditOutbox(partition), OutboxEntryId(first_ordinal)};
  for (const std::string& stored : stored_drafts) {
    xadd.push_back(kEntryField);
    xadd.push_back(stored);
  }
  tx.Add(std::move(xadd));
}

void QueueOutboxLast(redis::Transaction& tx, int partition, std::uint64_t ordinal) {
  tx.Add({"SET", MonitoringKeys::AuditOutboxLast(partition), std::to_string(ordinal)});
}

std::uint64_t ReadOutboxLast(redis::Connection& redis, int partition) {
  return ParseOrdinal(redis.Command({"GET", MonitoringKeys::AuditOutboxLast(partition)}),
                      "the audit outbox's last ordinal");
}

std::uint64_t PutInOutbox(redis::Connection& redis, int partition, const v1::AuditChainEntry& draft,
                          const std::function<void(std::uint64_t ordinal, redis::Transaction& tx)>& also) {
  const std::string last_key = MonitoringKeys::AuditOutboxLast(partition);
  for (int attempt = 0; attempt < kMaxOutboxAttempts; ++attempt) {
    const std::vector<redis::Reply> replies = redis.Pipeline({{"WATCH", last_key}, {"GET", last_key}});
    if (replies.at(0).IsError()) throw redis::ReplyError(replies[0].str);
    redis::Transaction tx;
    std::uint64_t ordinal = 0;
    try {
      ordinal = ParseOrdinal(replies.at(1), "the audit outbox's last ordinal") + 1;
      QueueOutboxEntry(tx, partition, ordinal, draft);
      QueueOutboxLast(tx, partition, ordinal);
      if (also) also(ordinal, tx);
    } catch (...) {
      redis.Command({"UNWATCH"});
      throw;
    }
    try {
      tx.Exec(redis);
      return ordinal;
    } catch (const redis::TransactionAborted&) {
      continue;  // another writer took the ordinal: take the next
    }
  }
  throw redis::TransactionAborted();
}

std::uint64_t AuditAppender::Taken(int partition) {
  return ParseOrdinal(
      redis_.Command({"HGET", std::string(MonitoringKeys::kAuditTaken), std::to_string(partition)}),
      "the audit chain's taken ordinal");
}

std::uint64_t AuditAppender::AppendOnce(int partition) {
  const std::string taken_key(MonitoringKeys::kAuditTaken);
  for (int attempt = 0; attempt < kMaxOutboxAttempts; ++attempt) {
    // Nothing waiting (the usual case between events) costs one round trip
    // and no WATCH.
    const std::vector<redis::Reply> counts =
        redis_.Pipeline({{"GET", MonitoringKeys::AuditOutboxLast(partition)},
                         {"HGET", taken_key, std::to_string(partition)}});
    const std::uint64_t last = ParseOrdinal(counts.at(0), "the audit outbox's last ordinal");
    if (last <= ParseOrdinal(counts.at(1), "the audit chain's taken ordinal")) return 0;

    redis_.Command({"WATCH", taken_key});
    redis::Transaction tx;
    std::size_t sealed = 0;
    try {
      const AuditHead head = AuditLog(redis_).WatchHead();
      const std::uint64_t taken = Taken(partition);
      // Read while the chain's keys are WATCHed; the outbox is in another
      // slot, but its entries never change once written, and what is taken
      // is what the WATCH protects.
      // Whole stream entries (a group's entries share one), as many as make
      // up kBatchEntries items, and at least one: what is taken always ends
      // at the end of a stream entry, so the next read starts after it.
      std::vector<std::size_t> entry_ends;
      std::vector<OutboxItem> items = ParseOutboxItems(
          redis_.Command({"XRANGE", MonitoringKeys::AuditOutbox(partition), "(" + OutboxEntryId(taken), "+",
                          "COUNT", std::to_string(kStreamEntriesRead)}),
          partition, entry_ends);
      const auto whole =
          std::lower_bound(entry_ends.begin(), entry_ends.end(), static_cast<std::size_t>(kBatchEntries));
      if (whole != entry_ends.end()) items.resize(*whole);
      if (items.empty()) {
        redis_.Command({"UNWATCH"});
        return 0;
      }
      Result<OutboxAppend> result = SealOutboxItems(items, taken, head);
      if (!result.ok()) {
        // Another appender may have sealed and trimmed between our read of
        // `taken` and the XRANGE: then the outbox starts past what we think
        // is taken, and our WATCH is already broken. Only a gap that is still
        // there with `taken` unchanged is an entry really missing.
        if (Taken(partition) != taken) {
          redis_.Command({"UNWATCH"});
          continue;
        }
        throw std::runtime_error("audit outbox " + std::to_string(partition) + ": " + result.error().message);
      }
      const OutboxAppend& append = result.value();
      AuditLog::QueueAppends(tx, append.appends);
      tx.Add({"HSET", taken_key, std::to_string(partition), std::to_string(append.last_ordinal)});
      tx.Add({"ZADD", MonitoringKeys::AuditRuns(partition), std::to_string(append.run.first_ordinal),
              EncodeOutboxRun(append.run)});
      sealed = append.appends.size();
    } catch (...) {
      redis_.Command({"UNWATCH"});
      throw;
    }
    try {
      tx.Exec(redis_);
      return sealed;
    } catch (const redis::TransactionAborted&) {
      continue;  // another appender moved the head: read what is left and seal again
    }
  }
  throw redis::TransactionAborted();
}

void AuditAppender::TrimTaken(int partition) {
  const std::uint64_t taken = Taken(partition);
  if (taken == 0) return;
  redis_.Command({"XTRIM", MonitoringKeys::AuditOutbox(partition), "MINID", OutboxEntryId(taken + 1)});
}

std::uint64_t AuditAppender::DrainPartition(int partition) {
  // As far as the outbox is when the call begins: writers adding to it
  // meanwhile do not keep the call going.
  const std::uint64_t target = ReadOutboxLast(redis_, partition);
  std::uint64_t appended = 0;
  while (Taken(partition) < target) {
    const std::uint64_t step = AppendOnce(partition);
    if (step == 0) break;
    appended += step;
  }
  if (appended > 0) TrimTaken(partition);
  return appended;
}

std::uint64_t AuditAppender::DrainAll() {
  std::uint64_t appended = 0;
  for (int partition = 0; partition < keys_.partitions(); ++partition) appended += DrainPartition(partition);
  return appended;
}

std::uint64_t AuditAppender::Waiting() {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    reads.push_back({"GET", MonitoringKeys::AuditOutboxLast(partition)});
    reads.push_back({"HGET", std::string(MonitoringKeys::kAuditTaken), std::to_string(partition)});
  }
  const std::vector<redis::Reply> replies = redis_.Pipeline(reads);
  std::uint64_t waiting = 0;
  for (std::size_t i = 0; i + 1 < replies.size(); i += 2) {
    const std::uint64_t last = ParseOrdinal(replies[i], "the audit outbox's last ordinal");
    const std::uint64_t taken = ParseOrdinal(replies[i + 1], "the audit chain's taken ordinal");
    if (last > taken) waiting += last - taken;
  }
  return waiting;
}

std::uint64_t AuditAppender::ChainedOrWaiting() {
  redis::Transaction chain;
  chain.Add({"LLEN", std::string(MonitoringKeys::kAuditEntries)});
  redis::Args taken_read{"HMGET", std::string(MonitoringKeys::kAuditTaken)};
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    taken_read.push_back(std::to_string(partition));
  }
  chain.Add(std::move(taken_read));
  const std::vector<redis::Reply> chained = chain.Exec(redis_);
  std::vector<redis::Args> lasts;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    lasts.push_back({"GET", MonitoringKeys::AuditOutboxLast(partition)});
  }
  const std::vector<redis::Reply> last_replies = redis_.Pipeline(lasts);
  auto count = static_cast<std::uint64_t>(chained[0].AsInteger());
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    const std::uint64_t taken =
        ParseOrdinal(chained[1].elements.at(partition), "the audit chain's taken ordinal");
    const std::uint64_t last = ParseOrdinal(last_replies[partition], "the audit outbox's last ordinal");
    if (last > taken) count += last - taken;
  }
  return count;
}

std::vector<std::uint64_t> AuditAppender::SequencesOf(int partition,
                                                      const std::vector<std::uint64_t>& ordinals) {
  std::vector<std::uint64_t> sequences(ordinals.size(), 0);
  if (ordinals.empty()) return sequences;
  std::vector<redis::Args> reads{
      {"HGET", std::string(MonitoringKeys::kAuditTaken), std::to_string(partition)}};
  for (std::uint64_t ordinal : ordinals) {
    reads.push_back({"ZRANGE", MonitoringKeys::AuditRuns(partition), std::to_string(ordinal), "-inf",
                     "BYSCORE", "REV", "LIMIT", "0", "1"});
  }
  const std::vector<redis::Reply> replies = redis_.Pipeline(reads);
  const std::uint64_t taken = ParseOrdinal(replies.at(0), "the audit chain's taken ordinal");
  for (std::size_t i = 0; i < ordinals.size(); ++i) {
    const redis::Reply& reply = replies.at(i + 1);
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    if (ordinals[i] == 0 || ordinals[i] > taken || reply.elements.empty()) continue;
    if (const std::optional<OutboxRun> run = ParseOutboxRun(reply.elements[0].str)) {
      sequences[i] = SequenceInRun(*run, ordinals[i]);
    }
  }
  return sequences;
}

AuditAppenderJob::AuditAppenderJob(redis::RedisOptions options, const MonitoringKeys& keys,
                                   std::string instance, std::chrono::milliseconds interval)
    : redis_(std::move(options)), keys_(keys), instance_(std::move(instance)), interval_(interval) {}

AuditAppenderJob::~AuditAppenderJob() { Stop(); }

void AuditAppenderJob::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void AuditAppenderJob::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool AuditAppenderJob::HoldLease() {
  // Renewed every third of its TTL, not every round: an idle appender costs
  // one pipelined read per round (AuditAppender::Waiting).
  const auto now = std::chrono::steady_clock::now();
  if (lease_held_ && now - lease_renewed_ < kAppenderLeaseTtl / 3) return true;
  const std::string lease(MonitoringKeys::kAuditAppender);
  const std::string ttl = std::to_string(kAppenderLeaseTtl.count());
  lease_held_ = !redis_.Command({"SET", lease, instance_, "NX", "PX", ttl}).IsNil();
  // Ours already: renew it (a lease another instance holds is left alone).
  if (!lease_held_ && redis_.Command({"GET", lease}).str == instance_) {
    redis_.Command({"PEXPIRE", lease, ttl});
    lease_held_ = true;
  }
  if (lease_held_) lease_renewed_ = now;
  return lease_held_;
}

void AuditAppenderJob::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      if (HoldLease()) {
        AuditAppender appender(redis_, keys_);
        if (appender.Waiting() > 0) appender.DrainAll();
      }
    } catch (const redis::RedisError& error) {
      lease_held_ = false;
      spdlog::warn("audit appender: {}; trying again", error.what());
    } catch (const std::exception& error) {
      spdlog::error("audit appender: {}", error.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace ansinh::monitoring
