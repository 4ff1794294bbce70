#include "classification/adapters/round_backfill.h"

#include <spdlog/spdlog.h>

#include <set>

#include "classification/adapters/classification_keys.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/partition_round_store.h"
#include "classification/adapters/round_event_relay.h"
#include "classification/adapters/round_opener.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/survey_intake.h"
#include "redis/redis_error.h"

namespace ansinh::classification {
namespace {

// Every survey the consumers take into an open round rewrites the round's
// households of its partition, which a batch WATCHes: while an import is
// being consumed (by several instances, at a province's pace) a batch loses
// most races. Jittered pauses between many attempts let it through between
// their commits.
constexpr int kMaxAttempts = 64;

}  // namespace

int QueueSurveysIntoRound(redis::Transaction& tx, const ClassificationEnvironment& environment,
                          const v1::ReviewRound& round, int partition,
                          const std::vector<std::string>& household_ids,
                          const std::vector<std::optional<v1::Survey>>& surveys,
                          const std::vector<std::optional<v1::RoundHousehold>>& current,
                          const std::function<events::EventContext(size_t)>& context_of, StoredRound* own) {
  int entered = 0;
  for (size_t i = 0; i < household_ids.size(); ++i) {
    if (!surveys[i] || !RoundCoversSurvey(round, *surveys[i])) continue;
    // The round version the core gives is the relay's to give.
    const SurveyIntake intake =
        TakeSurveyIntoRound(round, 0, current[i] ? &*current[i] : nullptr, *surveys[i], environment.catalog);
    if (intake.changed()) {
      RoundStore::QueueSurveyIntake(tx, environment.keys, round.round_id(), current[i], intake);
      QueueRoundEvents(tx, environment.keys, context_of(i), round.round_id(), partition, intake.events, own);
      ++entered;
    } else if (intake.outcome == IntakeOutcome::kRefused) {
      spdlog::warn("round {}: survey {} of {} did not join it: {}", round.round_id(), surveys[i]->survey_id(),
                   household_ids[i], intake.reason);
    }
  }
  return entered;
}

void QueueDeferredSurvey(redis::Transaction& tx, const std::string& round_id, int partition,
                         const std::string& household_id, const events::EventContext& context) {
  // The context as an envelope's: the event that caused it is the cause.
  v1::EventEnvelope cause;
  *cause.mutable_actor() = context.actor;
  cause.set_correlation_id(context.correlation_id);
  cause.set_event_id(context.causation_id);
  tx.Add({"HSET", ClassificationKeys::RoundDeferred(round_id, partition), household_id,
          cause.SerializeAsString()});
}

std::map<std::string, events::EventContext> ParseDeferredSurveys(const redis::Reply& reply) {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  std::map<std::string, events::EventContext> deferred;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    v1::EventEnvelope cause;
    if (!cause.ParseFromString(reply.elements[i + 1].str)) {
      throw std::runtime_error("corrupt deferred survey of " + reply.elements[i].str + " in Redis");
    }
    deferred.emplace(reply.elements[i].str,
                     events::EventContext{cause.actor(), cause.correlation_id(), cause.event_id()});
  }
  return deferred;
}

int RoundBackfill::Finish(const std::string& round_id) {
  const std::string pending_key(ClassificationKeys::kPendingBackfill);
  redis::Reply pending = redis_.Command({"HGET", pending_key, round_id});
  if (pending.IsNil()) return 0;
  v1::EventEnvelope opened;
  if (!opened.ParseFromString(pending.str))
    throw std::runtime_error("corrupt pending backfill of " + round_id);
  const events::EventContext context = ContinuationOf(opened);
  // The opening first: every partition sees the round, and its record and
  // ReviewRoundOpened are written (done already unless it was cut short).
  RoundOpener(redis_, environment_).Complete(opened);

  RoundStore rounds(redis_, environment_.keys);
  const std::optional<StoredRound> stored = rounds.Load(round_id);
  int entered = 0;
  if (stored && stored->round.status() == v1::ROUND_STATUS_OPEN) {
    if (stored->round.kind() == v1::REVIEW_KIND_REGULAR) {
      const std::string& household = stored->round.household_id();
      entered += PullIn(round_id, environment_.keys.PartitionOf(household), {household}, context);
    } else {
      // Partition by partition, so each batch's households share a slot.
      SurveyStore surveys(redis_, environment_.keys);
      for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
        std::string cursor = "0";
        do {
          auto [next, ids] = surveys.ScanSurveyed(partition, cursor, kRoundHouseholdsPerBatch);
          cursor = std::move(next);
          const std::set<std::string> unique(ids.begin(), ids.end());
          entered += PullIn(round_id, partition, {unique.begin(), unique.end()}, context);
        } while (cursor != "0");
      }
    }
  }
  // Their events are published before the mark goes: a caller that sees the
  // pull-in finished sees its events.
  RoundEventRelay(redis_, environment_.keys).Drain(round_id);
  redis_.Command({"HDEL", pending_key, round_id});
  if (entered > 0)
    spdlog::info("round {}: {} surveys recorded before its opening joined it", round_id, entered);
  return entered;
}

bool RoundBackfill::Pending(const std::string& round_id) {
  return redis_.Command({"HEXISTS", std::string(ClassificationKeys::kPendingBackfill), round_id})
             .AsInteger() == 1;
}

int RoundBackfill::PullIn(const std::string& round_id, int partition,
                          const std::vector<std::string>& household_ids,
                          const events::EventContext& context) {
  if (household_ids.empty()) return 0;
  const ClassificationKeys& keys = environment_.keys;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    WatchScope scope(redis_);
    // The partition's view of the round and its households: a survey the
    // consumer takes in meanwhile, or an approval closing the partition,
    // makes the batch read again.
    redis::Args watch{"WATCH", ClassificationKeys::PartitionRounds(partition),
                      ClassificationKeys::RoundHouseholds(round_id, partition)};
    for (const std::string& id : household_ids) watch.push_back(keys.Surveys(id));
    redis_.Command(watch);
    const std::optional<v1::PartitionRound> seen =
        PartitionRoundStore(redis_, keys).Load(round_id, partition);
    if (!seen) return 0;  // approved and settled here: a survey joins no more
    const v1::ReviewRound& round = seen->round();
    const std::vector<std::optional<v1::Survey>> found =
        SurveyStore(redis_, keys).OfYearForMany(household_ids, round.review_year());
    redis::Transaction tx;
    int entered = 0;
    if (!OpenInPartition(seen)) {
      // An approval holds the partition: the surveys wait for its decision.
      for (size_t i = 0; i < household_ids.size(); ++i) {
        if (found[i] && RoundCoversSurvey(round, *found[i]))
          QueueDeferredSurvey(tx, round_id, partition, household_ids[i], context);
      }
    } else {
      const std::vector<std::optional<v1::RoundHousehold>> current =
          RoundStore(redis_, keys).LoadHouseholds(round_id, household_ids);
      std::optional<StoredRound> own = WatchOwnRound(redis_, keys, round_id, partition);
      entered = QueueSurveysIntoRound(
          tx, environment_, round, partition, household_ids, found, current,
          [&context](size_t) { return context; }, own ? &*own : nullptr);
      if (own && entered > 0) RoundStore::QueueRound(tx, keys, *own);
    }
    if (tx.empty()) return 0;
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
