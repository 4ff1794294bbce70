#include "registry/adapters/index_migration.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "redis/redis_error.h"
#include "redis/transaction.h"
#include "registry/adapters/household_store.h"
#include "registry/core/household_code.h"

namespace ansinh::registry {
namespace {

constexpr int kMigrationBatch = 500;

// Indexes one batch of households in their partitions; notes their groups.
void IndexBatch(redis::Connection& redis, HouseholdStore& store, const std::vector<std::string>& ids,
                std::set<int>& groups) {
  const std::vector<std::optional<StoredHousehold>> loaded = store.LoadMany(ids);
  std::map<int, std::vector<const v1::Household*>> by_partition;
  for (const auto& stored : loaded) {
    if (!stored) continue;
    by_partition[store.keys().PartitionOf(stored->household.household_id())].push_back(&stored->household);
    if (const std::optional<int> number = ResidentialGroupNumber(stored->household.residential_group())) {
      groups.insert(*number);
    }
  }
  for (const auto& [partition, households] : by_partition) {
    std::vector<std::vector<std::string>> names(households.size());
    std::vector<HouseholdStore::NewHousehold> landing;
    for (size_t i = 0; i < households.size(); ++i) {
      names[i] = NameIndexEntries(*households[i]);
      landing.push_back({households[i], &names[i]});
    }
    redis::Transaction tx;
    store.QueueNewIndexes(tx, landing);
    tx.Exec(redis);
  }
}

}  // namespace

int64_t MigrateWardIndexes(redis::Connection& redis, const RegistryKeys& keys,
                           personal_data::KeyRing* key_ring) {
  const std::string legacy_all(RegistryKeys::kLegacyIndexAll);
  const long long count = redis.Command({"ZCARD", legacy_all}).AsInteger();
  if (count == 0 && redis.Command({"EXISTS", std::string(RegistryKeys::kLegacyNames)}).AsInteger() == 0) {
    return 0;
  }
  HouseholdStore store(redis, keys, kClaimLifetimeSeconds, key_ring);
  std::set<int> groups;
  int64_t indexed = 0;
  for (long long start = 0; start < count; start += kMigrationBatch) {
    const redis::Reply page = redis.Command(
        {"ZRANGE", legacy_all, std::to_string(start), std::to_string(start + kMigrationBatch - 1)});
    std::vector<std::string> ids;
    for (const auto& id : page.elements) ids.push_back(id.str);
    IndexBatch(redis, store, ids, groups);
    indexed += static_cast<int64_t>(ids.size());
  }
  // Every old key in the ward's slot: the group indexes of the groups seen,
  // the status indexes, the names and, last, the list that says there is
  // something to move.
  std::vector<std::string> old_keys{std::string(RegistryKeys::kLegacyNames)};
  for (int group : groups) old_keys.push_back(RegistryKeys::LegacyGroupIndex(group));
  for (int status = v1::HouseholdStatus_MIN; status <= v1::HouseholdStatus_MAX; ++status) {
    if (v1::HouseholdStatus_IsValid(status)) {
      old_keys.push_back(RegistryKeys::LegacyStatusIndex(static_cast<v1::HouseholdStatus>(status)));
    }
  }
  old_keys.push_back(legacy_all);
  for (const std::string& key : old_keys) redis.Command({"DEL", key});
  return indexed;
}

int64_t CompactNameIndexes(redis::Connection& redis, const RegistryKeys& keys) {
  int64_t rewritten = 0;
  for (int partition = 0; partition < keys.partitions(); ++partition) {
    const std::string names = RegistryKeys::Names(partition);
    const std::string compacted = RegistryKeys::NamesCompacted(partition);
    if (redis.Command({"EXISTS", compacted}).AsInteger() == 1) continue;
    std::string cursor = "0";
    do {
      // A batch's rewrite does not move the cursor past entries not yet
      // seen: ZSCAN returns every entry present for the whole scan, and the
      // new ones it may also return have no second '|'.
      const redis::Reply page =
          redis.Command({"ZSCAN", names, cursor, "MATCH", "*|*|*", "COUNT", std::to_string(kMigrationBatch)});
      if (page.IsError()) throw redis::ReplyError(page.str);
      cursor = page.elements.at(0).str;
      redis::Args removed{"ZREM", names};
      redis::Args added{"ZADD", names};
      const std::vector<redis::Reply>& found = page.elements.at(1).elements;
      for (size_t i = 0; i + 1 < found.size(); i += 2) {
        const std::string& old_entry = found[i].str;
        const std::string household = HouseholdOfNameIndexEntry(old_entry);
        if (household.empty()) continue;
        removed.push_back(old_entry);
        added.push_back("0");
        added.push_back(
            NameIndexEntry(std::string_view(old_entry).substr(0, old_entry.find('|')), household));
      }
      if (removed.size() == 2) continue;
      redis::Transaction tx;
      tx.Add(std::move(removed));
      tx.Add(std::move(added));
      tx.Exec(redis);
      rewritten += static_cast<int64_t>((found.size()) / 2);
    } while (cursor != "0");
    // Only after the whole scan: a start cut short scans again.
    redis.Command({"SET", compacted, "1"});
  }
  return rewritten;
}

}  // namespace ansinh::registry
