#include "assignment/adapters/livelihood_store.h"

#include <algorithm>

#include "redis/redis_error.h"

namespace ansinh::assignment {
namespace {

// HGETALL's values (field, value, field, value, ...) parsed as `Record`s.
template <typename Record>
std::vector<Record> ParseStoredRecords(const redis::Reply& reply, std::string_view what) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  std::vector<Record> records;
  for (std::size_t i = 1; i < reply.elements.size(); i += 2) {
    Record record;
    if (!record.ParseFromString(reply.elements[i].str)) {
      throw redis::ReplyError("stored " + std::string(what) + " " + reply.elements[i - 1].str +
                              " is corrupt");
    }
    records.push_back(std::move(record));
  }
  return records;
}

template <typename Record>
std::optional<Record> ParseStoredRecord(const redis::Reply& reply, std::string_view what,
                                        std::string_view id) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  if (reply.IsNil()) return std::nullopt;
  Record record;
  if (!record.ParseFromString(reply.str)) {
    throw redis::ReplyError("stored " + std::string(what) + " " + std::string(id) + " is corrupt");
  }
  return record;
}

}  // namespace

std::vector<v1::LivelihoodModel> ReadLivelihoodModels(redis::Connection& redis) {
  std::vector<v1::LivelihoodModel> models = ParseStoredRecords<v1::LivelihoodModel>(
      redis.Command({"HGETALL", AssignmentKeys::LivelihoodModels()}), "livelihood model");
  std::sort(models.begin(), models.end(), [](const v1::LivelihoodModel& a, const v1::LivelihoodModel& b) {
    return a.model_id() < b.model_id();
  });
  return models;
}

std::optional<v1::LivelihoodModel> ReadLivelihoodModel(redis::Connection& redis, std::string_view model_id) {
  return ParseStoredRecord<v1::LivelihoodModel>(
      redis.Command({"HGET", AssignmentKeys::LivelihoodModels(), std::string(model_id)}), "livelihood model",
      model_id);
}

void QueueSaveLivelihoodModel(redis::Transaction& tx, const v1::LivelihoodModel& model) {
  tx.Add({"HSET", AssignmentKeys::LivelihoodModels(), model.model_id(), model.SerializeAsString()});
  tx.Add({"INCR", AssignmentKeys::LivelihoodModelChanges(model.model_id())});
}

std::vector<v1::Emergency> ReadEmergencies(redis::Connection& redis) {
  return ParseStoredRecords<v1::Emergency>(redis.Command({"HGETALL", AssignmentKeys::Emergencies()}),
                                           "emergency");
}

std::optional<v1::Emergency> ReadEmergency(redis::Connection& redis, std::string_view emergency_id) {
  return ParseStoredRecord<v1::Emergency>(
      redis.Command({"HGET", AssignmentKeys::Emergencies(), std::string(emergency_id)}), "emergency",
      emergency_id);
}

void QueueSaveEmergency(redis::Transaction& tx, const v1::Emergency& emergency) {
  tx.Add({"HSET", AssignmentKeys::Emergencies(), emergency.emergency_id(), emergency.SerializeAsString()});
  tx.Add({"INCR", AssignmentKeys::EmergencyChanges(emergency.emergency_id())});
}

std::vector<int> CountHouseholds(redis::Connection& redis, const AssignmentKeys& keys,
                                 const std::vector<std::string>& index_names) {
  std::vector<int> counts(index_names.size(), 0);
  if (index_names.empty()) return counts;
  std::vector<redis::Args> commands;
  for (int partition = 0; partition < keys.partitions(); ++partition) {
    for (const std::string& name : index_names)
      commands.push_back({"SCARD", AssignmentKeys::Index(partition, name)});
  }
  const std::vector<redis::Reply> replies = redis.Pipeline(commands);
  for (std::size_t i = 0; i < replies.size(); ++i) {
    if (replies[i].IsError()) throw redis::ReplyError(replies[i].str);
    counts[i % index_names.size()] += static_cast<int>(replies[i].AsInteger());
  }
  return counts;
}

}  // namespace ansinh::assignment
