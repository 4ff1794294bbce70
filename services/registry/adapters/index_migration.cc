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

int64_t MigrateWardIndexes(redis::Connection& redis, const RegistryKeys& keys) {
  const std::string legacy_all(RegistryKeys::kLegacyIndexAll);
  const long long count = redis.Command({"ZCARD", legacy_all}).AsInteger();
  if (count == 0 && redis.Command({"EXISTS", std::string(RegistryKeys::kLegacyNames)}).AsInteger() == 0) {
    return 0;
  }
  HouseholdStore store(redis, keys);
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

}  // namespace ansinh::registry
