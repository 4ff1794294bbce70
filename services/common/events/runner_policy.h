#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ansinh::events {

struct RunnerOptions {
  std::string group;     // consumer group, e.g. "classification"
  std::string consumer;  // this process in the group, stable across restarts
  int batch_size = 256;  // XREADGROUP COUNT
  std::chrono::milliseconds block{1000};
  // Deliveries after which a failing event goes to the dead-letter stream.
  int max_deliveries = 5;
  // An entry idle this long in another consumer's pending list is claimed.
  std::chrono::milliseconds claim_min_idle{30000};
  std::chrono::milliseconds claim_interval{5000};
  // Wait before re-reading our own failed entries.
  std::chrono::milliseconds retry_backoff{500};
  // Bounded retries when a watched key changes under a handler.
  int max_watch_retries = 16;
};

// The runner's decision for an event whose handler failed.
enum class FailureAction { kRetryLater, kDeadLetter };

inline FailureAction DecideOnFailure(int64_t deliveries, int max_deliveries) {
  return deliveries >= max_deliveries ? FailureAction::kDeadLetter : FailureAction::kRetryLater;
}

}  // namespace ansinh::events
