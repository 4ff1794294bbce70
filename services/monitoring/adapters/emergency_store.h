#pragma once

#include <vector>

#include "ansinh/v1/livelihood.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// The emergencies the assignment service declared (assignment.emergency_*),
// as monitoring last saw each: what the emergency alerts and the reports read.
// Kept in the slot of the partition the event came on (partition 0 in
// practice), read from every partition.
class EmergencyStore {
 public:
  EmergencyStore(redis::Connection& redis, const MonitoringKeys& keys) : redis_(redis), keys_(keys) {}

  // A later version replaces an earlier one; a replayed older one changes nothing
  // (the consumer applies a stream's events in order, so this is only a guard).
  static void QueueSave(redis::Transaction& tx, int partition, const v1::Emergency& emergency);
  // Every emergency, ordered by began_on then id.
  std::vector<v1::Emergency> LoadAll();

 private:
  redis::Connection& redis_;
  const MonitoringKeys& keys_;
};

}  // namespace ansinh::monitoring
