#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "redis/redis_connection.h"

namespace ansinh::bench {

// Where Redis's memory goes: keys grouped by family, the key with every part
// that names one thing (an id, a partition number) replaced by '*'
// ("ansinh:{p*}:events:registry", "ansinh:{ward}:registry:household:*").
struct KeyFamily {
  std::string pattern;
  int64_t keys = 0;
  int64_t bytes = 0;
};

// The family of one key; pure, unit-tested.
std::string KeyFamilyOf(const std::string& key);

// Every key's MEMORY USAGE, summed per family, largest first. SCANs the whole
// keyspace in pipelined batches: run it once the system is idle.
std::vector<KeyFamily> MemoryByKeyFamily(redis::Connection& redis);

// What Redis itself has done so far: commands processed and CPU seconds (user
// plus system, main thread and children). Differences between two readings
// give the cost of the work in between.
struct CommandWork {
  int64_t calls = 0;
  double usec = 0;
};
struct RedisWork {
  int64_t commands = 0;
  double cpu_seconds = 0;
  // INFO commandstats: calls and microseconds spent per command ("xadd",
  // "exec", "client|setname").
  std::map<std::string, CommandWork> by_command;
};
RedisWork ReadRedisWork(redis::Connection& redis);

// What several Redis nodes (a cluster's masters) did together; pure,
// unit-tested.
std::vector<KeyFamily> MergeKeyFamilies(const std::vector<std::vector<KeyFamily>>& per_node);
RedisWork SumRedisWork(const std::vector<RedisWork>& per_node);

// The commandstats lines of an INFO reply
// ("cmdstat_xadd:calls=3,usec=25,usec_per_call=8.33,..."); pure, unit-tested.
std::map<std::string, CommandWork> ParseCommandStats(const std::string& info);

// A field of an INFO reply ("used_memory:12345"); 0 when absent.
double InfoNumber(const std::string& info, const std::string& field);

}  // namespace ansinh::bench
