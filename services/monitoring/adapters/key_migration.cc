#include "monitoring/adapters/key_migration.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "redis/redis_error.h"

namespace ansinh::monitoring {
namespace {

// The Merkle tree's levels that may exist: one per doubling of the chain.
constexpr int kMigratedTreeLevels = 64;

std::vector<std::string> LegacyAuditNames() {
  std::vector<std::string> names = {"entries", "head", "checkpoints", "tree-heads"};
  for (int level = 0; level < kMigratedTreeLevels; ++level) names.push_back("tree:" + std::to_string(level));
  return names;
}

bool KeyExists(redis::Connection& redis, const std::string& key) {
  return redis.Command({"EXISTS", key}).AsInteger() > 0;
}

}  // namespace

KeyMigration MigrateMonitoringKeys(redis::Connection& redis, const MonitoringKeys& keys) {
  KeyMigration done;
  for (const std::string& name : LegacyAuditNames()) {
    const std::string legacy = std::string(MonitoringKeys::kLegacyAuditPrefix) + name;
    const std::string tagged = "ansinh:{audit}:monitoring:audit:" + name;
    if (!KeyExists(redis, legacy)) continue;
    if (KeyExists(redis, tagged)) {
      throw std::runtime_error("both " + legacy + " and " + tagged +
                               " exist: the audit chain cannot be moved to its tagged keys without "
                               "overwriting one; an operator must decide which is the chain");
    }
    try {
      redis.Command({"RENAME", legacy, tagged});
      ++done.audit_keys_renamed;
    } catch (const redis::ReplyError&) {
      // Another instance starting at the same moment renamed it first.
      if (KeyExists(redis, legacy)) throw;
    }
  }
  const std::string legacy_reviews(MonitoringKeys::kLegacyOpenReviews);
  const redis::Reply reviews = redis.Command({"HGETALL", legacy_reviews});
  for (std::size_t i = 0; i + 1 < reviews.elements.size(); i += 2) {
    const std::string& round_id = reviews.elements[i].str;
    redis.Command({"HSET", MonitoringKeys::OpenReviews(keys.PartitionOf(round_id)), round_id,
                   reviews.elements[i + 1].str});
    ++done.open_reviews_moved;
  }
  if (!reviews.elements.empty()) redis.Command({"DEL", legacy_reviews});
  return done;
}

}  // namespace ansinh::monitoring
