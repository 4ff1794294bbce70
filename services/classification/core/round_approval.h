// The chairman's approval of a round: the step that makes results official.
//
// Approval is all or nothing for the households it names: it refuses while
// any household is not ready (not yet posted, complaint window still open,
// complained, sent back) and names each with why, unless the household is
// explicitly excluded with a reason. So no household is silently left with an
// unfinished review, and the exclusion is on the record.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "kernel/result.h"

namespace ansinh::classification {

struct ApprovalInput {
  std::string approved_by;
  std::string approved_date;
  std::vector<v1::Exclusion> exclusions;
};

struct ApprovalOutcome {
  v1::ReviewRound round;
  // Every household of the round in its final state (APPROVED or EXCLUDED).
  std::vector<v1::RoundHousehold> households;
  // One per approved household, ordered by household id. transition and
  // previous_category are left unset: ApplyApproval (official_status.h)
  // fills them from each household's official status.
  std::vector<v1::ApprovedResult> approved;
  v1::RoundApproved event;
};

// Approves the round on approved_date. A household is ready when posted and
// its complaint window closed before approved_date. FAILED_PRECONDITION,
// with one violation per household {household id, why}, while any
// household not excluded is not ready, or when the round has no household.
// INVALID_ARGUMENT for an exclusion naming a household not in the round or
// without a reason.
Result<ApprovalOutcome> ApproveRound(const v1::ReviewRound& round,
                                     std::span<const v1::RoundHousehold> households,
                                     const ApprovalInput& input);

// The approved result of one household of an approved round (the round as
// ApproveRound returned it, with approved_by and approved_date): what
// ApproveRound lists for it. Lets the official statuses of a large round be
// written in batches after the round's approval, each result rebuilt from
// the stored round and household. transition and previous_category are left
// for ApplyApproval.
v1::ApprovedResult ApprovedResultOf(const v1::ReviewRound& approved_round,
                                    const v1::RoundHousehold& household);

}  // namespace ansinh::classification
