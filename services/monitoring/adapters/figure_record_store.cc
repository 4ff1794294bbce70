#include "monitoring/adapters/figure_record_store.h"

#include <map>

#include <algorithm>
#include <stdexcept>

#include "redis/redis_error.h"

namespace ansinh::monitoring {
namespace {

v1::HouseholdFigureRecord ParseRecord(const std::string& bytes, const std::string& where) {
  v1::HouseholdFigureRecord record;
  if (!record.ParseFromString(bytes)) {
    throw std::runtime_error("stored figure record " + where + " does not parse");
  }
  return record;
}

}  // namespace

std::optional<v1::HouseholdFigureRecord> FigureRecordStore::Load(const std::string& household_id) {
  redis::Reply reply = redis_.Command({"HGET", keys_.RecordsOf(household_id), household_id});
  if (reply.IsNil()) return std::nullopt;
  return ParseRecord(reply.AsString(), "of " + household_id);
}

std::vector<v1::HouseholdFigureRecord> FigureRecordStore::LoadAll() {
  std::vector<redis::Args> commands;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    commands.push_back({"HVALS", keys_.Records(partition)});
  }
  std::vector<v1::HouseholdFigureRecord> records;
  for (const redis::Reply& reply : redis_.Pipeline(commands)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    for (const redis::Reply& value : reply.elements) {
      records.push_back(ParseRecord(value.str, "in the records hash"));
    }
  }
  std::sort(records.begin(), records.end(),
            [](const v1::HouseholdFigureRecord& a, const v1::HouseholdFigureRecord& b) {
              return a.household_id() < b.household_id();
            });
  return records;
}

void FigureRecordStore::QueueSave(redis::Transaction& tx, const MonitoringKeys& keys,
                                  const std::vector<const v1::HouseholdFigureRecord*>& records) {
  std::map<std::string, redis::Args> by_key;
  for (const v1::HouseholdFigureRecord* record : records) {
    const std::string key = keys.RecordsOf(record->household_id());
    redis::Args& hset = by_key[key];
    if (hset.empty()) hset = {"HSET", key};
    hset.push_back(record->household_id());
    hset.push_back(record->SerializeAsString());
  }
  for (auto& [key, hset] : by_key) tx.Add(std::move(hset));
}

}  // namespace ansinh::monitoring
