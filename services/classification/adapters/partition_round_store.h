#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/classification_storage.pb.h"
#include "classification/adapters/classification_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// The rounds as the transactions of one partition see them
// (ansinh:{pN}:classification:partition-rounds: round id -> PartitionRound):
// a round is there, open, from the moment its opening has drawn up the
// partition's share of its list; an approval marks it closed while it
// decides; the approval's settling removes it. A step on households of the
// partition WATCHes this hash and reads the round from it, in the
// partition's slot, instead of the round's record in the round's slot.
class PartitionRoundStore {
 public:
  PartitionRoundStore(redis::Connection& redis, const ClassificationKeys& keys)
      : redis_(redis), keys_(keys) {}

  std::optional<v1::PartitionRound> Load(const std::string& round_id, int partition);
  // Every partition's, in partition order (nullopt: not there), in one
  // round trip.
  std::vector<std::optional<v1::PartitionRound>> LoadEvery(const std::string& round_id);
  // The HGET reply of one round; nullopt when nil.
  static std::optional<v1::PartitionRound> Parse(const redis::Reply& reply);
  // The HGETALL reply of a partition's hash, by round id.
  static std::map<std::string, v1::PartitionRound> ParseAll(const redis::Reply& reply);

  static void QueuePut(redis::Transaction& tx, int partition, const v1::PartitionRound& round);
  static void QueueRemove(redis::Transaction& tx, int partition, const std::string& round_id);

 private:
  redis::Connection& redis_;
  const ClassificationKeys& keys_;
};

// Whether the round takes changes in the partition: there and not closed by
// an approval.
inline bool OpenInPartition(const std::optional<v1::PartitionRound>& round) {
  return round && round->closed_by().empty();
}

}  // namespace ansinh::classification
