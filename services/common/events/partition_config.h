#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "redis/redis_connection.h"

namespace ansinh::events {

// Every service must split the streams into the same number of partitions:
// a publisher and a consumer that disagree would put and look for a
// household's events in different streams. The first service to start
// records its count under kPartitionCountKey; every later one compares.

// The refusal to start, or nullopt when `recorded` (the stored text) agrees
// with `configured`.
std::optional<std::string> PartitionMismatch(std::string_view recorded, int configured);

// Records `partitions` if no count is recorded yet, then throws
// std::runtime_error with PartitionMismatch's text when the recorded count
// differs. Redis errors propagate.
void EnsurePartitionCount(redis::Connection& redis, int partitions);

// The same check at a service's start-up, waiting up to `wait` for Redis to
// answer (services may start before Redis); throws when Redis stays away or
// the counts differ.
void CheckPartitionCountAtStart(const redis::RedisOptions& options, int partitions,
                                std::chrono::milliseconds wait);

// The name of this process in its consumer groups: unique per instance, so
// several instances of a service share a group without reading each other's
// pending entries. `<base>-<instance_id>` when an instance id is given (stable
// across restarts: a restarted instance drains its own pending list), else
// `<base>-<process id>`.
std::string ConsumerInstanceName(std::string_view base, std::string_view instance_id);

}  // namespace ansinh::events
