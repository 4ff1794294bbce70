#pragma once

// The households outcome analytics read (docs/outcomes.md, "Computed from the
// events, incrementally"): every household whose figure record holds support
// or a livelihood model, one set per partition, added to in the transaction
// of the event that gave the household its first support. A query reads those
// households' figure records, which the consumer keeps up to date event by
// event, and never the events themselves nor the households never supported.

#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

class OutcomeIndex {
 public:
  OutcomeIndex(redis::Connection& redis, const MonitoringKeys& keys) : redis_(redis), keys_(keys) {}

  // Whether the record belongs in the index.
  static bool Counts(const v1::HouseholdFigureRecord& record);
  // Adds the records that belong (SADD is idempotent: a replay changes nothing).
  static void QueueAdd(redis::Transaction& tx, const MonitoringKeys& keys,
                       const std::vector<const v1::HouseholdFigureRecord*>& records);
  // At start-up, before the consumer runs: fills each partition's set from
  // its figure records once (households supported before this index
  // existed), then marks the partition done. Returns the households added.
  int EnsureBuilt();
  // The figure records of the indexed households, ordered by household id:
  // per partition, the set and then the records it names.
  std::vector<v1::HouseholdFigureRecord> LoadRecords();

 private:
  redis::Connection& redis_;
  const MonitoringKeys& keys_;
};

}  // namespace ansinh::monitoring
