#include "monitoring/adapters/timeline_store.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <stdexcept>

#include "redis/compressed_value.h"

namespace ansinh::monitoring {

void TimelineStore::QueueAppend(redis::Transaction& tx, const std::string& household_id,
                                const v1::HouseholdTimelineEntry& entry) const {
  tx.Add({"RPUSH", keys_.Timeline(household_id), redis::StoredMessage(entry)});
}

std::vector<v1::HouseholdTimelineEntry> TimelineStore::Load(const std::string& household_id) {
  redis::Reply reply = redis_.Command({"LRANGE", keys_.Timeline(household_id), "0", "-1"});
  std::vector<v1::HouseholdTimelineEntry> entries;
  entries.reserve(reply.elements.size());
  for (const redis::Reply& item : reply.elements) {
    v1::HouseholdTimelineEntry entry;
    if (!redis::ParseStoredMessage(item.str, entry)) {
      throw std::runtime_error("a stored timeline entry of " + household_id + " does not parse");
    }
    entries.push_back(std::move(entry));
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const v1::HouseholdTimelineEntry& a, const v1::HouseholdTimelineEntry& b) {
                     if (a.occurred_at() != b.occurred_at()) {
                       return a.occurred_at() < b.occurred_at();
                     }
                     return a.audit_sequence() < b.audit_sequence();
                   });
  return entries;
}

long long TimelineStore::Length(const std::string& household_id) {
  return redis_.Command({"LLEN", keys_.Timeline(household_id)}).AsInteger();
}

}  // namespace ansinh::monitoring
