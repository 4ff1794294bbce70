#include "events/consumer_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <thread>

#include "events/applied_versions.h"
#include "events/stream_names.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::events {
namespace {

using Clock = std::chrono::steady_clock;

std::string AggregateKey(const std::string& source, const v1::EventEnvelope& event) {
  return source + "/" + event.aggregate_type() + "/" + event.aggregate_id();
}

}  // namespace

ConsumerRunner::ConsumerRunner(redis::RedisOptions redis_options, RunnerOptions options,
                               std::vector<std::string> streams, EventHandler& handler)
    : redis_(std::move(redis_options)),
      options_(std::move(options)),
      streams_(std::move(streams)),
      handler_(handler) {}

void ConsumerRunner::EnsureGroups() {
  if (groups_ready_) return;
  for (const auto& stream : streams_) {
    try {
      redis_.Command({"XGROUP", "CREATE", stream, options_.group, "0", "MKSTREAM"});
      spdlog::info("created consumer group {} on {}", options_.group, stream);
    } catch (const redis::ReplyError& error) {
      if (std::string_view(error.what()).find("BUSYGROUP") == std::string_view::npos) throw;
    }
  }
  groups_ready_ = true;
}

void ConsumerRunner::Run() {
  std::chrono::milliseconds pause{100};
  while (!stopping_.load()) {
    try {
      PollOnce();
      pause = std::chrono::milliseconds{100};
    } catch (const redis::ConnectionError& error) {
      spdlog::warn("consumer {}/{}: {}; retrying in {} ms", options_.group, options_.consumer,
                   error.what(), pause.count());
      // Sleep in small steps so a stop request is not delayed by the backoff.
      for (auto slept = std::chrono::milliseconds{0}; slept < pause && !stopping_.load();
           slept += std::chrono::milliseconds{50}) {
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
      }
      pause = std::min(pause * 2, std::chrono::milliseconds{2000});
    }
  }
  spdlog::info("consumer {}/{} stopped", options_.group, options_.consumer);
}

size_t ConsumerRunner::PollOnce() {
  EnsureGroups();
  size_t handled = 0;
  if (history_pending_ && Clock::now() >= retry_at_) handled += ProcessHistory();
  if (Clock::now() >= next_claim_) {
    handled += ClaimIdle();
    next_claim_ = Clock::now() + options_.claim_interval;
  }
  if (!stopping_.load()) handled += ReadNew();
  return handled;
}

size_t ConsumerRunner::ProcessHistory() {
  // Reading with ID 0 returns only our own pending entries; a read that comes
  // back empty means the list is drained.
  size_t handled = 0;
  history_pending_ = false;
  // The pending list is replayed in id order, so holding starts afresh.
  held_aggregates_.clear();
  std::map<std::string, std::string> after;  // stream -> last id seen
  for (const auto& stream : streams_) after[stream] = "0";
  while (!stopping_.load()) {
    redis::Args args{"XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT",
                     std::to_string(options_.batch_size), "STREAMS"};
    for (const auto& stream : streams_) args.push_back(stream);
    for (const auto& stream : streams_) args.push_back(after[stream]);
    redis::Reply reply = redis_.Command(args);
    size_t entries_seen = 0;
    if (reply.IsArray()) {
      for (const auto& per_stream : reply.elements) {
        if (per_stream.elements.size() < 2) continue;
        const auto& entries = per_stream.elements[1].elements;
        entries_seen += entries.size();
        if (!entries.empty()) after[per_stream.elements[0].str] = entries.back().elements[0].str;
      }
      handled += ProcessReadReply(reply);
    }
    if (entries_seen == 0) break;
  }
  return handled;
}

size_t ConsumerRunner::ClaimIdle() {
  size_t handled = 0;
  for (const auto& stream : streams_) {
    std::string cursor = "0-0";
    do {
      redis::Reply reply = redis_.Command(
          {"XAUTOCLAIM", stream, options_.group, options_.consumer,
           std::to_string(options_.claim_min_idle.count()), cursor, "COUNT",
           std::to_string(options_.batch_size)});
      if (!reply.IsArray() || reply.elements.size() < 2) break;
      cursor = reply.elements[0].str;
      std::vector<StreamEntry> entries;
      for (const auto& item : reply.elements[1].elements) entries.push_back(ParseEntryReply(item));
      if (!entries.empty()) {
        counters_.claimed += entries.size();
        spdlog::info("consumer {}/{} claimed {} idle entries of {}", options_.group,
                     options_.consumer, entries.size(), stream);
        handled += ProcessBatch(stream, entries);
      }
      // Redis 7 also lists ids it deleted from the pending list because the
      // entries were trimmed; nothing to apply for those.
    } while (cursor != "0-0" && !stopping_.load());
  }
  return handled;
}

size_t ConsumerRunner::ReadNew() {
  redis::Args args{"XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT",
                   std::to_string(options_.batch_size), "BLOCK",
                   std::to_string(options_.block.count()), "STREAMS"};
  for (const auto& stream : streams_) args.push_back(stream);
  for (size_t i = 0; i < streams_.size(); ++i) args.push_back(">");
  redis::Reply reply = redis_.BlockingCommand(args, options_.block);
  if (reply.IsNil()) return 0;  // BLOCK timed out
  return ProcessReadReply(reply);
}

size_t ConsumerRunner::ProcessReadReply(const redis::Reply& reply) {
  size_t handled = 0;
  for (const auto& per_stream : reply.elements) {
    if (per_stream.elements.size() < 2) continue;
    std::vector<StreamEntry> entries;
    for (const auto& item : per_stream.elements[1].elements) entries.push_back(ParseEntryReply(item));
    handled += ProcessBatch(per_stream.elements[0].str, entries);
  }
  return handled;
}

