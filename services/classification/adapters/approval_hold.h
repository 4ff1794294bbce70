#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "classification/adapters/classification_environment.h"
#include "classification/core/round_partitions.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// An approval's hold on the partitions of its round. The approval tallies
// households of every partition, each in its own slot, and no transaction can
// WATCH them all; so before the tally it decides on, it closes every
// partition to the round's changes (PartitionRound closed_by = its token):
// steps on the partition's households are refused (ABORTED, try again) and
// surveys wait in the round's deferred hash. In order:
//  1. Claim: the approval's claim (token, expiry) goes into the round's
//     record, in the round's slot; one approval at a time;
//  2. CloseAll: each partition, in its own slot, marked closed by the token;
//  3. the approval tallies and either commits in the round's slot (only
//     while its claim is held: the commit drops it) or is refused;
//  4. refused (or its claim lost): Release opens each partition again,
//     taking in the surveys that waited, then drops the claim.
// An approval whose process stops leaves its partitions closed until its
// claim lapses (kClaimLife after it was taken or last renewed): the
// pending-work finisher then cancels the claim, so that approval can never
// commit, and opens the partitions (ReopenAbandoned). A committed approval's
// partitions are settled by ApprovalApplier instead.
class ApprovalHold {
 public:
  static constexpr std::chrono::seconds kClaimLife{120};

  ApprovalHold(redis::Connection& redis, const ClassificationEnvironment& environment)
      : redis_(redis), environment_(environment) {}

  // Claims the round; nullopt when it is not open or another approval holds
  // a claim that has not lapsed.
  std::optional<ApprovalClaim> Claim(const std::string& round_id);
  // Extends the claim when half its life is gone (a province's tally takes a
  // while); false when the claim is no longer held.
  bool Renew(const std::string& round_id, ApprovalClaim& claim);
  // Closes every partition to the round's changes under the claim.
  void CloseAll(const std::string& round_id, const ApprovalClaim& claim);
  // Opens every partition the claim closed, taking in the surveys that
  // waited, drops the claim if it is still held and relays the events.
  void Release(const std::string& round_id, const ApprovalClaim& claim);
  // For the pending-work finisher, on an open round: cancels a lapsed claim,
  // then opens every partition that no approval under way holds closed
  // (FateOfClosedPartition). Returns how many it opened.
  int ReopenAbandoned(const std::string& round_id);

  static int64_t NowMs();

 private:
  // Opens `partition` again if `token` closed it, with its deferred surveys.
  bool Reopen(const std::string& round_id, int partition, const std::string& token);
  // Drops the claim from the round's record if it is still `token`'s.
  bool Drop(const std::string& round_id, const std::string& token);

  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

// The field of the round's record that holds an approval's claim.
inline constexpr std::string_view kApprovalClaimField = "approving";

}  // namespace ansinh::classification
