// The round's list (docs/domain.md §4, step 1): the households a periodic
// review must reach. Opening the round draws it up from the official
// statuses (every household poor or near-poor); officers add those that
// applied and others with a reason. A listed household leaves the list only
// by a result (its survey, then the procedure) or by an explicit, recorded
// decision: moved away, dissolved, or carried over with a reason. So no
// household keeps its status silently because nobody surveyed it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/core/round_events.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::classification {

// Whether the household is on the round's list (POOR, NEAR_POOR, APPLIED,
// ADDED), not merely brought in by a survey.
bool OnList(const v1::RoundHousehold& household);

// The list a periodic round opens with: one LISTED record per household
// whose current official status (`statuses`, as ListHouseholdStatuses keeps
// them for households still in the ward) is POOR or NEAR_POOR, ordered by
// household id; other categories are skipped. Counts per reason.
struct DrawnList {
  std::vector<v1::RoundHousehold> households;
  int poor = 0;
  int near_poor = 0;
};
DrawnList DrawUpList(const v1::ReviewRound& round, std::span<const v1::HouseholdStatusSummary> statuses);

// A round as OpenRound (review_round.h) opened it, with its list drawn up
// (periodic rounds; a regular round's list is its household, which its
// survey brings in) and its ReviewRoundOpened, all stored and published in
// one transaction.
struct RoundOpening {
  v1::ReviewRound round;
  DrawnList list;
  v1::ReviewRoundOpened event;
};
RoundOpening OpeningOf(v1::ReviewRound round, std::span<const v1::HouseholdStatusSummary> statuses);

// A change to one household of a round and the round event that announces
// it, with the round's next version.
struct RoundHouseholdChange {
  v1::RoundHousehold household;
  RoundEvent event;
  // The round's event count once the event is published.
  uint64_t round_events = 0;
};

// What the service knows of a household an officer adds to a list.
struct KnownHousehold {
  // False when the household was never registered nor surveyed (as far as
  // the registry's events told the service).
  bool known = false;
  // Why it left the ward; empty while it is in the ward.
  std::string departure;
  // Its residential group as last known.
  std::string residential_group;
};

struct ListAddition {
  std::string household_id;
  // APPLIED or ADDED.
  v1::ListReason reason = v1::LIST_REASON_UNSPECIFIED;
  std::string note;
  std::string listed_by;
};

// Field violations of an addition: a household id, reason APPLIED or ADDED,
// a note. Empty when valid.
FieldViolations ValidateListAddition(const ListAddition& input);

// Adds a household to an open periodic round's list: LISTED, with the
// reason and note, announced by HouseholdListed. `current` is its record in
// the round, null when it is not in the round. A household a survey already
// brought in keeps its state and is marked as listed. INVALID_ARGUMENT for a
// bad field; NOT_FOUND for a household the service does not know;
// FAILED_PRECONDITION for a regular or closed round or a household that left
// the ward; ALREADY_EXISTS when it is already on the list.
Result<RoundHouseholdChange> AddToList(const v1::ReviewRound& round, uint64_t round_events,
                                       const v1::RoundHousehold* current, const KnownHousehold& known,
                                       const ListAddition& input);

struct ListDecisionInput {
  v1::ListDecisionKind kind = v1::LIST_DECISION_KIND_UNSPECIFIED;
  std::string reason;
  std::string decided_on;
  std::string recorded_by;
  // The ward's today: a decision is not dated after it.
  CivilDate today;
};

// Field violations of a decision: a kind, a reason, an ISO date not after
// today and not before the round opened. Empty when valid.
FieldViolations ValidateListDecision(const v1::ReviewRound& round, const ListDecisionInput& input);

// Records the decision about a LISTED household (or replaces the decision of
// a LIST_DECIDED one): LIST_DECIDED, announced by ListDecisionRecorded.
// FAILED_PRECONDITION for a closed round or a household with a survey in the
// round (its result decides it).
Result<RoundHouseholdChange> RecordListDecision(const v1::ReviewRound& round, uint64_t round_events,
                                                const v1::RoundHousehold& household,
                                                const ListDecisionInput& input);

// "moved away", "dissolved", "carried over".
std::string ListDecisionWords(v1::ListDecisionKind kind);
// "poor", "near-poor", "applied", "added by an officer", "surveyed".
std::string ListReasonWords(v1::ListReason reason);

}  // namespace ansinh::classification
