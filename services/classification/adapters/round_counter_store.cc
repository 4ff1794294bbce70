#include "classification/adapters/round_counter_store.h"

#include <stdexcept>
#include <unordered_set>

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/watch_scope.h"
#include "redis/redis_error.h"

namespace ansinh::classification {
namespace {

// The field that says the counters are kept (absent: a round stored before).
constexpr std::string_view kCountedField = "counted";
// Households read per HSCAN and entries per HSET when counting a round once.
constexpr int kCountingBatch = 500;
constexpr int kMaxCountingAttempts = 20;

void QueueUnclassifiable(redis::Transaction& tx, const std::string& key,
                         const std::map<std::string, v1::HouseholdError>& entries) {
  redis::Args command{"HSET", key};
  for (const auto& [id, entry] : entries) {
    command.push_back(id);
    command.push_back(entry.SerializeAsString());
    if (command.size() >= 2 + 2 * kCountingBatch) {
      tx.Add(std::move(command));
      command = {"HSET", key};
    }
  }
  if (command.size() > 2) tx.Add(std::move(command));
}

void AddCounters(RoundCounters& sum, RoundCounters part) {
  for (const auto& [field, count] : part.counts) sum.counts[field] += count;
  sum.unclassifiable.merge(part.unclassifiable);
}

}  // namespace

PriorRecords::PriorRecords(std::span<const v1::RoundHousehold> records) {
  for (const v1::RoundHousehold& record : records) Add(record);
}

PriorRecords::PriorRecords(std::span<const std::optional<v1::RoundHousehold>> records) {
  for (const std::optional<v1::RoundHousehold>& record : records) {
    if (record) Add(*record);
  }
}

PriorRecords::PriorRecords(const std::optional<v1::RoundHousehold>& record) {
  if (record) Add(*record);
}

const v1::RoundHousehold* PriorRecords::Of(const std::string& household_id) const {
  const auto found = by_id_.find(household_id);
  return found == by_id_.end() ? nullptr : found->second;
}

void RoundCounterStore::QueueMoves(redis::Transaction& tx, const ClassificationKeys& keys,
                                   const std::string& round_id,
                                   std::span<const v1::RoundHousehold> households,
                                   const PriorRecords& before) {
  std::vector<RoundCounterDelta> moves(static_cast<size_t>(keys.partitions()));
  std::vector<bool> moved(moves.size(), false);
  for (const v1::RoundHousehold& household : households) {
    const auto partition = static_cast<size_t>(keys.PartitionOf(household.household_id()));
    AddDelta(moves[partition], CounterDeltaOf(before.Of(household.household_id()), household));
    moved[partition] = true;
  }
  for (size_t partition = 0; partition < moves.size(); ++partition) {
    if (!moved[partition]) continue;
    const RoundCounterDelta& delta = moves[partition];
    const std::string progress = ClassificationKeys::RoundProgress(round_id, static_cast<int>(partition));
    for (const auto& [field, count] : delta.counts) {
      tx.Add({"HINCRBY", progress, field, std::to_string(count)});
    }
    const std::string unclassifiable =
        ClassificationKeys::RoundUnclassifiable(round_id, static_cast<int>(partition));
    QueueUnclassifiable(tx, unclassifiable, delta.unclassifiable_set);
    if (!delta.unclassifiable_cleared.empty()) {
      redis::Args clear{"HDEL", unclassifiable};
      clear.insert(clear.end(), delta.unclassifiable_cleared.begin(), delta.unclassifiable_cleared.end());
      tx.Add(std::move(clear));
    }
  }
}

void RoundCounterStore::QueueCounted(redis::Transaction& tx, const ClassificationKeys& keys,
                                     const std::string& round_id) {
  for (int partition = 0; partition < keys.partitions(); ++partition) QueueCountedIn(tx, round_id, partition);
}

void RoundCounterStore::QueueCountedIn(redis::Transaction& tx, const std::string& round_id, int partition) {
  tx.Add({"HSET", ClassificationKeys::RoundProgress(round_id, partition), std::string(kCountedField), "1"});
}

std::vector<std::optional<RoundCounters>> RoundCounterStore::LoadShares(const std::string& round_id) {
  std::vector<redis::Args> commands;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    commands.push_back({"HGETALL", ClassificationKeys::RoundProgress(round_id, partition)});
    commands.push_back({"HGETALL", ClassificationKeys::RoundUnclassifiable(round_id, partition)});
  }
  const std::vector<redis::Reply> replies = redis_.Pipeline(commands);
  for (const redis::Reply& reply : replies) {
    if (reply.IsError())
      throw std::runtime_error("reading the counters of round " + round_id + ": " + reply.str);
  }
  std::vector<std::optional<RoundCounters>> shares;
  for (size_t share = 0; share + 1 < replies.size(); share += 2) {
    RoundCounters counters;
    bool counted = false;
    const auto& fields = replies[share].elements;
    for (size_t i = 0; i + 1 < fields.size(); i += 2) {
      if (fields[i].str == kCountedField) {
        counted = true;
        continue;
      }
      counters.counts[fields[i].str] = std::stoll(fields[i + 1].str);
    }
    if (!counted) {
      shares.emplace_back(std::nullopt);
      continue;
    }
    const auto& entries = replies[share + 1].elements;
    for (size_t i = 0; i + 1 < entries.size(); i += 2) {
      v1::HouseholdError entry;
      if (!entry.ParseFromString(entries[i + 1].str))
        throw std::runtime_error("corrupt unclassifiable entry of round " + round_id + " in Redis");
      counters.unclassifiable[entries[i].str] = std::move(entry);
    }
    shares.emplace_back(std::move(counters));
  }
  return shares;
}

