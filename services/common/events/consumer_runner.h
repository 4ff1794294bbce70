#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "events/envelope_codec.h"
#include "events/event_handler.h"
#include "events/runner_policy.h"
#include "redis/redis_connection.h"

namespace ansinh::events {

struct RunnerCounters {
  std::atomic<uint64_t> applied{0};
  std::atomic<uint64_t> skipped_duplicates{0};
  std::atomic<uint64_t> failed_deliveries{0};
  std::atomic<uint64_t> dead_lettered{0};
  std::atomic<uint64_t> claimed{0};
};

// Runs one consumer of a consumer group over a set of event streams: the one
// loop every ansinh consumer uses (docs/architecture.md, "Delivery").
//
//  - creates the group on each stream (BUSYGROUP means it exists: fine);
//  - first re-reads its own pending entries (ID 0): whatever it read before a
//    crash and never acknowledged;
//  - then reads new entries (ID >) in batches with a bounded BLOCK, so a stop
//    request is honoured within one BLOCK period;
//  - applies each event through the handler in a transaction that also marks
//    the aggregate version applied, skipping versions already applied;
//  - acknowledges a batch with one multi-ID XACK per stream, after the
//    effects are committed (durable with appendfsync always);
//  - on a failure leaves the entry pending and holds back later events of the
//    same aggregate, so per-aggregate order is kept; after max_deliveries the
//    entry moves to the group's dead-letter stream with the reason;
//  - periodically claims entries idle in dead consumers' lists (XAUTOCLAIM).
class ConsumerRunner {
 public:
  ConsumerRunner(redis::RedisOptions redis_options, RunnerOptions options,
                 std::vector<std::string> streams, EventHandler& handler);

  // Loops until RequestStop(); returns after finishing the batch in hand.
  // Connection failures are logged and retried with a growing pause.
  void Run();
  void RequestStop() { stopping_.store(true); }
  // One pass for tests and tools: history, claim, one read of new entries.
  // Returns the number of entries handled.
  size_t PollOnce();

  const RunnerCounters& counters() const { return counters_; }
  const RunnerOptions& options() const { return options_; }
  const std::vector<std::string>& streams() const { return streams_; }

 private:
  void EnsureGroups();
  // Re-reads our own pending entries; returns how many were handled.
  size_t ProcessHistory();
  size_t ClaimIdle();
  size_t ReadNew();
  // Reply of XREADGROUP: [[stream, [[id, fields]...]]...]
  size_t ProcessReadReply(const redis::Reply& reply);
  size_t ProcessBatch(const std::string& stream, const std::vector<StreamEntry>& entries);

  enum class Outcome { kApplied, kSkipped, kFailed };
  Outcome ApplyOne(const std::string& stream, const std::string& source, int partition,
                   const v1::EventEnvelope& event);
  void HandleFailure(const std::string& stream, const StreamEntry& entry, const std::string& reason);
  void DeadLetter(const std::string& stream, const StreamEntry& entry, const std::string& reason,
                  int64_t deliveries);
  int64_t DeliveryCount(const std::string& stream, const std::string& id);

  redis::Connection redis_;
  RunnerOptions options_;
  std::vector<std::string> streams_;
  EventHandler& handler_;
  RunnerCounters counters_;
  std::atomic<bool> stopping_{false};
  bool groups_ready_ = false;
  bool history_pending_ = true;  // our own pending list may hold entries
  // Aggregates with an event still pending after a failure: their later
  // events wait in the pending list too, so each aggregate is applied in order.
  std::set<std::string> held_aggregates_;
  std::chrono::steady_clock::time_point retry_at_{};
  std::chrono::steady_clock::time_point next_claim_{};
};

}  // namespace ansinh::events
