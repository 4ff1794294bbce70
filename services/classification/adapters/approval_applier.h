#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/adapters/classification_environment.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// The field of the round's record that keeps its RoundApproved envelope
// between the approval's commit and its entry under pending:approval.
inline constexpr std::string_view kApprovalEnvelopeField = "approval";

// The steps of an approval after its commit in the round's slot, which
// approves the round, publishes RoundApproved and keeps its envelope in the
// round's record (field `approval`) until the catalogue names it:
//  - Catalogue, in the catalogue's slot {p0}: the round leaves the open
//    rounds and its RoundApproved envelope goes under pending:approval; then
//    the record's copy is dropped;
//  - Finish, partition by partition, in each partition's slot: first the
//    partition is settled (one transaction lists every household of the
//    partition the approval decided (approved, excluded, left out with its
//    list decision) in the round's to-apply set there, and the partition
//    stops seeing the round: the surveys that waited for the approval are
//    dropped, being kept as their households' latest); then the set is taken
//    in batches: per batch, one transaction WATCHes the statuses and the
//    partition's round households, sets each household's final state
//    (FinalStateOf, with the round's counters), applies each approved result
//    through the core (ApplyApproval decides the transition), writes the
//    statuses, their list indexes and one HouseholdStatusChanged each
//    (UNCHANGED included), and removes the batch from the set.
// A crash leaves the rest for PendingWorkFinisher or a repeated
// ApproveRound; a partition already settled is not listed again, and a
// status that already holds the round's result is left alone, so nothing is
// published twice. Several appliers may finish one round at once (a
// province's approval outlasts the finisher's interval): a batch another
// applier wrote first aborts, and its applier draws a fresh batch from what
// is left. Memory holds one batch.
class ApprovalApplier {
 public:
  ApprovalApplier(redis::Connection& redis, const ClassificationEnvironment& environment)
      : redis_(redis), environment_(environment) {}

  // Moves an approval committed in the round's slot into the catalogue
  // (nothing when it is there already or the round is not approved).
  void Catalogue(const std::string& round_id);

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
  // Lists the partition's decided households in its to-apply set and
  // stops the partition seeing the round; nothing when done before.
  void SettlePartition(const std::string& round_id, int partition, const v1::RoundApproved& approval);
  int ApplyBatch(const v1::ReviewRound& round, const Exclusions& exclusions, int partition,
                 const std::vector<std::string>& household_ids, const events::EventContext& context);

  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
