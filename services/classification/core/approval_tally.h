// The chairman's approval over a round too large to hold in memory: the
// round's households are shown to the tally batch by batch, each read and
// forgotten, and Decide answers what ApproveRound (round_approval.h) answers
// for the whole round at once. What the tally keeps grows with the ids of
// the approved households (the event names them) and with what it refuses,
// never with the households' records.
#pragma once

#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/core/round_approval.h"
#include "kernel/result.h"

namespace ansinh::classification {

// What an accepted approval decides: the round as approved and its
// RoundApproved event, complete (the approved households ordered by id, the
// exclusions, the counts). Each household's own record is brought to its
// final state afterwards, batch by batch (FinalStateOf).
struct ApprovalDecision {
  v1::ReviewRound round;
  v1::RoundApproved event;
};

class ApprovalTally {
 public:
  ApprovalTally(const v1::ReviewRound& round, ApprovalInput input);
  // It points into its own input: neither copied nor moved.
  ApprovalTally(const ApprovalTally&) = delete;
  ApprovalTally& operator=(const ApprovalTally&) = delete;

  // Takes a batch of the round's procedure records (round_store.h: `proposed`
  // may be trimmed to its category and labour capacity). A household shown
  // twice (a scan of a hash being rehashed repeats fields) counts once.
  void Add(std::span<const v1::RoundHousehold> batch);

  // The decision, or the refusal ApproveRound would give for the same
  // households: INVALID_ARGUMENT for the request, FAILED_PRECONDITION for
  // households not ready or too much of the list left without a result.
  Result<ApprovalDecision> Decide() const;

 private:
  const v1::Exclusion* ExclusionOf(const std::string& household_id) const;

  v1::ReviewRound round_;
  ApprovalInput input_;
  std::optional<CivilDate> decided_on_;
  std::unordered_map<std::string, const v1::Exclusion*> exclusions_;

  std::unordered_set<std::string> seen_;
  std::optional<Error> wrong_round_;
  // Explicit exclusions found in the round, and those of them naming a
  // listed household that was not surveyed.
  std::unordered_set<std::string> excluded_in_round_;
  std::unordered_set<std::string> excluded_not_surveyed_;
  FieldViolations not_ready_;
  bool any_listed_ = false;
  // The periodic list's coverage (ApproveRound's rule on unreviewed shares).
  int on_list_ = 0;
  int on_list_in_ward_ = 0;
  int on_list_approved_ = 0;
  FieldViolations unreviewed_;
  // What the event reports.
  std::vector<std::string> approved_ids_;
  std::vector<v1::Exclusion> decided_exclusions_;
  int poor_ = 0;
  int near_poor_ = 0;
  int poor_without_labour_capacity_ = 0;
};

// The household's record once its round's approval (`event`) is decided:
// APPROVED, or EXCLUDED with the reason of its exclusion (explicit, or the
// list decision of a household decided without a survey). A record already
// in its final state is returned as it is.
v1::RoundHousehold FinalStateOf(const v1::RoundHousehold& household, const v1::Exclusion* exclusion);

}  // namespace ansinh::classification
