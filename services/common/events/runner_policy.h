#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ansinh::events {

struct RunnerOptions {
  std::string group;     // consumer group, e.g. "classification"
  std::string consumer;  // this process in the group, stable across restarts
  int batch_size = 256;  // XREADGROUP COUNT
  // XREADGROUP BLOCK: how long a read waits for new entries. It bounds how
  // long a stopping service waits for its consumers (a SIGTERM is only seen
  // between reads), at the cost of five idle reads a second per consumer.
  std::chrono::milliseconds block{200};
  // Deliveries after which a failing event goes to the dead-letter stream.
  int max_deliveries = 5;
  // An entry idle this long in another consumer's pending list is claimed.
  std::chrono::milliseconds claim_min_idle{30000};
  std::chrono::milliseconds claim_interval{5000};
  // Wait before re-reading our own failed entries.
  std::chrono::milliseconds retry_backoff{500};
  // Bounded retries when a watched key changes under a handler.
  int max_watch_retries = 16;
  // Partition leases (docs/operations.md, "Scaling"): each partition is applied
  // by one instance of the group at a time, renewed every third of the TTL;
  // an instance that stops renewing loses its partitions to the others after
  // the TTL. Zero turns leasing off: every instance reads every stream (safe
  // for one instance only, or when the group's order does not matter).
  std::chrono::milliseconds lease_ttl{5000};
  // Events applied in one MULTI/EXEC at most; a group that keeps conflicting
  // with concurrent writers is halved down to one event.
  int max_group_events = 256;
};

// The size of the next transaction group: halved after a conflicting
// concurrent write aborted the last one, grown back after a commit.
inline int NextGroupLimit(int current, bool aborted, int max_group_events) {
  if (aborted) return current > 1 ? current / 2 : 1;
  return current * 2 < max_group_events ? current * 2 : max_group_events;
}

// The runner's decision for an event whose handler failed.
enum class FailureAction { kRetryLater, kDeadLetter };

inline FailureAction DecideOnFailure(int64_t deliveries, int max_deliveries) {
  return deliveries >= max_deliveries ? FailureAction::kDeadLetter : FailureAction::kRetryLater;
}

}  // namespace ansinh::events
