#pragma once

// What sealing personal fields at rest costs (docs/data-protection.md): the
// same yearly cycle twice on fresh single-Redis stacks, once with every
// service given the keys (as `make run` runs it: records, surveys and events
// sealed, consumers opening them) and once with none (all in clear), with the
// households' page
// read (Registry.GetHousehold) loaded after each. The goal: sealing costs at
// most 10% of the end-to-end rate.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ansinh::bench {

// Runs both cycles of `households` households (seed `seed`) with the
// services given `extra_args`; returns {"households", "sealed": {...},
// "clear": {...}, "rate_cost_share"}: each side's end-to-end households/s,
// import rows/s, CPU per household of the registry and of everything, Redis
// bytes per household, and Registry.GetHousehold at 8 calls in flight.
nlohmann::json RunEncryptionComparison(const std::map<std::string, std::vector<std::string>>& extra_args,
                                       int64_t households, uint64_t seed,
                                       std::chrono::milliseconds grpc_duration,
                                       const std::string& failed_logs_dir);

}  // namespace ansinh::bench
