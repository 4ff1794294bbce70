#include "classification/adapters/round_backfill.h"

#include <spdlog/spdlog.h>

#include <set>

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/survey_intake.h"
#include "redis/redis_error.h"

namespace ansinh::classification {
namespace {

// Every survey the consumers take into an open round changes the round's
// record, which a batch WATCHes: while an import is being consumed (by
// several instances, at a province's pace) a batch loses most races. Jittered
// pauses between many attempts let it through between their commits.
constexpr int kMaxAttempts = 64;

}  // namespace

int RoundBackfill::Finish(const std::string& round_id) {
  const std::string pending_key(ClassificationKeys::kPendingBackfill);
  redis::Reply pending = redis_.Command({"HGET", pending_key, round_id});
  if (pending.IsNil()) return 0;
  v1::EventEnvelope opened;
  if (!opened.ParseFromString(pending.str))
    throw std::runtime_error("corrupt pending backfill of " + round_id);
  const events::EventContext context = ContinuationOf(opened);

  RoundStore rounds(redis_, environment_.keys);
  const std::optional<StoredRound> stored = rounds.Load(round_id);
  int entered = 0;
  if (stored && stored->round.status() == v1::ROUND_STATUS_OPEN) {
    if (stored->round.kind() == v1::REVIEW_KIND_REGULAR) {
      entered += PullIn(round_id, {stored->round.household_id()}, context);
    } else {
      // Partition by partition, so each batch's households share a slot.
      SurveyStore surveys(redis_, environment_.keys);
      for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
        std::string cursor = "0";
        do {
          auto [next, ids] = surveys.ScanSurveyed(partition, cursor, kRoundHouseholdsPerBatch);
          cursor = std::move(next);
          const std::set<std::string> unique(ids.begin(), ids.end());
          entered += PullIn(round_id, {unique.begin(), unique.end()}, context);
        } while (cursor != "0");
      }
    }
  }
  redis_.Command({"HDEL", pending_key, round_id});
  if (entered > 0)
    spdlog::info("round {}: {} surveys recorded before its opening joined it", round_id, entered);
  return entered;
}

bool RoundBackfill::Pending(const std::string& round_id) {
  return redis_.Command({"HEXISTS", std::string(ClassificationKeys::kPendingBackfill), round_id})
             .AsInteger() == 1;
}

int RoundBackfill::PullIn(const std::string& round_id, const std::vector<std::string>& household_ids,
                          const events::EventContext& context) {
  if (household_ids.empty()) return 0;
  const std::string round_key = environment_.keys.Round(round_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    WatchScope scope(redis_);
    redis::Args watch{"WATCH", round_key};
    for (const std::string& id : household_ids) watch.push_back(environment_.keys.Surveys(id));
    redis_.Command(watch);
    RoundStore rounds(redis_, environment_.keys);
    std::optional<StoredRound> round = rounds.Load(round_id);
    if (!round || round->round.status() != v1::ROUND_STATUS_OPEN) {
      return 0;
    }
    SurveyStore surveys(redis_, environment_.keys);
    const std::vector<std::optional<v1::Survey>> found =
        surveys.OfYearForMany(household_ids, round->round.review_year());
    const std::vector<std::optional<v1::RoundHousehold>> current =
        rounds.LoadHouseholds(round_id, household_ids);
    redis::Transaction tx;
    int entered = 0;
    for (size_t i = 0; i < household_ids.size(); ++i) {
      if (!found[i] || !RoundCoversSurvey(round->round, *found[i])) continue;
      const SurveyIntake intake = TakeSurveyIntoRound(
          round->round, round->events, current[i] ? &*current[i] : nullptr, *found[i], environment_.catalog);
      RoundStore::QueueSurveyIntake(tx, environment_.keys, round_id, current[i], intake);
      QueueRoundEvents(tx, environment_.keys, context, round_id, intake.events);
      round->events = intake.round_events;
      if (intake.changed()) {
        ++entered;
      } else if (intake.outcome == IntakeOutcome::kRefused) {
        spdlog::warn("round {}: survey {} of {} did not join it: {}", round_id, found[i]->survey_id(),
                     household_ids[i], intake.reason);
      }
    }
    if (tx.empty()) {
      return 0;
    }
    RoundStore::QueueRound(tx, environment_.keys, *round);
    try {
      tx.Exec(redis_);
      return entered;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
      continue;
    }
  }
  throw std::runtime_error("round " + round_id +
                           ": gave up pulling in surveys after repeated concurrent changes");
}

}  // namespace ansinh::classification