std::optional<RoundCounters> RoundCounterStore::CountAndStore(const std::string& round_id, int partition) {
  // Every step that moves a count rewrites the household it moves it for
  // (RoundStore::QueueHouseholds): watching the partition's households keeps
  // the count and the steps apart, within the partition's slot.
  const std::string key = ClassificationKeys::RoundHouseholds(round_id, partition);
  WatchScope scope(redis_);
  redis_.Command({"WATCH", key});
  // Counted batch by batch, so counting a big round holds its ids, not its
  // records; HSCAN may return a household twice while the hash is rehashed.
  RoundCounters counters;
  std::unordered_set<std::string> seen;
  std::string cursor = "0";
  do {
    redis::Reply reply = redis_.Command({"HSCAN", key, cursor, "COUNT", std::to_string(kCountingBatch)});
    if (!reply.IsArray() || reply.elements.size() != 2) throw std::runtime_error("unexpected HSCAN reply");
    cursor = reply.elements[0].str;
    std::vector<v1::RoundHousehold> batch;
    const auto& items = reply.elements[1].elements;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
      if (!seen.insert(items[i].str).second) continue;
      v1::RoundHousehold household;
      if (!household.ParseFromString(items[i + 1].str))
        throw std::runtime_error("corrupt round household in Redis");
      batch.push_back(std::move(household));
    }
    AddCounters(counters, CountersOf(batch));
  } while (cursor != "0");

  redis::Transaction tx;
  const std::string progress = ClassificationKeys::RoundProgress(round_id, partition);
  const std::string unclassifiable = ClassificationKeys::RoundUnclassifiable(round_id, partition);
  tx.Add({"DEL", progress, unclassifiable});
  redis::Args counts{"HSET", progress, std::string(kCountedField), "1"};
  for (const auto& [field, count] : counters.counts) {
    counts.push_back(field);
    counts.push_back(std::to_string(count));
  }
  tx.Add(std::move(counts));
  QueueUnclassifiable(tx, unclassifiable, counters.unclassifiable);
  try {
    tx.Exec(redis_);
  } catch (const redis::TransactionAborted&) {
    return std::nullopt;
  }
  return counters;
}

RoundCounters RoundCounterStore::LoadOrCount(const std::string& round_id) {
  std::vector<std::optional<RoundCounters>> shares = LoadShares(round_id);
  RoundCounters total;
  for (size_t partition = 0; partition < shares.size(); ++partition) {
    std::optional<RoundCounters> share = std::move(shares[partition]);
    for (int attempt = 0; !share && attempt < kMaxCountingAttempts; ++attempt) {
      share = CountAndStore(round_id, static_cast<int>(partition));
    }
    if (!share) {
      throw std::runtime_error("round " + round_id + " changed on every attempt to count its households");
    }
    AddCounters(total, std::move(*share));
  }
  return total;
}

}  // namespace ansinh::classification
