#include "classification/adapters/round_event_relay.h"

#include <charconv>
#include <stdexcept>
#include <vector>

#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/round_partitions.h"
#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::classification {
namespace {

// Relays of one round race each other (the consumers of every partition, the
// steps, the finisher); a handful of jittered retries always gets through.
constexpr int kMaxRelayAttempts = 16;
constexpr std::string_view kRelayedPrefix = "relayed:";

std::string RelayedField(int partition) { return std::string(kRelayedPrefix) + std::to_string(partition); }

// The XRANGE of what waits in a partition's outbox after `mark`.
redis::Args ReadAfter(const std::string& round_id, int partition, const std::string& mark, int count) {
  return {"XRANGE",
          ClassificationKeys::RoundOutbox(round_id, partition),
          mark.empty() ? "-" : "(" + mark,
          "+",
          "COUNT",
          std::to_string(count)};
}

void AppendOutboxEntries(const redis::Reply& reply, int partition, std::vector<OutboxEvent>& into) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  for (const redis::Reply& item : reply.elements) {
    const events::StreamEntry entry = events::ParseEntryReply(item);
    const std::string* bytes = entry.Field("envelope");
    OutboxEvent event{partition, entry.id, {}};
    if (bytes == nullptr || !event.envelope.ParseFromString(*bytes)) {
      throw std::runtime_error("corrupt round event in " + std::string("outbox entry ") + entry.id);
    }
    into.push_back(std::move(event));
  }
}

}  // namespace

std::map<int, std::string> RoundEventRelay::RelayedMarks(const redis::Reply& round_hash) {
  std::map<int, std::string> marks;
  for (size_t i = 0; i + 1 < round_hash.elements.size(); i += 2) {
    const std::string& field = round_hash.elements[i].str;
    if (field.rfind(kRelayedPrefix, 0) != 0) continue;
    int partition = 0;
    const char* begin = field.data() + kRelayedPrefix.size();
    const auto [end, error] = std::from_chars(begin, field.data() + field.size(), partition);
    if (error != std::errc() || end != field.data() + field.size()) continue;
    marks[partition] = round_hash.elements[i + 1].str;
  }
  return marks;
}

bool RoundEventRelay::AnyWaiting(const std::string& round_id, const std::map<int, std::string>& relayed) {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    const auto mark = relayed.find(partition);
    reads.push_back(ReadAfter(round_id, partition, mark == relayed.end() ? "" : mark->second, 1));
  }
  for (const redis::Reply& reply : redis_.Pipeline(reads)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    if (!reply.elements.empty()) return true;
  }
  return false;
}

uint64_t RoundEventRelay::RelayOnce(const std::string& round_id, bool* more) {
  if (more != nullptr) *more = false;
  const std::string round_key = keys_.Round(round_id);
  for (int attempt = 0; attempt < kMaxRelayAttempts; ++attempt) {
    WatchScope scope(redis_);
    const std::vector<redis::Reply> head = redis_.Pipeline({{"WATCH", round_key}, {"HGETALL", round_key}});
    if (head.at(0).IsError()) throw redis::ReplyError(head[0].str);
    if (head.at(1).IsError()) throw redis::ReplyError(head[1].str);
    std::optional<StoredRound> stored = ParseStoredRound(head[1]);
    if (!stored) return 0;  // the opening has not written the round yet
    const std::map<int, std::string> relayed = RelayedMarks(head[1]);

    // Read while the round's record is WATCHed; the outboxes are in other
    // slots, but their entries never change once written, and what is taken
    // is what the WATCH protects.
    std::vector<redis::Args> reads;
    for (int partition = 0; partition < keys_.partitions(); ++partition) {
      const auto mark = relayed.find(partition);
      reads.push_back(
          ReadAfter(round_id, partition, mark == relayed.end() ? "" : mark->second, kEntriesPerPartition));
    }
    const std::vector<redis::Reply> replies = redis_.Pipeline(reads);
    std::vector<OutboxEvent> waiting;
    bool full = false;
    for (size_t partition = 0; partition < replies.size(); ++partition) {
      AppendOutboxEntries(replies[partition], static_cast<int>(partition), waiting);
      full = full || replies[partition].elements.size() >= static_cast<size_t>(kEntriesPerPartition);
    }
    if (waiting.empty()) return 0;

    const RelayStep step = PlanRelay(stored->round, stored->events, std::move(waiting));
    redis::Transaction tx;
    const std::string stream = keys_.RoundStream(round_id);
    for (const v1::EventEnvelope& envelope : step.appended) tx.Add(events::XAddCommand(stream, envelope));
    redis::Args store{
        "HSET", round_key, "record", step.round.SerializeAsString(), "events", std::to_string(step.events)};
    for (const auto& [partition, entry_id] : step.relayed) {
      store.push_back(RelayedField(partition));
      store.push_back(entry_id);
    }
    tx.Add(std::move(store));
    try {
      tx.Exec(redis_);
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
      continue;
    }
    // What is taken leaves the outboxes; a trim a crash skips is done by the
    // next step, since every read starts after the mark anyway.
    std::vector<redis::Args> trims;
    for (const auto& [partition, entry_id] : step.relayed) {
      if (const std::optional<StreamId> taken = ParseStreamEntryId(entry_id)) {
        trims.push_back({"XTRIM", ClassificationKeys::RoundOutbox(round_id, partition), "MINID",
                         StreamIdAfter(*taken).ToString()});
      }
    }
    if (!trims.empty()) redis_.Pipeline(trims);
    if (more != nullptr) *more = full;
    return step.appended.size();
  }
  throw redis::TransactionAborted();
}

uint64_t RoundEventRelay::Drain(const std::string& round_id) {
  uint64_t appended = 0;
  bool more = true;
  while (more) appended += RelayOnce(round_id, &more);
  return appended;
}

}  // namespace ansinh::classification
