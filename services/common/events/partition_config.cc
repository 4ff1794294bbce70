#include "events/partition_config.h"

#include <unistd.h>

#include <charconv>
#include <stdexcept>
#include <thread>

#include "events/stream_names.h"
#include "redis/redis_error.h"

namespace ansinh::events {

std::optional<std::string> PartitionMismatch(std::string_view recorded, int configured) {
  int value = 0;
  auto [end, error] = std::from_chars(recorded.data(), recorded.data() + recorded.size(), value);
  if (error == std::errc() && end == recorded.data() + recorded.size() && value == configured) {
    return std::nullopt;
  }
  return "this service was started with --partitions " + std::to_string(configured) + " but Redis records " +
         std::string(kPartitionCountKey) + " = '" + std::string(recorded) +
         "'; every service must use the same count (start it with --partitions " + std::string(recorded) +
         ", or repartition the streams before changing the recorded count)";
}

void EnsurePartitionCount(redis::Connection& redis, int partitions) {
  const std::string key(kPartitionCountKey);
  redis.Command({"SET", key, std::to_string(partitions), "NX"});
  const redis::Reply recorded = redis.Command({"GET", key});
  if (recorded.IsNil()) throw std::runtime_error(key + " vanished right after it was recorded");
  if (std::optional<std::string> mismatch = PartitionMismatch(recorded.str, partitions)) {
    throw std::runtime_error(*mismatch);
  }
}

void CheckPartitionCountAtStart(const redis::RedisOptions& options, int partitions,
                                std::chrono::milliseconds wait) {
  redis::Connection redis(options);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    try {
      EnsurePartitionCount(redis, partitions);
      return;
    } catch (const redis::ConnectionError&) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

std::string ConsumerInstanceName(std::string_view base, std::string_view instance_id) {
  const std::string suffix =
      instance_id.empty() ? std::to_string(static_cast<long long>(getpid())) : std::string(instance_id);
  return std::string(base) + "-" + suffix;
}

}  // namespace ansinh::events
