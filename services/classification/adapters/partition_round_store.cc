#include "classification/adapters/partition_round_store.h"

#include <stdexcept>

#include "redis/redis_error.h"

namespace ansinh::classification {

std::optional<v1::PartitionRound> PartitionRoundStore::Parse(const redis::Reply& reply) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  if (reply.IsNil()) return std::nullopt;
  v1::PartitionRound round;
  if (!round.ParseFromString(reply.str)) throw std::runtime_error("corrupt partition round in Redis");
  return round;
}

std::map<std::string, v1::PartitionRound> PartitionRoundStore::ParseAll(const redis::Reply& reply) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  std::map<std::string, v1::PartitionRound> rounds;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    v1::PartitionRound round;
    if (!round.ParseFromString(reply.elements[i + 1].str)) {
      throw std::runtime_error("corrupt partition round " + reply.elements[i].str + " in Redis");
    }
    rounds.emplace(reply.elements[i].str, std::move(round));
  }
  return rounds;
}

std::optional<v1::PartitionRound> PartitionRoundStore::Load(const std::string& round_id, int partition) {
  return Parse(redis_.Command({"HGET", ClassificationKeys::PartitionRounds(partition), round_id}));
}

std::vector<std::optional<v1::PartitionRound>> PartitionRoundStore::LoadEvery(const std::string& round_id) {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    reads.push_back({"HGET", ClassificationKeys::PartitionRounds(partition), round_id});
  }
  std::vector<std::optional<v1::PartitionRound>> rounds;
  for (const redis::Reply& reply : redis_.Pipeline(reads)) rounds.push_back(Parse(reply));
  return rounds;
}

void PartitionRoundStore::QueuePut(redis::Transaction& tx, int partition, const v1::PartitionRound& round) {
  tx.Add({"HSET", ClassificationKeys::PartitionRounds(partition), round.round().round_id(),
          round.SerializeAsString()});
}

void PartitionRoundStore::QueueRemove(redis::Transaction& tx, int partition, const std::string& round_id) {
  tx.Add({"HDEL", ClassificationKeys::PartitionRounds(partition), round_id});
}

}  // namespace ansinh::classification
