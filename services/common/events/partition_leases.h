#pragma once

#include <set>
#include <string_view>
#include <vector>

namespace ansinh::events {

// How the instances of one consumer group divide the partitions between them
// (docs/operations.md, "Scaling"). Each partition is leased to one instance
// at a time, so a household's events, which all live in its partition, are
// applied by one instance in stream order. These are the pure decisions; the
// runner does the Redis work.

// Partitions each of `live_instances` should hold: the count rounded up, so
// every partition has room for an owner.
int FairShare(int partition_count, int live_instances);

struct LeasePlan {
  std::vector<int> release;      // give these up now
  std::vector<int> try_acquire;  // try these, in order, until the share is reached
};

// `partitions` are those the group reads; `owned` those this instance holds.
// Above its share an instance releases its highest-numbered partitions;
// below it, it tries the others starting at a point derived from its name, so
// instances that start together mostly try different partitions first.
LeasePlan PlanLeases(const std::vector<int>& partitions, const std::set<int>& owned, int fair_share,
                     std::string_view consumer);

}  // namespace ansinh::events
