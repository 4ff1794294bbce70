#pragma once

// The Redis figures of the report as JSON: memory by key family and the
// commands that took Redis's time, from one node or a cluster's masters
// summed (redis_accounting.h).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

#include "redis_accounting.h"

namespace ansinh::bench {

// The largest families (bytes, keys, bytes per household); the rest in one
// row.
nlohmann::json FamiliesReport(const std::vector<KeyFamily>& all, int64_t households);

// The commands that took most of Redis's time between two readings.
nlohmann::json CommandCostsReport(const RedisWork& before, const RedisWork& after, int64_t households);

}  // namespace ansinh::bench
