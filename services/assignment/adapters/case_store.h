#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/adapters/assignment_keys.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::assignment {

// Reads cases and queues their writes (key layout: assignment_keys.h). Reads a
// write depends on are WATCHed by the caller (MutateCase, StatusEventHandler,
// FollowUpCloser), so a concurrent change makes the transaction retry.
class CaseStore {
 public:
  CaseStore(redis::Connection& redis, const AssignmentKeys& keys) : redis_(redis), keys_(keys) {}

  // nullopt when the case does not exist or the id is not a case id.
  std::optional<v1::Case> Load(std::string_view case_id);
  std::optional<std::string> LatestCaseId(std::string_view household_id);
  // Several cases in one round trip; absent ones are left out.
  std::vector<v1::Case> LoadMany(const std::vector<std::string>& case_ids);
  // The case ids in any of the index sets.
  std::vector<std::string> IdsInAny(const std::vector<std::string>& indexes);

  // Queues the case and every index and counter change from `before`
  // (nullptr for a new case) to `after`; a new case also becomes its
  // household's latest case.
  void QueueSave(redis::Transaction& tx, const v1::Case* before, const v1::Case& after) const;

  const AssignmentKeys& keys() const { return keys_; }

 private:
  redis::Connection& redis_;
  const AssignmentKeys& keys_;
};

// The parsed Case bytes of a GET reply; nullopt for nil. Throws on corrupt data.
std::optional<v1::Case> ParseStoredCase(const redis::Reply& reply);

}  // namespace ansinh::assignment
