// A survey the registry recorded, taken into a review round (docs/domain.md
// §4, step 2): the whole change in one answer, so the adapter only reads the
// round, the household's record and the survey, calls TakeSurveyIntoRound and
// commits what it returns in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "classification/core/round_events.h"
#include "standards/standard_catalog.h"

namespace ansinh::classification {

// Whether the round takes the survey at all: the round is open, the survey
// is of its review year and, for a regular review, of its household; a
// periodic round takes no survey made for a regular review (that one amends
// this year's list, the periodic round decides next year's). The
// consumer offers a survey only to the rounds that cover it, and reads only
// their records.
bool RoundCoversSurvey(const v1::ReviewRound& round, const v1::Survey& survey);

// What became of a survey offered to a round.
enum class IntakeOutcome {
  // Classified: the household is PROPOSED (SurveyClassified).
  kClassified,
  // A fact the standard needs is missing: the household is UNCLASSIFIABLE
  // with what to correct (SurveyUnclassifiable).
  kUnclassifiable,
  // The survey already is the household's latest in the round: a replay.
  kAlreadyRecorded,
  // The procedure does not take it (the household is posted, the round is
  // approved, ...): `reason` says why.
  kRefused,
};

struct SurveyIntake {
  IntakeOutcome outcome = IntakeOutcome::kRefused;
  // Why the household is unclassifiable, why the survey was refused, or what
  // the replay repeats; empty when classified.
  std::string reason;
  // The household's record in the round to store, with its full proposed
  // result; none when nothing changes.
  std::optional<v1::RoundHousehold> household;
  // The proposed result to store (classified only).
  std::optional<v1::ClassificationResult> proposal;
  // The round events to publish, in order, each with its round version.
  std::vector<RoundEvent> events;
  // The round's event count once they are published, to store with the round.
  uint64_t round_events = 0;

  // False when the survey changes nothing: store and publish nothing.
  bool changed() const { return household.has_value(); }
};

// Offers `survey` to `round` (RecordSurvey, review_round.h) and returns the
// change: the household's record, its proposal, and SurveyClassified or
// SurveyUnclassifiable as the round's next event. `current` is the
// household's record in the round, null for its first survey;
// `round_events` is the round's stored event count.
SurveyIntake TakeSurveyIntoRound(const v1::ReviewRound& round, uint64_t round_events,
                                 const v1::RoundHousehold* current, const v1::Survey& survey,
                                 const StandardCatalog& catalog);

}  // namespace ansinh::classification
