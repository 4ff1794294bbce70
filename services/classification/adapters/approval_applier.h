#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/adapters/classification_environment.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// The second step of an approval: bringing each household of the round to
// its final state and writing each approved household's official status.
// ApproveRound's transaction approves the round, publishes RoundApproved and
// lists every household it decided (approved, excluded, left out with its
// list decision) in the round's to-apply sets, one per partition (with the
// RoundApproved envelope under pending:approval). Finish then takes each
// partition's set in batches, all of a batch in that partition's slot: per
// batch, one transaction WATCHes the statuses and the partition's round
// households, sets each household's final state (FinalStateOf, with the
// round's counters), applies each approved result through the core
// (ApplyApproval decides the transition), writes the statuses, their list
// indexes and one HouseholdStatusChanged each (UNCHANGED included), and
// removes the batch from the set. A crash leaves the rest in the set for
// PendingWorkFinisher or a repeated ApproveRound; a status that already holds
// the round's result is left alone, so nothing is published twice. Several
// appliers may finish one round at once (a province's approval outlasts the
// finisher's interval): a batch another applier wrote first aborts, and its
// applier draws a fresh batch from what is left. Memory holds one batch.
class ApprovalApplier {
 public:
  ApprovalApplier(redis::Connection& redis, const ClassificationEnvironment& environment)
      : redis_(redis), environment_(environment) {}

  // Writes every pending status of the round; returns how many it wrote.
  int Finish(const std::string& round_id);

  // The approved results of the round's approved households, as their
  // official statuses hold them (with transitions), ordered by household id.
  std::vector<v1::ApprovedResult> ApprovedResults(const std::string& round_id,
                                                  const std::vector<std::string>& household_ids);

 private:
  // How many statuses the batch wrote; 0 when a concurrent writer of the
  // same statuses made its transaction abort.
  // Every household of the batch is of `partition`, so its transaction
  // stays in that partition's slot.
  using Exclusions = std::unordered_map<std::string, const v1::Exclusion*>;
  static Exclusions ExclusionsOf(const v1::RoundApproved& approval);
  int ApplyBatch(const v1::ReviewRound& round, const Exclusions& exclusions, int partition,
                 const std::vector<std::string>& household_ids, const events::EventContext& context);

  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
