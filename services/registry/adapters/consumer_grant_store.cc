#include "registry/adapters/consumer_grant_store.h"

#include <algorithm>

#include "events/admin_actions.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::registry {
namespace {

std::optional<v1::ConsumerGrant> Parsed(const redis::Reply& reply) {
  if (reply.IsNil()) return std::nullopt;
  v1::ConsumerGrant grant;
  if (!grant.ParseFromString(reply.AsString())) return std::nullopt;
  return grant;
}

}  // namespace

std::optional<v1::ConsumerGrant> ConsumerGrantStore::Find(std::string_view consumer_id) {
  return Parsed(redis_.Command({"HGET", std::string(kGrants), std::string(consumer_id)}));
}

std::vector<v1::ConsumerGrant> ConsumerGrantStore::All() {
  const redis::Reply all = redis_.Command({"HGETALL", std::string(kGrants)});
  std::vector<v1::ConsumerGrant> grants;
  for (size_t i = 0; i + 1 < all.elements.size(); i += 2) {
    if (std::optional<v1::ConsumerGrant> grant = Parsed(all.elements[i + 1]))
      grants.push_back(std::move(*grant));
  }
  std::sort(grants.begin(), grants.end(),
            [](const auto& a, const auto& b) { return a.consumer_id() < b.consumer_id(); });
  return grants;
}

std::optional<ConsumerGrantStore::Changed> ConsumerGrantStore::Update(std::string_view consumer_id,
                                                                      const Change& change,
                                                                      const Audit& audit, int partitions) {
  const std::string key(kGrants);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    redis_.Command({"WATCH", key});
    Changed changed;
    changed.before = Find(consumer_id);
    std::optional<v1::ConsumerGrant> after = change(changed.before);
    if (!after) {
      redis_.Command({"UNWATCH"});
      return std::nullopt;
    }
    changed.after = std::move(*after);
    redis::Transaction tx;
    tx.Add({"HSET", key, std::string(consumer_id), changed.after.SerializeAsString()});
    // The grant and its audit entry land together or not at all.
    events::QueueAdminAction(tx, audit(changed.before, changed.after), partitions);
    try {
      tx.Exec(redis_);
      return changed;
    } catch (const redis::TransactionAborted&) {
    }
  }
  throw redis::TransactionAborted();
}

}  // namespace ansinh::registry
