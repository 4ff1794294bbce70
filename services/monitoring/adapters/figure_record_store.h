#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// The household figure records in Redis: one hash per partition, household
// id -> HouseholdFigureRecord bytes. Figures and alerts read them all at
// once (a ward has a few thousand households, a few hundred bytes each).
class FigureRecordStore {
 public:
  FigureRecordStore(redis::Connection& redis, const MonitoringKeys& keys) : redis_(redis), keys_(keys) {}

  std::optional<v1::HouseholdFigureRecord> Load(const std::string& household_id);
  // Every record of every partition, ordered by household id.
  std::vector<v1::HouseholdFigureRecord> LoadAll();
  // One HSET per partition for all of `records`.
  static void QueueSave(redis::Transaction& tx, const MonitoringKeys& keys,
                        const std::vector<const v1::HouseholdFigureRecord*>& records);

 private:
  redis::Connection& redis_;
  const MonitoringKeys& keys_;
};

}  // namespace ansinh::monitoring
