// Where a round's counters (classification/core/round_counters.h) live in
// Redis, how a step moves them and how GetRoundProgress reads them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/adapters/classification_keys.h"
#include "classification/core/round_counters.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// The records of a round a step read (under its WATCH on the partition's
// records of the round) before changing them, by household id: what the
// counters move from. A household not among them is new to the round.
class PriorRecords {
 public:
  // None: every household written is new to the round (its opening).
  PriorRecords() = default;
  explicit PriorRecords(std::span<const v1::RoundHousehold> records);
  explicit PriorRecords(std::span<const std::optional<v1::RoundHousehold>> records);
  explicit PriorRecords(const std::optional<v1::RoundHousehold>& record);

  const v1::RoundHousehold* Of(const std::string& household_id) const;

 private:
  void Add(const v1::RoundHousehold& record) { by_id_[record.household_id()] = &record; }
  std::unordered_map<std::string_view, const v1::RoundHousehold*> by_id_;
};

class RoundCounterStore {
 public:
  RoundCounterStore(redis::Connection& redis, const ClassificationKeys& keys) : redis_(redis), keys_(keys) {}

  // The round's counters: the sum of every partition's share (one pipelined
  // read of two small hashes per partition). A share stored before counters
  // were kept (or dropped by the move to per-partition keys) is counted once
  // from the partition's households, under a WATCH on them (every step
  // that moves a count rewrites its household), and stored, so the next read is a read.
  RoundCounters LoadOrCount(const std::string& round_id);

  // Queues what writing `households` over `before` moves, in each
  // household's partition (RoundStore QueueHouseholds calls it, so no writer
  // of a household can miss it).
  static void QueueMoves(redis::Transaction& tx, const ClassificationKeys& keys, const std::string& round_id,
                         std::span<const v1::RoundHousehold> households, const PriorRecords& before);
  // Marks a new round's counters as kept in every partition (its opening).
  static void QueueCounted(redis::Transaction& tx, const ClassificationKeys& keys,
                           const std::string& round_id);
  // The same for one partition's share (each partition lists its share of
  // a new round in its own transaction).
  static void QueueCountedIn(redis::Transaction& tx, const std::string& round_id, int partition);

 private:
  // Every partition's share; nullopt for a share not kept yet.
  std::vector<std::optional<RoundCounters>> LoadShares(const std::string& round_id);
  // nullopt: a step changed the round meanwhile.
  std::optional<RoundCounters> CountAndStore(const std::string& round_id, int partition);

  redis::Connection& redis_;
  const ClassificationKeys& keys_;
};

}  // namespace ansinh::classification
