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

void QueueUnclassifiable(redis::Transaction& tx, const std::string& round_id,
                         const std::map<std::string, v1::HouseholdError>& entries) {
  redis::Args command{"HSET", ClassificationKeys::RoundUnclassifiable(round_id)};
  for (const auto& [id, entry] : entries) {
    command.push_back(id);
    command.push_back(entry.SerializeAsString());
    if (command.size() >= 2 + 2 * kCountingBatch) {
      tx.Add(std::move(command));
      command = {"HSET", ClassificationKeys::RoundUnclassifiable(round_id)};
    }
  }
  if (command.size() > 2) tx.Add(std::move(command));
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

void RoundCounterStore::QueueMoves(redis::Transaction& tx, const std::string& round_id,
                                   std::span<const v1::RoundHousehold> households,
                                   const PriorRecords& before) {
  RoundCounterDelta moves;
  for (const v1::RoundHousehold& household : households) {
    AddDelta(moves, CounterDeltaOf(before.Of(household.household_id()), household));
  }
  const std::string progress = ClassificationKeys::RoundProgress(round_id);
  for (const auto& [field, count] : moves.counts) {
    tx.Add({"HINCRBY", progress, field, std::to_string(count)});
  }
  QueueUnclassifiable(tx, round_id, moves.unclassifiable_set);
  if (!moves.unclassifiable_cleared.empty()) {
    redis::Args clear{"HDEL", ClassificationKeys::RoundUnclassifiable(round_id)};
    clear.insert(clear.end(), moves.unclassifiable_cleared.begin(), moves.unclassifiable_cleared.end());
    tx.Add(std::move(clear));
  }
}

void RoundCounterStore::QueueCounted(redis::Transaction& tx, const std::string& round_id) {
  tx.Add({"HSET", ClassificationKeys::RoundProgress(round_id), std::string(kCountedField), "1"});
}

std::optional<RoundCounters> RoundCounterStore::Load(const std::string& round_id) {
  const std::vector<redis::Reply> replies =
      redis_.Pipeline({{"HGETALL", ClassificationKeys::RoundProgress(round_id)},
                       {"HGETALL", ClassificationKeys::RoundUnclassifiable(round_id)}});
  for (const redis::Reply& reply : replies) {
    if (reply.IsError())
      throw std::runtime_error("reading the counters of round " + round_id + ": " + reply.str);
  }
  RoundCounters counters;
  bool counted = false;
  const auto& fields = replies[0].elements;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    if (fields[i].str == kCountedField) {
      counted = true;
      continue;
    }
    counters.counts[fields[i].str] = std::stoll(fields[i + 1].str);
  }
  if (!counted) return std::nullopt;
  const auto& entries = replies[1].elements;
  for (size_t i = 0; i + 1 < entries.size(); i += 2) {
    v1::HouseholdError entry;
    if (!entry.ParseFromString(entries[i + 1].str))
      throw std::runtime_error("corrupt unclassifiable entry of round " + round_id + " in Redis");
    counters.unclassifiable[entries[i].str] = std::move(entry);
  }
  return counters;
}

std::optional<RoundCounters> RoundCounterStore::CountAndStore(const std::string& round_id) {
  WatchScope scope(redis_);
  redis_.Command({"WATCH", ClassificationKeys::Round(round_id)});
  // Counted batch by batch, so counting a big round holds its ids, not its
  // records; HSCAN may return a household twice while the hash is rehashed.
  RoundCounters counters;
  std::unordered_set<std::string> seen;
  const std::string key = ClassificationKeys::RoundHouseholds(round_id);
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
    RoundCounters part = CountersOf(batch);
    for (const auto& [field, count] : part.counts) counters.counts[field] += count;
    counters.unclassifiable.merge(part.unclassifiable);
  } while (cursor != "0");

  redis::Transaction tx;
  const std::string progress = ClassificationKeys::RoundProgress(round_id);
  tx.Add({"DEL", progress, ClassificationKeys::RoundUnclassifiable(round_id)});
  redis::Args counts{"HSET", progress, std::string(kCountedField), "1"};
  for (const auto& [field, count] : counters.counts) {
    counts.push_back(field);
    counts.push_back(std::to_string(count));
  }
  tx.Add(std::move(counts));
  QueueUnclassifiable(tx, round_id, counters.unclassifiable);
  try {
    tx.Exec(redis_);
  } catch (const redis::TransactionAborted&) {
    return std::nullopt;
  }
  return counters;
}

RoundCounters RoundCounterStore::LoadOrCount(const std::string& round_id) {
  if (std::optional<RoundCounters> kept = Load(round_id)) return std::move(*kept);
  for (int attempt = 0; attempt < kMaxCountingAttempts; ++attempt) {
    if (std::optional<RoundCounters> counted = CountAndStore(round_id)) return std::move(*counted);
  }
  throw std::runtime_error("round " + round_id + " changed on every attempt to count its households");
}

}  // namespace ansinh::classification
