// The chairman's approval of a round: the step that makes results official.
//
// Approval is all or nothing for the households it names: it refuses while
// any household is not ready (on the list and neither surveyed nor decided,
// not yet posted, complaint window still open, complained, sent back) and
// names each with why, unless a surveyed household is explicitly excluded
// with a reason. So no household is silently left with an unfinished review,
// and the exclusion is on the record. A periodic round's approval must also
// give a new result to most of its list: it is refused when it would leave
// more than a configured share of the listed households still in the ward
// (carried over, or excluded) without one.
//
// The approval is the chairman's decision, with its number and date: results
// are official from the decision's date, which officers may enter later.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::classification {

// The share of a periodic round's list (households still in the ward) its
// approval may leave without a new result, unless configured.
inline constexpr int kDefaultMaxUnreviewedListPercent = 10;

struct ApprovalInput {
  std::string approved_by;
  // The chairman's decision: its number and date (YYYY-MM-DD).
  std::string decision_number;
  std::string decision_date;
  // The day the approval is entered: the decision is not dated after it.
  CivilDate today;
  std::vector<v1::Exclusion> exclusions;
  // At most this share (percent, rounded up to whole households) of a
  // periodic round's list still in the ward may be left without a new
  // result.
  int max_unreviewed_list_percent = kDefaultMaxUnreviewedListPercent;
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

// Approves the round by the decision of decision_date, dated that day. A
// household is ready when posted and its complaint window closed before the
// decision date; a listed household decided without a survey is left out
// with its decision (EXCLUDED, its Exclusion carrying the decision).
// FAILED_PRECONDITION, with one violation per household {household id,
// why}, while any household not excluded is not ready (LISTED ones
// included), when the round has no household, or when the approval would
// leave too much of a periodic round's list without a new result (one
// violation per such household). INVALID_ARGUMENT for a missing decision
// number, a decision date that is not a date, is before the round opened or
// after today, and for an exclusion naming a household not in the round, a
// listed household not surveyed (it needs a decision instead) or without a
// reason.
// The violations of the decision alone, whatever the round: a number, and a
// date that is an ISO date not after today. Empty when valid.
FieldViolations ValidateDecision(const ApprovalInput& input);

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
