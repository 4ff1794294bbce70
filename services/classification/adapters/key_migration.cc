#include "classification/adapters/key_migration.h"

#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ansinh/v1/classification_storage.pb.h"
#include "classification/core/round_counters.h"
#include "redis/redis_error.h"

namespace ansinh::classification {
namespace {

// Fields or members moved per HSCAN/SSCAN step.
constexpr int kMigrationBatch = 500;

using FieldValues = std::vector<std::pair<std::string, std::string>>;

bool LegacyKeyExists(redis::Connection& redis, const std::string& key) {
  return redis.Command({"EXISTS", key}).AsInteger() > 0;
}

void RenameOnce(redis::Connection& redis, const std::string& legacy, const std::string& tagged,
                ClassificationKeyMigration& done) {
  if (!LegacyKeyExists(redis, legacy)) return;
  if (LegacyKeyExists(redis, tagged)) {
    throw std::runtime_error("both " + legacy + " and " + tagged +
                             " exist: classification cannot move to its tagged keys without overwriting "
                             "one; an operator must decide which to keep");
  }
  try {
    redis.Command({"RENAME", legacy, tagged});
    ++done.keys_renamed;
  } catch (const redis::ReplyError&) {
    // Another instance starting at the same moment renamed it first.
    if (LegacyKeyExists(redis, legacy)) throw;
  }
}

// Calls `each` with every batch of a legacy hash's fields (HSCAN).
void ForEachHashBatch(redis::Connection& redis, const std::string& key,
                      const std::function<void(const FieldValues&)>& each) {
  std::string cursor = "0";
  do {
    const redis::Reply reply =
        redis.Command({"HSCAN", key, cursor, "COUNT", std::to_string(kMigrationBatch)});
    if (!reply.IsArray() || reply.elements.size() != 2) throw std::runtime_error("unexpected HSCAN reply");
    cursor = reply.elements[0].str;
    FieldValues batch;
    const auto& items = reply.elements[1].elements;
    for (size_t i = 0; i + 1 < items.size(); i += 2) batch.emplace_back(items[i].str, items[i + 1].str);
    if (!batch.empty()) each(batch);
  } while (cursor != "0");
}

// Writes each field to the hash of its household's partition; returns how
// many.
int WriteHashByPartition(redis::Connection& redis, const ClassificationKeys& keys,
                         const std::function<std::string(int)>& key_of, const FieldValues& batch) {
  std::vector<redis::Args> writes(static_cast<size_t>(keys.partitions()));
  for (const auto& [field, value] : batch) {
    const auto partition = static_cast<size_t>(keys.PartitionOf(field));
    if (writes[partition].empty()) writes[partition] = {"HSET", key_of(static_cast<int>(partition))};
    writes[partition].push_back(field);
    writes[partition].push_back(value);
  }
  std::vector<redis::Args> commands;
  for (redis::Args& write : writes) {
    if (!write.empty()) commands.push_back(std::move(write));
  }
  if (commands.empty()) return 0;
  for (const redis::Reply& reply : redis.Pipeline(commands)) {
    if (reply.IsError()) throw std::runtime_error("moving classification keys: " + reply.str);
  }
  return static_cast<int>(batch.size());
}

// Spreads a legacy hash keyed by household over the partitions' hashes, then
// deletes it.
int SpreadHash(redis::Connection& redis, const ClassificationKeys& keys, const std::string& legacy,
               const std::function<std::string(int)>& key_of) {
  int moved = 0;
  ForEachHashBatch(redis, legacy, [&](const FieldValues& batch) {
    moved += WriteHashByPartition(redis, keys, key_of, batch);
  });
  if (moved > 0) redis.Command({"DEL", legacy});
  return moved;
}

// The same for a set of household ids.
int SpreadSet(redis::Connection& redis, const ClassificationKeys& keys, const std::string& legacy,
              const std::function<std::string(int)>& key_of) {
  int moved = 0;
  std::string cursor = "0";
  do {
    const redis::Reply reply =
        redis.Command({"SSCAN", legacy, cursor, "COUNT", std::to_string(kMigrationBatch)});
    if (!reply.IsArray() || reply.elements.size() != 2) throw std::runtime_error("unexpected SSCAN reply");
    cursor = reply.elements[0].str;
    std::vector<redis::Args> writes(static_cast<size_t>(keys.partitions()));
    for (const redis::Reply& member : reply.elements[1].elements) {
      const auto partition = static_cast<size_t>(keys.PartitionOf(member.str));
      if (writes[partition].empty()) writes[partition] = {"SADD", key_of(static_cast<int>(partition))};
      writes[partition].push_back(member.str);
      ++moved;
    }
    for (redis::Args& write : writes) {
      if (!write.empty()) redis.Command(write);
    }
  } while (cursor != "0");
  if (moved > 0) redis.Command({"DEL", legacy});
  return moved;
}

// Each partition's counters, counted from the households it received, kept
// as the steps keep them (round_counter_store.h).
void StoreMigratedCounters(redis::Connection& redis, const std::string& round_id,
                           const std::vector<RoundCounters>& shares) {
  for (size_t partition = 0; partition < shares.size(); ++partition) {
    const std::string progress = ClassificationKeys::RoundProgress(round_id, static_cast<int>(partition));
    const std::string unclassifiable =
        ClassificationKeys::RoundUnclassifiable(round_id, static_cast<int>(partition));
    redis::Args counts{"HSET", progress, "counted", "1"};
    for (const auto& [field, count] : shares[partition].counts) {
      counts.push_back(field);
      counts.push_back(std::to_string(count));
    }
    redis.Command({"DEL", progress, unclassifiable});
    redis.Command(counts);
    for (const auto& [household, entry] : shares[partition].unclassifiable) {
      redis.Command({"HSET", unclassifiable, household, entry.SerializeAsString()});
    }
  }
}

// A round's households, proposals, to-apply set and unclassifiable list go to
// their partitions; the counters are counted per partition.
void SpreadRound(redis::Connection& redis, const ClassificationKeys& keys, const std::string& round_id,
                 ClassificationKeyMigration& done) {
  const std::string legacy = legacy_keys::Round(round_id);
  done.entries_spread += SpreadHash(redis, keys, legacy + ":proposals",
                                    [&](int p) { return ClassificationKeys::RoundProposals(round_id, p); });
  done.entries_spread += SpreadSet(redis, keys, legacy + ":to-apply",
                                   [&](int p) { return ClassificationKeys::RoundToApply(round_id, p); });
  const std::string households = legacy + ":households";
  if (!LegacyKeyExists(redis, households)) return;
  std::vector<RoundCounters> shares(static_cast<size_t>(keys.partitions()));
  std::set<std::string> seen;  // HSCAN may return a field twice
  ForEachHashBatch(redis, households, [&](const FieldValues& batch) {
    done.entries_spread += WriteHashByPartition(
        redis, keys, [&](int p) { return ClassificationKeys::RoundHouseholds(round_id, p); }, batch);
    std::vector<std::vector<v1::RoundHousehold>> parsed(shares.size());
    for (const auto& [household_id, bytes] : batch) {
      if (!seen.insert(household_id).second) continue;
      v1::RoundHousehold household;
      if (!household.ParseFromString(bytes)) throw std::runtime_error("corrupt round household in Redis");
      parsed[static_cast<size_t>(keys.PartitionOf(household_id))].push_back(std::move(household));
    }
    for (size_t partition = 0; partition < shares.size(); ++partition) {
      RoundCounters part = CountersOf(parsed[partition]);
      for (const auto& [field, count] : part.counts) shares[partition].counts[field] += count;
      shares[partition].unclassifiable.merge(part.unclassifiable);
    }
  });
  StoreMigratedCounters(redis, round_id, shares);
  redis.Command({"DEL", households, legacy + ":progress", legacy + ":unclassifiable"});
  ++done.rounds_spread;
}

std::set<std::string> RoundIdsIn(redis::Connection& redis, std::string_view catalogue) {
  std::set<std::string> ids;
  for (const redis::Reply& id : redis.Command({"ZRANGE", std::string(catalogue), "0", "-1"}).elements) {
    ids.insert(id.str);
  }
  return ids;
}

// The rounds: each one's keys first, the catalogue that names them last, so a
// start cut short still finds every round to move.
void MoveRounds(redis::Connection& redis, const ClassificationKeys& keys, ClassificationKeyMigration& done) {
  std::set<std::string> ids = RoundIdsIn(redis, legacy_keys::kRounds);
  ids.merge(RoundIdsIn(redis, ClassificationKeys::kRounds));
  std::set<int> years;
  for (const std::string& id : ids) {
    RenameOnce(redis, legacy_keys::Round(id), keys.Round(id), done);
    SpreadRound(redis, keys, id, done);
    const redis::Reply record = redis.Command({"HGET", keys.Round(id), "record"});
    v1::ReviewRound round;
    if (!record.IsNil() && round.ParseFromString(record.str)) years.insert(round.review_year());
  }
  for (const int year : years) {
    RenameOnce(redis, legacy_keys::RoundsOfYear(year), ClassificationKeys::RoundsOfYear(year), done);
  }
  const std::pair<std::string_view, std::string_view> catalogue[] = {
      {legacy_keys::kOpenRounds, ClassificationKeys::kOpenRounds},
      {legacy_keys::kRoundSequence, ClassificationKeys::kRoundSequence},
      {legacy_keys::kPendingBackfill, ClassificationKeys::kPendingBackfill},
      {legacy_keys::kPendingApproval, ClassificationKeys::kPendingApproval},
      {legacy_keys::kRounds, ClassificationKeys::kRounds},
  };
  for (const auto& [legacy, tagged] : catalogue) {
    RenameOnce(redis, std::string(legacy), std::string(tagged), done);
  }
}

// The status summaries go to their partitions with their list indexes; the
// ward-wide indexes go last (they are named from the summaries).
void MoveStatusLists(redis::Connection& redis, const ClassificationKeys& keys,
                     ClassificationKeyMigration& done) {
  const std::string legacy(legacy_keys::kStatusSummaries);
  std::set<std::string> legacy_indexes;
  ForEachHashBatch(redis, legacy, [&](const FieldValues& batch) {
    done.entries_spread += WriteHashByPartition(
        redis, keys, [](int p) { return ClassificationKeys::StatusSummaries(p); }, batch);
    std::vector<redis::Args> adds;
    for (const auto& [household_id, bytes] : batch) {
      v1::HouseholdStatusSummary summary;
      if (!summary.ParseFromString(bytes)) throw std::runtime_error("corrupt status summary in Redis");
      for (std::string& index : keys.StatusIndexesOf(summary))
        adds.push_back({"ZADD", index, "0", household_id});
      for (std::string& index : legacy_keys::StatusIndexesOf(summary))
        legacy_indexes.insert(std::move(index));
    }
    if (adds.empty()) return;
    for (const redis::Reply& reply : redis.Pipeline(adds)) {
      if (reply.IsError()) throw std::runtime_error("moving status lists: " + reply.str);
    }
  });
  for (const std::string& index : legacy_indexes) redis.Command({"DEL", index});
  redis.Command({"DEL", legacy});
}

// A round opened before the partitions saw the rounds (every step then
// WATCHed the round's record) gets its entry in every partition's rounds,
// as its opening would write it now: open, with no list counts (its
// ReviewRoundOpened is published already). A round whose record is not open
// (approved, or an opening of this version still being finished) is left
// alone, as is a partition that sees the round already.
void GiveOpenRoundsToPartitions(redis::Connection& redis, const ClassificationKeys& keys,
                                ClassificationKeyMigration& done) {
  for (const redis::Reply& id :
       redis.Command({"SMEMBERS", std::string(ClassificationKeys::kOpenRounds)}).elements) {
    const redis::Reply record = redis.Command({"HGET", keys.Round(id.str), "record"});
    v1::ReviewRound round;
    if (record.IsNil() || !round.ParseFromString(record.str) || round.status() != v1::ROUND_STATUS_OPEN)
      continue;
    v1::PartitionRound seen;
    *seen.mutable_round() = round;
    const std::string bytes = seen.SerializeAsString();
    for (int partition = 0; partition < keys.partitions(); ++partition) {
      done.partitions_given += static_cast<int>(
          redis.Command({"HSETNX", ClassificationKeys::PartitionRounds(partition), id.str, bytes})
              .AsInteger());
    }
  }
}

}  // namespace

ClassificationKeyMigration MigrateClassificationKeys(redis::Connection& redis,
                                                     const ClassificationKeys& keys) {
  ClassificationKeyMigration done;
  MoveRounds(redis, keys, done);
  done.entries_spread += SpreadSet(redis, keys, std::string(legacy_keys::kSurveyed),
                                   [](int p) { return ClassificationKeys::Surveyed(p); });
  done.entries_spread += SpreadHash(redis, keys, std::string(legacy_keys::kDeparted),
                                    [](int p) { return ClassificationKeys::Departed(p); });
  done.entries_spread += SpreadHash(redis, keys, std::string(legacy_keys::kHouseholds),
                                    [](int p) { return ClassificationKeys::Households(p); });
  MoveStatusLists(redis, keys, done);
  GiveOpenRoundsToPartitions(redis, keys, done);
  return done;
}

}  // namespace ansinh::classification
