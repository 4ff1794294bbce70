#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "monitoring/core/alerts.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// The regular reviews (one household applied) opened and not yet approved,
// whose 15-day decision deadline the alerts watch: a hash round id ->
// ReviewRound bytes, written when classification opens a regular round and
// cleared when it approves it.
class OpenReviewStore {
 public:
  explicit OpenReviewStore(redis::Connection& redis) : redis_(redis) {}

  static void QueueOpened(redis::Transaction& tx, const v1::ReviewRound& round);
  static void QueueApproved(redis::Transaction& tx, const std::string& round_id);
  // Every open regular review, ordered by round id. A round without a
  // readable deadline is due kRegularReviewDecisionDays after it opened.
  std::vector<OpenRegularReview> LoadAll();

 private:
  redis::Connection& redis_;
};

}  // namespace ansinh::monitoring
