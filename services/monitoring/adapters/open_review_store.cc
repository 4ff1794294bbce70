#include "monitoring/adapters/open_review_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "monitoring/adapters/monitoring_keys.h"

namespace ansinh::monitoring {
namespace {

const std::string kOpenReviews(MonitoringKeys::kOpenReviews);

}  // namespace

void OpenReviewStore::QueueOpened(redis::Transaction& tx, const v1::ReviewRound& round) {
  tx.Add({"HSET", kOpenReviews, round.round_id(), round.SerializeAsString()});
}

void OpenReviewStore::QueueApproved(redis::Transaction& tx, const std::string& round_id) {
  tx.Add({"HDEL", kOpenReviews, round_id});
}

std::vector<OpenRegularReview> OpenReviewStore::LoadAll() {
  redis::Reply reply = redis_.Command({"HVALS", kOpenReviews});
  std::vector<OpenRegularReview> reviews;
  for (const redis::Reply& item : reply.elements) {
    v1::ReviewRound round;
    if (!round.ParseFromString(item.str)) {
      spdlog::warn("an open review in {} does not parse; it is left out of the alerts", kOpenReviews);
      continue;
    }
    const std::optional<CivilDate> opened = ParseIsoDate(round.opened_date());
    if (!opened) {
      spdlog::warn("open review {} has no opening date; it is left out of the alerts", round.round_id());
      continue;
    }
    const std::optional<CivilDate> deadline = ParseIsoDate(round.deadline_date());
    reviews.push_back(OpenRegularReview{round.round_id(), round.household_id(), *opened,
                                        deadline ? *deadline : AddDays(*opened, kRegularReviewDecisionDays)});
  }
  std::sort(reviews.begin(), reviews.end(),
            [](const OpenRegularReview& a, const OpenRegularReview& b) { return a.round_id < b.round_id; });
  return reviews;
}

}  // namespace ansinh::monitoring
