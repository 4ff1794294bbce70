#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// Each household's timeline: one list per household of HouseholdTimelineEntry
// bytes, appended in the order monitoring learnt of the events. Events of the
// three services reach monitoring on separate streams, so the reading side
// puts them in the order they happened.
class TimelineStore {
 public:
  TimelineStore(redis::Connection& redis, const MonitoringKeys& keys) : redis_(redis), keys_(keys) {}

  // In the household's own partition (a personal-data read).
  void QueueAppend(redis::Transaction& tx, const std::string& household_id,
                   const v1::HouseholdTimelineEntry& entry) const;
  // In `partition`'s slot: the partition of the event the line comes from.
  void QueueAppendIn(redis::Transaction& tx, int partition, const std::string& household_id,
                     const v1::HouseholdTimelineEntry& entry) const;
  // The household's timeline, oldest first: by occurred_at, then by audit
  // sequence (the order monitoring sealed them in).
  std::vector<v1::HouseholdTimelineEntry> Load(const std::string& household_id);
  long long Length(const std::string& household_id);

 private:
  // Lines stored with their audit outbox ordinal get their chain sequence
  // (after the partition's outbox is appended); the ordinal is cleared. The
  // ordinals are of the outbox of `partition`, whose key holds the lines.
  void ResolveAuditSequences(int partition, std::vector<v1::HouseholdTimelineEntry>& entries);

  redis::Connection& redis_;
  const MonitoringKeys& keys_;
};

}  // namespace ansinh::monitoring
