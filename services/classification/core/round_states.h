// Shared checks of the review-round state machine (docs/domain.md §4):
//
//   survey ──> PROPOSED ──meeting >= 50%──> MEETING_AGREED ──post──> POSTED
//                 ^   └──meeting < 50%──> SENT_BACK ──new survey──┘     │
//                 └──────────── new survey <── COMPLAINED <──complaint──┤
//                                                                       v
//                     approval (window closed) ──> APPROVED   or   EXCLUDED
//
// A new survey is also taken in PROPOSED and MEETING_AGREED (a correction
// before posting; the meeting must then agree again). Once posted, a result
// changes only through a complaint and its re-check. A survey the standard
// cannot classify (a fact is missing) leaves the household UNCLASSIFIABLE,
// with the facts to correct, wherever a new survey is taken; a corrected
// survey makes it PROPOSED again.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::classification {

// Days a regular review may take (Decision 24/2021).
inline constexpr int kRegularReviewDeadlineDays = 15;
// Working days results stay posted for complaints, unless configured.
inline constexpr int kDefaultComplaintWindowWorkingDays = 3;

// Where a household stands, in words: "awaiting its meeting".
std::string_view StateWords(v1::HouseholdReviewState state);

// FAILED_PRECONDITION unless the round accepts steps.
std::optional<Error> RequireOpen(const v1::ReviewRound& round);

// INVALID_ARGUMENT when a household record belongs to another round.
std::optional<Error> RequireSameRound(const v1::ReviewRound& round,
                                      std::span<const v1::RoundHousehold> households);

// Appends a violation unless `text` is an ISO date not before the round's
// opening; returns the parsed date when valid.
std::optional<CivilDate> CheckStepDate(const v1::ReviewRound& round, std::string_view text, std::string field,
                                       FieldViolations& violations);

// Whether a household may be approved on `on`: posted, and its complaint
// window closed before that day.
bool ReadyForApproval(const v1::RoundHousehold& household, const CivilDate& on);

}  // namespace ansinh::classification
