#pragma once

#include "monitoring/adapters/monitoring_keys.h"
#include "redis/redis_connection.h"

namespace ansinh::monitoring {

// What MigrateMonitoringKeys moved.
struct KeyMigration {
  int audit_keys_renamed = 0;
  int open_reviews_moved = 0;
};

// Moves a single-node deployment's monitoring keys from before the hash tags
// to where they are now (monitoring_keys.h), at start-up before the consumer
// and the RPCs run; idempotent, so a start cut short finishes on the next:
//  - every audit key ansinh:monitoring:audit:<name> is RENAMEd to
//    ansinh:{audit}:monitoring:audit:<name> (entries, head, checkpoints,
//    tree heads, the tree's levels): the bytes stay as they were, so the
//    chain, its checkpoints and its signed heads verify as before;
//  - the ward-wide open reviews hash is spread over the per-partition hashes
//    and deleted.
// Throws std::runtime_error when a key exists in both layouts (the old one is
// left for an operator: nothing is overwritten). On a cluster the old keys
// never existed (the layout did not run there) and nothing is done.
KeyMigration MigrateMonitoringKeys(redis::Connection& redis, const MonitoringKeys& keys);

}  // namespace ansinh::monitoring
