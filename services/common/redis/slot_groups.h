#pragma once

#include <string>
#include <vector>

namespace ansinh::redis {

// `keys` split by hash slot, each group in the order its keys came, groups in
// the order of their first key: what one multi-key command (XREADGROUP over
// several streams) may cover in Redis Cluster.
std::vector<std::vector<std::string>> GroupBySlot(const std::vector<std::string>& keys);

}  // namespace ansinh::redis
