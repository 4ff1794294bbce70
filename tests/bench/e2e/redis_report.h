#pragma once

// The Redis figures of the report as JSON: memory by key family and the
// commands that took Redis's time, from one node or a cluster's masters
// summed (redis_accounting.h); and where the cycle's CPU went, by process.

#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "redis_accounting.h"
#include "ward_stack.h"

namespace ansinh::bench {

// The largest families (bytes, keys, bytes per household); the rest in one
// row.
nlohmann::json FamiliesReport(const std::vector<KeyFamily>& all, int64_t households);

// The commands that took most of Redis's time between two readings.
nlohmann::json CommandCostsReport(const RedisWork& before, const RedisWork& after, int64_t households);

// The CPU seconds each process of the stack has used so far ("redis-server",
// "ansinh-registry", ...); no Redis when `redis_pid` is 0.
std::map<std::string, double> CpuOfStack(testkit::WardStack& stack, pid_t redis_pid);

// Per process: CPU seconds between two readings and microseconds per
// household, largest first, with a total.
nlohmann::json CpuReport(const std::map<std::string, double>& before,
                         const std::map<std::string, double>& after, int64_t households);

}  // namespace ansinh::bench
