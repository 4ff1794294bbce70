#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ansinh::registry {

// The registry's list indexes live per partition, in the slot of their
// households (docs/registry.md, "Redis keys"); a list reads every partition's
// next page and merges them. Each list holds household ids in ascending
// number ("HH-000007" before "HH-000012"), as the index zsets score them;
// the result is the first `limit` ids of all lists together, in ascending
// number. Ids that are not household ids sort last, by text.
std::vector<std::string> MergeByHouseholdNumber(const std::vector<std::vector<std::string>>& per_partition,
                                                size_t limit);

}  // namespace ansinh::registry
