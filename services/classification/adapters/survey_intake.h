#pragma once

#include <string>

#include "ansinh/v1/household.pb.h"
#include "classification/adapters/classification_environment.h"
#include "classification/adapters/round_store.h"
#include "events/envelope_codec.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// What became of a survey offered to a round.
enum class IntakeOutcome {
  // Classified: the household is PROPOSED (SurveyClassified published).
  kClassified,
  // A fact the standard needs is missing: the household is UNCLASSIFIABLE
  // with what to correct (SurveyUnclassifiable published).
  kUnclassifiable,
  // The survey already is the household's latest in the round: a replay.
  kAlreadyRecorded,
  // The procedure does not take it (the household is posted, the round is
  // approved, ...): nothing is written; `detail` says why.
  kRefused,
};

struct SurveyIntake {
  IntakeOutcome outcome = IntakeOutcome::kRefused;
  std::string detail;
};

// Whether the survey belongs to the round at all: same review year, and for a
// regular review the round's household.
bool RoundCoversSurvey(const v1::ReviewRound& round, const v1::Survey& survey);

// Offers `survey` to `round` through the core (RecordSurvey) and queues what
// follows on `tx`: the household's record and proposal, and the round event
// with the round's next version (`round.events` advances; the caller stores
// the round in the same transaction when anything was queued). `current` is
// the household's procedure record in the round, null for its first survey.
// The caller has WATCHed the round's key (and so every step of the round).
SurveyIntake QueueSurveyIntoRound(redis::Transaction& tx, const ClassificationEnvironment& environment,
                                  StoredRound& round, const v1::RoundHousehold* current,
                                  const v1::Survey& survey, const events::EventContext& context);

}  // namespace ansinh::classification
