#pragma once

#include <string>

#include "classification/adapters/classification_environment.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// Surveys recorded before a round opened join it at its opening: every stored
// survey of the round's review year (for a regular review, its household's)
// is classified into the round as proposed, exactly as if it had been
// recorded after the opening, with SurveyClassified (or SurveyUnclassifiable)
// caused by ReviewRoundOpened.
//
// OpenRound marks the round pending (with its ReviewRoundOpened envelope) in
// the transaction that opens it, then runs Finish; the pull-in goes in
// batches, one transaction each, and the mark is cleared at the end. Work cut
// short by a crash is finished by PendingWorkFinisher. Running it twice is
// harmless: a survey already in the round is a replay.
class RoundBackfill {
 public:
  RoundBackfill(redis::Connection& redis, const ClassificationEnvironment& environment)
      : redis_(redis), environment_(environment) {}

  // Pulls in the surveys if the round is pending; returns how many entered it.
  int Finish(const std::string& round_id);

  // True while the round's earlier surveys have not all joined it: its
  // progress can still grow, and it must not be approved yet.
  bool Pending(const std::string& round_id);

 private:
  int PullIn(const std::string& round_id, const std::vector<std::string>& household_ids,
             const events::EventContext& context);

  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

}  // namespace ansinh::classification
