#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/consumers.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "redis/redis_connection.h"

namespace ansinh::registry {

// The outside consumers' grants (docs/events.md, "Outside consumers"), one
// hash of ConsumerGrant bytes by consumer id:
//
//   ansinh:{p0}:registry:consumer-grants
//
// in partition 0's slot, beside the registry's stream of partition 0, so a
// grant's change and its audit entry (events/admin_actions.h) are one
// transaction.
class ConsumerGrantStore {
 public:
  static constexpr std::string_view kGrants = "ansinh:{p0}:registry:consumer-grants";
  // How often a change is tried before the call answers ABORTED: it loses
  // only to a concurrent change of the grants.
  static constexpr int kMaxAttempts = 8;

  explicit ConsumerGrantStore(redis::Connection& redis) : redis_(redis) {}

  std::optional<v1::ConsumerGrant> Find(std::string_view consumer_id);
  // Ordered by consumer id.
  std::vector<v1::ConsumerGrant> All();

  // Replaces the grant that `change` makes of the one stored (nullopt: none)
  // and appends the audit entry `audit` makes of the pair, in one
  // transaction that WATCHes the grants; `change` returning nullopt stores
  // nothing. Returns what was stored before and after, or nullopt when
  // `change` declined. Throws redis::TransactionAborted after kMaxAttempts
  // lost races.
  struct Changed {
    std::optional<v1::ConsumerGrant> before;
    v1::ConsumerGrant after;
  };
  using Change = std::function<std::optional<v1::ConsumerGrant>(const std::optional<v1::ConsumerGrant>&)>;
  using Audit = std::function<v1::EventEnvelope(const std::optional<v1::ConsumerGrant>& before,
                                                const v1::ConsumerGrant& after)>;
  std::optional<Changed> Update(std::string_view consumer_id, const Change& change, const Audit& audit,
                                int partitions);

 private:
  redis::Connection& redis_;
};

}  // namespace ansinh::registry
