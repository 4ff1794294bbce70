#pragma once

// `make bench` on Redis Cluster: the same yearly cycle as on the single
// Redis, on a local cluster of 3 masters with a replica each (AOF,
// appendfsync always, every write WAITing for one replica, as `make run
// CLUSTER=1` runs it), with the same tables. There is no speed goal on two
// cores for it; its results must be the single Redis's.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ward_pipeline.h"

namespace ansinh::bench {

// Runs the cycle of `households` households (seed `seed`) on a fresh local
// cluster with the services given `extra_args`, and returns its report:
// end_to_end, redis (memory and commands summed over the masters),
// redis_memory_by_family, redis_commands, peak_memory_bytes of the services,
// and same_results, each result beside `single`'s. On a failed step the
// services' logs are copied to `failed_logs_dir` and the error rethrown.
nlohmann::json RunClusterCycle(const std::map<std::string, std::vector<std::string>>& extra_args,
                               int64_t households, uint64_t seed, const PipelineResult& single,
                               const std::string& failed_logs_dir);

}  // namespace ansinh::bench