size_t ConsumerRunner::ProcessBatch(const std::string& stream,
                                    const std::vector<StreamEntry>& entries) {
  std::string source;
  int partition = 0;
  if (!ParseEventStream(stream, &source, &partition)) source = stream;

  std::vector<std::string> to_ack;
  for (const auto& entry : entries) {
    if (entry.fields.empty()) {
      // The payload was trimmed away: nothing can ever be applied.
      spdlog::warn("{}: entry {} was trimmed before {} applied it", stream, entry.id,
                   options_.group);
      to_ack.push_back(entry.id);
      continue;
    }
    std::string error;
    std::optional<v1::EventEnvelope> event = DecodeEntry(entry, &error);
    if (!event) {
      HandleFailure(stream, entry, error);
      continue;
    }
    const std::string aggregate = AggregateKey(source, *event);
    if (held_aggregates_.contains(aggregate)) {
      history_pending_ = true;
      continue;
    }
    try {
      Outcome outcome = ApplyOne(stream, source, partition, *event);
      (outcome == Outcome::kApplied ? counters_.applied : counters_.skipped_duplicates)++;
      to_ack.push_back(entry.id);
    } catch (const redis::ConnectionError&) {
      // Redis is gone: acknowledge what is committed, then let Run back off.
      if (!to_ack.empty()) {
        redis::Args ack{"XACK", stream, options_.group};
        ack.insert(ack.end(), to_ack.begin(), to_ack.end());
        try { redis_.Command(ack); } catch (const redis::RedisError&) {}
      }
      history_pending_ = true;
      throw;
    } catch (const std::exception& failure) {
      held_aggregates_.insert(aggregate);
      HandleFailure(stream, entry, failure.what());
    }
  }
  if (!to_ack.empty()) {
    redis::Args ack{"XACK", stream, options_.group};
    ack.insert(ack.end(), to_ack.begin(), to_ack.end());
    redis_.Command(ack);
  }
  return entries.size();
}

ConsumerRunner::Outcome ConsumerRunner::ApplyOne(const std::string& stream,
                                                 const std::string& source, int partition,
                                                 const v1::EventEnvelope& event) {
  (void)stream;
  const std::string applied_key = AppliedKey(options_.group, partition);
  const std::string field = AggregateKey(source, event);
  for (int attempt = 0; attempt < options_.max_watch_retries; ++attempt) {
    std::vector<redis::Reply> replies =
        redis_.Pipeline({{"WATCH", applied_key}, {"HGET", applied_key, field}});
    if (replies[1].IsError()) throw redis::ReplyError(replies[1].str);
    std::optional<AppliedVersions> applied =
        AppliedVersions::Parse(replies[1].IsNil() ? std::string_view{} : replies[1].str);
    if (!applied) {
      redis_.Command({"UNWATCH"});
      throw std::runtime_error("corrupt applied mark '" + replies[1].str + "' for " + field);
    }
    if (applied->Contains(event.aggregate_version())) {
      redis_.Command({"UNWATCH"});
      return Outcome::kSkipped;
    }
    redis::Transaction effects;
    ApplyContext context(event, source, redis_, effects);
    try {
      handler_.Apply(context);
    } catch (const redis::ConnectionError&) {
      throw;
    } catch (...) {
      redis_.Command({"UNWATCH"});
      throw;
    }
    applied->Add(event.aggregate_version());
    effects.Add({"HSET", applied_key, field, applied->Serialize()});
    try {
      effects.Exec(redis_);
      return Outcome::kApplied;
    } catch (const redis::TransactionAborted&) {
      continue;  // someone else changed a watched key: read again, apply again
    }
  }
  throw std::runtime_error("gave up after " + std::to_string(options_.max_watch_retries) +
                           " conflicting concurrent updates");
}

int64_t ConsumerRunner::DeliveryCount(const std::string& stream, const std::string& id) {
  redis::Reply reply = redis_.Command({"XPENDING", stream, options_.group, id, id, "1"});
  if (!reply.IsArray() || reply.elements.empty() || reply.elements[0].elements.size() < 4) return 0;
  return reply.elements[0].elements[3].integer;
}

void ConsumerRunner::HandleFailure(const std::string& stream, const StreamEntry& entry,
                                   const std::string& reason) {
  counters_.failed_deliveries++;
  const int64_t deliveries = DeliveryCount(stream, entry.id);
  if (DecideOnFailure(deliveries, options_.max_deliveries) == FailureAction::kDeadLetter) {
    DeadLetter(stream, entry, reason, deliveries);
    return;
  }
  spdlog::warn("{}: {} failed to apply {} (delivery {} of {}): {}", options_.group,
               options_.consumer, entry.id, deliveries, options_.max_deliveries, reason);
  history_pending_ = true;
  retry_at_ = Clock::now() + options_.retry_backoff;
}

void ConsumerRunner::DeadLetter(const std::string& stream, const StreamEntry& entry,
                                const std::string& reason, int64_t deliveries) {
  redis::Args add{"XADD",   DeadLetterStream(options_.group), "*", "stream", stream, "id", entry.id,
                  "group", options_.group, "consumer", options_.consumer, "deliveries",
                  std::to_string(deliveries), "reason", reason};
  for (const auto& [key, value] : entry.fields) {
    add.push_back(key);
    add.push_back(value);
  }
  redis::Transaction move;
  move.Add(std::move(add));
  move.Add({"XACK", stream, options_.group, entry.id});
  move.Exec(redis_);
  counters_.dead_lettered++;
  spdlog::error("{}: dead-lettered {} from {} after {} deliveries: {}", options_.group, entry.id,
                stream, deliveries, reason);
}

}  // namespace ansinh::events
