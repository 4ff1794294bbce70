#include "events/partition_leases.h"

#include <algorithm>

#include "events/stream_names.h"

namespace ansinh::events {

int FairShare(int partition_count, int live_instances) {
  if (partition_count <= 0) return 0;
  if (live_instances <= 1) return partition_count;
  return (partition_count + live_instances - 1) / live_instances;
}

LeasePlan PlanLeases(const std::vector<int>& partitions, const std::set<int>& owned, int fair_share,
                     std::string_view consumer) {
  LeasePlan plan;
  const int held = static_cast<int>(owned.size());
  if (held > fair_share) {
    for (auto it = owned.rbegin();
         it != owned.rend() && static_cast<int>(plan.release.size()) < held - fair_share; ++it) {
      plan.release.push_back(*it);
    }
    return plan;
  }
  if (held == fair_share || partitions.empty()) return plan;
  std::vector<int> sorted = partitions;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  const size_t start = static_cast<size_t>(PartitionOf(consumer, static_cast<int>(sorted.size())));
  for (size_t i = 0; i < sorted.size(); ++i) {
    const int partition = sorted[(start + i) % sorted.size()];
    if (!owned.contains(partition)) plan.try_acquire.push_back(partition);
  }
  return plan;
}

}  // namespace ansinh::events
