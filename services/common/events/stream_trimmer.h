#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/stream_id.h"
#include "redis/redis_connection.h"

namespace ansinh::events {

// Streams carry events from publisher to consumers; the record of what
// happened is each service's state, and monitoring's timelines and audit
// chain. Once every consumer group has read and acknowledged an entry, and it
// is older than the retention, the stream no longer needs it: the publisher
// trims it (XTRIM MINID), so stream memory stays bounded by the retention
// instead of growing with every event ever published (docs/operations.md,
// "Stream retention").

// Where one consumer group stands on a stream.
struct GroupPosition {
  std::string name;
  // Everything up to here has been delivered to the group.
  StreamId last_delivered;
  // Delivered but not yet acknowledged; the oldest is kept.
  std::optional<StreamId> oldest_pending;
};

// The id below which entries may go: no group still needs them (nothing
// undelivered, nothing pending) and they are older than `retention_cutoff`.
// None when the stream has no group yet: a consumer that has not started
// would otherwise lose events it never saw. Pure, unit-tested.
std::optional<StreamId> TrimBoundary(const std::vector<GroupPosition>& groups, StreamId retention_cutoff);

// Trims the streams a service publishes, every `interval`, on a connection
// of its own. Several instances of a service may trim the same streams:
// XTRIM MINID is idempotent.
class StreamTrimmer {
 public:
  StreamTrimmer(std::vector<std::string> streams, std::chrono::seconds retention);

  // One pass over every stream; returns the entries removed. Throws
  // redis::RedisError when Redis is unreachable.
  int64_t TrimOnce(redis::Connection& redis, std::chrono::system_clock::time_point now);

  // Trims every `interval` until `stopping` is set; Redis errors are logged
  // and retried at the next pass.
  void Run(redis::Connection& redis, std::chrono::seconds interval, const std::atomic<bool>& stopping);

 private:
  std::vector<GroupPosition> ReadGroups(redis::Connection& redis, const std::string& stream);

  std::vector<std::string> streams_;
  std::chrono::seconds retention_;
};

}  // namespace ansinh::events
