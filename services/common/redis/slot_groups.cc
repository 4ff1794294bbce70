#include "redis/slot_groups.h"

#include <map>

#include "redis/cluster_slot.h"

namespace ansinh::redis {

std::vector<std::vector<std::string>> GroupBySlot(const std::vector<std::string>& keys) {
  std::vector<std::vector<std::string>> groups;
  std::map<int, size_t> group_of_slot;
  for (const std::string& key : keys) {
    const auto [found, added] = group_of_slot.emplace(KeySlot(key), groups.size());
    if (added) groups.emplace_back();
    groups[found->second].push_back(key);
  }
  return groups;
}

}  // namespace ansinh::redis
