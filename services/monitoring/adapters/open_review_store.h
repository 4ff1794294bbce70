#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/core/alerts.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// The regular reviews (one household applied) opened and not yet approved,
// whose 15-day decision deadline the alerts watch: a hash round id ->
// ReviewRound bytes, written when classification opens a regular round and
// cleared when it approves it. One hash per partition, on the round id's
// partition like the round's events, so the consumer's transaction stays in
// one slot; LoadAll reads every partition's.
class OpenReviewStore {
 public:
  OpenReviewStore(redis::Connection& redis, const MonitoringKeys& keys) : redis_(redis), keys_(keys) {}

  static void QueueOpened(redis::Transaction& tx, const MonitoringKeys& keys, const v1::ReviewRound& round);
  static void QueueApproved(redis::Transaction& tx, const MonitoringKeys& keys, const std::string& round_id);
  // Every open regular review, ordered by round id. A round without a
  // readable deadline is due kRegularReviewDecisionDays after it opened.
  std::vector<OpenRegularReview> LoadAll();

 private:
  redis::Connection& redis_;
  const MonitoringKeys& keys_;
};

}  // namespace ansinh::monitoring
