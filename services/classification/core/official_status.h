// A household's official status: the approved results, oldest first. Only an
// approval changes it (docs/domain.md §4).
#pragma once

#include <string_view>

#include "ansinh/v1/classification.pb.h"
#include "kernel/result.h"

namespace ansinh::classification {

struct StatusChange {
  // The status with the approved result appended.
  v1::OfficialStatus status;
  // The approved result with its transition and previous category filled.
  v1::ApprovedResult approved;
  // The payload to publish.
  v1::HouseholdStatusChanged event;
};

// True when `status` already holds the approved result of `round_id`.
bool HoldsRound(const v1::OfficialStatus& status, std::string_view round_id);

// Appends a result from ApproveRound to the household's status (an empty
// status for a household never approved before), deciding its transition.
// kAlreadyExists when the status already holds this round's result (a
// replayed approval: store nothing, publish nothing); kInvalidArgument when
// the household ids differ.
Result<StatusChange> ApplyApproval(const v1::OfficialStatus& status, v1::ApprovedResult approved);

// The current official status as a ListHouseholdStatuses row; a household without
// an approved result gives a row with only its id.
v1::HouseholdStatusSummary SummarizeStatus(const v1::OfficialStatus& status);

// Whether a row passes ListHouseholdStatuses' filters (category, poor without
// labour capacity, residential group).
bool MatchesHouseholdFilter(const v1::HouseholdStatusSummary& summary,
                            const v1::ListHouseholdStatusesRequest& request);

}  // namespace ansinh::classification
