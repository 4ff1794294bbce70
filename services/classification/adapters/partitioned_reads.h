// Reads of data kept per partition (classification_keys.h): each household's
// share lives in its partition's slot, and a read about many households
// gathers them from every partition in one round trip.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "classification/adapters/classification_keys.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// The key of a partition's share of some data, e.g. the round's households.
using PartitionKey = std::function<std::string(int partition)>;

// Field `ids[i]` of the hash `key_of(PartitionOf(ids[i]))` for every i, in
// the order asked (nullopt: absent): one HMGET per partition and 500 fields,
// pipelined. `what` names the data in an error.
std::vector<std::optional<std::string>> HashFieldsByPartition(redis::Connection& redis,
                                                              const ClassificationKeys& keys,
                                                              const PartitionKey& key_of,
                                                              const std::vector<std::string>& ids,
                                                              const std::string& what);

// The ids grouped by partition: entry p holds the ids of partition p, in the
// order given.
std::vector<std::vector<std::string>> IdsByPartition(const ClassificationKeys& keys,
                                                     const std::vector<std::string>& ids);

}  // namespace ansinh::classification
