#include "monitoring/adapters/outcome_index.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "redis/redis_error.h"

namespace ansinh::monitoring {

bool OutcomeIndex::Counts(const v1::HouseholdFigureRecord& record) {
  return record.supports_size() > 0 || record.models_size() > 0;
}

void OutcomeIndex::QueueAdd(redis::Transaction& tx, const MonitoringKeys& keys,
                            const std::vector<const v1::HouseholdFigureRecord*>& records) {
  std::map<int, redis::Args> by_partition;
  for (const v1::HouseholdFigureRecord* record : records) {
    if (!Counts(*record)) continue;
    const int partition = keys.PartitionOf(record->household_id());
    redis::Args& sadd = by_partition[partition];
    if (sadd.empty()) sadd = {"SADD", MonitoringKeys::OutcomeHouseholds(partition)};
    sadd.push_back(record->household_id());
  }
  for (auto& [partition, sadd] : by_partition) tx.Add(std::move(sadd));
}

int OutcomeIndex::EnsureBuilt() {
  int added = 0;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    const std::string built = MonitoringKeys::OutcomeHouseholds(partition) + ":built";
    if (redis_.Command({"EXISTS", built}).integer == 1) continue;
    redis::Args sadd{"SADD", MonitoringKeys::OutcomeHouseholds(partition)};
    for (const redis::Reply& value : redis_.Command({"HVALS", keys_.Records(partition)}).elements) {
      v1::HouseholdFigureRecord record;
      if (record.ParseFromString(value.str) && Counts(record)) sadd.push_back(record.household_id());
    }
    std::vector<redis::Args> writes;
    if (sadd.size() > 2) writes.push_back(sadd);
    writes.push_back({"SET", built, "1"});
    for (const redis::Reply& reply : redis_.Pipeline(writes)) {
      if (reply.IsError()) throw redis::ReplyError(reply.str);
    }
    added += static_cast<int>(sadd.size()) - 2;
  }
  return added;
}

std::vector<v1::HouseholdFigureRecord> OutcomeIndex::LoadRecords() {
  std::vector<redis::Args> members;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    members.push_back({"SMEMBERS", MonitoringKeys::OutcomeHouseholds(partition)});
  }
  std::vector<redis::Args> reads;
  int partition = 0;
  for (const redis::Reply& reply : redis_.Pipeline(members)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    if (!reply.elements.empty()) {
      redis::Args hmget{"HMGET", keys_.Records(partition)};
      for (const redis::Reply& member : reply.elements) hmget.push_back(member.str);
      reads.push_back(std::move(hmget));
    }
    ++partition;
  }
  std::vector<v1::HouseholdFigureRecord> records;
  if (reads.empty()) return records;
  for (const redis::Reply& reply : redis_.Pipeline(reads)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    for (const redis::Reply& value : reply.elements) {
      if (value.IsNil()) continue;
      v1::HouseholdFigureRecord& record = records.emplace_back();
      if (!record.ParseFromString(value.str))
        throw std::runtime_error("a stored figure record does not parse");
    }
  }
  std::sort(records.begin(), records.end(),
            [](const v1::HouseholdFigureRecord& a, const v1::HouseholdFigureRecord& b) {
              return a.household_id() < b.household_id();
            });
  return records;
}

}  // namespace ansinh::monitoring
