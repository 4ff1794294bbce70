#include "assignment/adapters/key_migration.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "assignment/adapters/case_store.h"
#include "assignment/adapters/directory_store.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::assignment {
namespace {

std::string Legacy(std::string_view name) {
  return std::string(AssignmentKeys::kLegacyPrefix) + std::string(name);
}

bool LegacyKeyExists(redis::Connection& redis, const std::string& key) {
  return redis.Command({"EXISTS", key}).AsInteger() > 0;
}

std::vector<std::string> HashFields(redis::Connection& redis, const std::string& key) {
  std::vector<std::string> fields;
  for (const redis::Reply& field : redis.Command({"HKEYS", key}).elements) fields.push_back(field.str);
  return fields;
}

// Every index name a partition may hold for these organizations and helpers.
std::vector<std::string> IndexNames(const std::vector<std::string>& organizations,
                                    const std::vector<std::string>& helpers) {
  std::vector<std::string> names{std::string(AssignmentKeys::kAllCases)};
  for (v1::CaseState state : {v1::CASE_STATE_OPEN, v1::CASE_STATE_FOLLOW_UP, v1::CASE_STATE_CLOSED}) {
    names.push_back(AssignmentKeys::StateIndex(state));
  }
  for (const std::string& id : organizations) {
    names.push_back(AssignmentKeys::OrganizationIndex(id));
    names.push_back(AssignmentKeys::TransferToIndex(id));
  }
  for (const std::string& id : helpers) names.push_back(AssignmentKeys::HelperIndex(id));
  return names;
}

void RebuildPartitions(redis::Connection& redis, const AssignmentKeys& keys,
                       const std::vector<std::string>& organizations,
                       const std::vector<std::string>& helpers) {
  std::vector<std::string> case_ids;
  for (const redis::Reply& id : redis.Command({"SMEMBERS", Legacy("index:all")}).elements)
    case_ids.push_back(id.str);
  CaseStore store(redis, keys);
  std::map<int, std::vector<v1::Case>> by_partition;
  for (v1::Case& stored : store.LoadMany(case_ids)) {
    by_partition[keys.PartitionOf(stored.household_id())].push_back(std::move(stored));
  }
  const std::vector<std::string> names = IndexNames(organizations, helpers);
  for (int partition = 0; partition < keys.partitions(); ++partition) {
    redis::Transaction tx;
    for (const std::string& name : names) tx.Add({"DEL", AssignmentKeys::Index(partition, name)});
    tx.Add({"DEL", AssignmentKeys::OrganizationLoads(partition)});
    tx.Add({"DEL", AssignmentKeys::HelperLoads(partition)});
    // A case's save from nothing queues exactly its indexes and its loads.
    for (const v1::Case& stored : by_partition[partition]) store.QueueSave(tx, nullptr, stored);
    tx.Exec(redis);
  }
}

void DeleteLegacyLeftovers(redis::Connection& redis, const std::vector<std::string>& organizations,
                           const std::vector<std::string>& helpers) {
  std::vector<std::string> leftovers;
  for (const std::string& name : IndexNames(organizations, helpers)) {
    if (name != AssignmentKeys::kAllCases) leftovers.push_back(Legacy(name));
  }
  leftovers.push_back(Legacy("load:organizations"));
  leftovers.push_back(Legacy("load:helpers"));
  for (const std::string& id : organizations) leftovers.push_back(Legacy("changes:organization:" + id));
  for (const std::string& id : helpers) leftovers.push_back(Legacy("changes:helper:" + id));
  leftovers.push_back(Legacy("index:all"));  // last: it is what a rebuild reads
  for (const std::string& key : leftovers) redis.Command({"DEL", key});
}

}  // namespace

bool MigrateAssignmentKeys(redis::Connection& redis, const AssignmentKeys& keys) {
  const std::string legacy_organizations = Legacy("organizations");
  const std::string legacy_helpers = Legacy("helpers");
  if (LegacyKeyExists(redis, legacy_organizations)) {
    if (LegacyKeyExists(redis, AssignmentKeys::Organizations())) {
      throw std::runtime_error("both " + legacy_organizations + " and " + AssignmentKeys::Organizations() +
                               " exist: the directory cannot be moved without overwriting one; an "
                               "operator must decide which is the directory");
    }
    const std::vector<std::string> organizations = HashFields(redis, legacy_organizations);
    const std::vector<std::string> helpers = HashFields(redis, legacy_helpers);
    RebuildPartitions(redis, keys, organizations, helpers);
    if (LegacyKeyExists(redis, legacy_helpers))
      redis.Command({"RENAME", legacy_helpers, AssignmentKeys::Helpers()});
    redis.Command({"RENAME", legacy_organizations, AssignmentKeys::Organizations()});
    DeleteLegacyLeftovers(redis, organizations, helpers);
    spdlog::info(
        "moved the directory ({} organizations, {} helpers) and rebuilt the case indexes and loads of "
        "{} partitions from before the hash tags",
        organizations.size(), helpers.size(), keys.partitions());
    return true;
  }
  if (LegacyKeyExists(redis, Legacy("index:all"))) {
    // Moved, but the old keys were not all deleted: finish that.
    DeleteLegacyLeftovers(redis, HashFields(redis, AssignmentKeys::Organizations()),
                          HashFields(redis, AssignmentKeys::Helpers()));
    return true;
  }
  return false;
}

}  // namespace ansinh::assignment
