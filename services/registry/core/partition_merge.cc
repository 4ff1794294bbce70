#include "registry/core/partition_merge.h"

#include <algorithm>
#include <climits>
#include <queue>
#include <tuple>

#include "registry/core/household_id.h"

namespace ansinh::registry {
namespace {

struct MergeHead {
  long long number;
  const std::string* id;
  size_t list;
  size_t position;
};

long long MergeOrderOf(const std::string& id) {
  const long long number = HouseholdIdNumber(id);
  return number < 0 ? LLONG_MAX : number;
}

}  // namespace

std::vector<std::string> MergeByHouseholdNumber(const std::vector<std::vector<std::string>>& per_partition,
                                                size_t limit) {
  auto later = [](const MergeHead& a, const MergeHead& b) {
    return std::tie(a.number, *a.id, a.list) > std::tie(b.number, *b.id, b.list);
  };
  std::priority_queue<MergeHead, std::vector<MergeHead>, decltype(later)> heads(later);
  for (size_t list = 0; list < per_partition.size(); ++list) {
    if (!per_partition[list].empty()) {
      heads.push({MergeOrderOf(per_partition[list][0]), &per_partition[list][0], list, 0});
    }
  }
  std::vector<std::string> merged;
  while (!heads.empty() && merged.size() < limit) {
    const MergeHead head = heads.top();
    heads.pop();
    merged.push_back(*head.id);
    const std::vector<std::string>& list = per_partition[head.list];
    if (head.position + 1 < list.size()) {
      const std::string& next = list[head.position + 1];
      heads.push({MergeOrderOf(next), &next, head.list, head.position + 1});
    }
  }
  return merged;
}

}  // namespace ansinh::registry
