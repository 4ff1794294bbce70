#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "classification/adapters/classification_environment.h"
#include "classification/adapters/round_store.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// Surveys that join a round after they were recorded.
//
// Surveys recorded before a round opened join it at its opening: every stored
// survey of the round's review year (for a regular review, its household's)
// is classified into the round as proposed, exactly as if it had been
// recorded after the opening, with SurveyClassified (or SurveyUnclassifiable)
// caused by ReviewRoundOpened.
//
// OpenRound reserves the round in the catalogue with its ReviewRoundOpened
// envelope under pending:backfill, then runs Finish: it completes the opening
// (RoundOpener: each partition's share of the list, then the round's record
// and ReviewRoundOpened), pulls the surveys in partition by partition, in
// batches of one partition's households, one transaction each in that
// partition's slot, relays their events into the round's stream and clears
// the mark. Work cut short by a crash is finished by PendingWorkFinisher (or
// by ApproveRound, which first finishes it). Running it twice is harmless: a
// survey already in the round is a replay.
class RoundBackfill {
 public:
  RoundBackfill(redis::Connection& redis, const ClassificationEnvironment& environment)
      : redis_(redis), environment_(environment) {}

  // Completes the opening and pulls in the surveys if the round is pending;
  // returns how many entered it.
  int Finish(const std::string& round_id);

  // True while the round's earlier surveys have not all joined it: its
  // progress can still grow, and it must not be approved yet.
  bool Pending(const std::string& round_id);

 private:
  int PullIn(const std::string& round_id, int partition, const std::vector<std::string>& household_ids,
             const events::EventContext& context);

  redis::Connection& redis_;
  const ClassificationEnvironment& environment_;
};

// Queues on `tx` what offering `surveys[i]` (none: skipped) to `round` does
// for household `household_ids[i]`, whose record in the round is
// `current[i]`: the household's record, its proposal and the round event
// (every household is of `partition`; `own` is the round's record when that
// is the round's own partition, QueueRoundEvent, which the caller then
// stores), caused as `context_of(i)` says. Returns how many surveys changed
// the round; logs the ones the procedure refuses.
int QueueSurveysIntoRound(redis::Transaction& tx, const ClassificationEnvironment& environment,
                          const v1::ReviewRound& round, int partition,
                          const std::vector<std::string>& household_ids,
                          const std::vector<std::optional<v1::Survey>>& surveys,
                          const std::vector<std::optional<v1::RoundHousehold>>& current,
                          const std::function<events::EventContext(size_t)>& context_of, StoredRound* own);

// A survey offered to a round while an approval holds the household's
// partition closed waits in the round's deferred hash of the partition
// (household -> the context its events will carry); if the approval is
// refused, the partition's reopening takes it in (ApprovalHold), and if it
// is approved the survey is kept as the household's latest, as any survey
// recorded after an approval is.
void QueueDeferredSurvey(redis::Transaction& tx, const std::string& round_id, int partition,
                         const std::string& household_id, const events::EventContext& context);
// The deferred hash's HGETALL reply: household -> context.
std::map<std::string, events::EventContext> ParseDeferredSurveys(const redis::Reply& reply);

}  // namespace ansinh::classification
