#pragma once

// Livelihood models and emergencies in Redis (assignment_keys.h): one hash
// each in the directory's partition, every write of a record bumping its
// change counter, which a change of the record WATCHes. The households that
// joined a model or that an emergency struck are sets of household ids kept
// per partition with the cases (CaseStore::QueueSave), counted here.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/livelihood.pb.h"
#include "assignment/adapters/assignment_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::assignment {

// Every stored model, ordered by id.
std::vector<v1::LivelihoodModel> ReadLivelihoodModels(redis::Connection& redis);
// nullopt when there is none.
std::optional<v1::LivelihoodModel> ReadLivelihoodModel(redis::Connection& redis, std::string_view model_id);
void QueueSaveLivelihoodModel(redis::Transaction& tx, const v1::LivelihoodModel& model);

// Every declared emergency, in no particular order.
std::vector<v1::Emergency> ReadEmergencies(redis::Connection& redis);
std::optional<v1::Emergency> ReadEmergency(redis::Connection& redis, std::string_view emergency_id);
void QueueSaveEmergency(redis::Transaction& tx, const v1::Emergency& emergency);

// The number of households in each of the sets `index_names`
// (AssignmentKeys::ModelJoinedIndex, ...), summed over the partitions (a
// household is in one partition only), in one round trip.
std::vector<int> CountHouseholds(redis::Connection& redis, const AssignmentKeys& keys,
                                 const std::vector<std::string>& index_names);

}  // namespace ansinh::assignment
