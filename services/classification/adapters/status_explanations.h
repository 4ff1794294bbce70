#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/adapters/classification_environment.h"
#include "classification/adapters/status_store.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// Official statuses as the service answers them: each lean approved result's
// explanation re-derived from the survey it references (status_storage.h),
// the surveys of a call read in one round trip.
class StatusExplanations {
 public:
  StatusExplanations(redis::Connection& redis, const ClassificationEnvironment& environment)
      : redis_(redis), environment_(environment) {}

  // Every approved result of the status, oldest first (GetOfficialStatus).
  std::vector<v1::ApprovedResult> OfStatus(const StoredStatus& status);
  // The approved result of `round_id` of each status that has one
  // (ApproveRound's answer).
  std::vector<v1::ApprovedResult> OfRound(const std::vector<StoredStatus>& statuses,
                                          const std::string& round_id);

 private:
  struct Entry {
    const std::string* household_id;
    const v1::StoredApprovedResult* stored;
  };
  std::vector<v1::ApprovedResult> ExplainEntries(const std::vector<Entry>& entries);

  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
