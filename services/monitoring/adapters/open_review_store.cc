#include "monitoring/adapters/open_review_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "redis/redis_error.h"

namespace ansinh::monitoring {

void OpenReviewStore::QueueOpened(redis::Transaction& tx, const MonitoringKeys& keys,
                                  const v1::ReviewRound& round) {
  tx.Add({"HSET", MonitoringKeys::OpenReviews(keys.PartitionOf(round.round_id())), round.round_id(),
          round.SerializeAsString()});
}

void OpenReviewStore::QueueApproved(redis::Transaction& tx, const MonitoringKeys& keys,
                                    const std::string& round_id) {
  tx.Add({"HDEL", MonitoringKeys::OpenReviews(keys.PartitionOf(round_id)), round_id});
}

std::vector<OpenRegularReview> OpenReviewStore::LoadAll() {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    reads.push_back({"HVALS", MonitoringKeys::OpenReviews(partition)});
  }
  std::vector<OpenRegularReview> reviews;
  for (const redis::Reply& reply : redis_.Pipeline(reads)) {
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    for (const redis::Reply& item : reply.elements) {
      v1::ReviewRound round;
      if (!round.ParseFromString(item.str)) {
        spdlog::warn("an open review does not parse; it is left out of the alerts");
        continue;
      }
      const std::optional<CivilDate> opened = ParseIsoDate(round.opened_date());
      if (!opened) {
        spdlog::warn("open review {} has no opening date; it is left out of the alerts", round.round_id());
        continue;
      }
      const std::optional<CivilDate> deadline = ParseIsoDate(round.deadline_date());
      reviews.push_back(
          OpenRegularReview{round.round_id(), round.household_id(), *opened,
                            deadline ? *deadline : AddDays(*opened, kRegularReviewDecisionDays)});
    }
  }
  std::sort(reviews.begin(), reviews.end(),
            [](const OpenRegularReview& a, const OpenRegularReview& b) { return a.round_id < b.round_id; });
  return reviews;
}

}  // namespace ansinh::monitoring
