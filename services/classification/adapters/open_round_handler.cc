// OpenRound (docs/domain.md §4, step 1): a ward officer opens a periodic or
// regular round. The opening is decided and reserved in the catalogue's slot,
// then finished slot by slot (RoundOpener): each partition draws up its share
// of the list, then the round's record and ReviewRoundOpened are written in
// the round's slot; then the surveys recorded before it join it
// (RoundBackfill).
#include <spdlog/spdlog.h>

#include <cstdio>
#include <set>

#include "classification/adapters/classification_service.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/round_backfill.h"
#include "classification/adapters/round_opener.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/review_round.h"
#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

// "R-2025" for the periodic review of 2025 (one per year); "R-REG-2025-0007"
// for a regular review, numbered by the opening sequence.
std::string RoundIdFor(const v1::OpenRoundRequest& request, long long sequence) {
  if (request.kind() != v1::REVIEW_KIND_REGULAR) return "R-" + std::to_string(request.review_year());
  char number[32];
  std::snprintf(number, sizeof(number), "%04lld", sequence);
  return "R-REG-" + std::to_string(request.review_year()) + "-" + number;
}

// The rounds an opening must not duplicate: the stored ones among `ids`,
// and those reserved by an opening not finished yet (no record so far),
// read from their reserved ReviewRoundOpened.
std::vector<v1::ReviewRound> ExistingRounds(redis::Connection& redis, RoundStore& rounds,
                                            const std::vector<std::string>& ids) {
  std::vector<v1::ReviewRound> existing;
  std::vector<std::string> reserved;
  const std::vector<std::optional<StoredRound>> stored = rounds.LoadMany(ids);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (stored[i]) {
      existing.push_back(stored[i]->round);
    } else {
      reserved.push_back(ids[i]);
    }
  }
  if (reserved.empty()) return existing;
  redis::Args read{"HMGET", std::string(ClassificationKeys::kPendingBackfill)};
  read.insert(read.end(), reserved.begin(), reserved.end());
  for (const redis::Reply& pending : redis.Command(read).elements) {
    v1::EventEnvelope envelope;
    v1::ReviewRoundOpened opened;
    if (pending.IsNil() || !envelope.ParseFromString(pending.str) || !envelope.payload().UnpackTo(&opened))
      continue;
    existing.push_back(opened.round());
  }
  return existing;
}

}  // namespace

grpc::ServerUnaryReactor* ClassificationService::OpenRound(grpc::CallbackServerContext* context,
                                                           const v1::OpenRoundRequest* request,
                                                           v1::OpenRoundResponse* response) {
  return executor_.Handle(context, "Classification.OpenRound", response, [=, this](const auto& call) {
    if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
    if (std::string problem = StepDateProblem(request->opened_on(), environment_.clock.Today());
        !problem.empty()) {
      return server::ToStatus(Error::InvalidArgument({{"opened_on", std::move(problem)}}));
    }
    const ClassificationKeys& keys = environment_.keys;
    if (request->kind() == v1::REVIEW_KIND_REGULAR && !request->household_id().empty()) {
      const std::optional<std::string> left =
          SurveyStore(call.redis, keys).DepartureOf(request->household_id());
      if (left) {
        return server::KeyedStatus(grpc::StatusCode::FAILED_PRECONDITION,
                                   "household " + request->household_id() + " has left the ward (" + *left +
                                       "); it is no longer reviewed",
                                   "error.household.left_ward",
                                   {{"household", request->household_id()}, {"why", *left}});
      }
    }
    // Numbers are taken outside the transaction: a refused opening leaves a
    // gap in the sequence, never a duplicate.
    const long long sequence =
        call.redis.Command({"INCR", std::string(ClassificationKeys::kRoundSequence)}).AsInteger();
    OpenRoundInput input;
    input.round_id = RoundIdFor(*request, sequence);
    input.review_year = request->review_year();
    input.kind = request->kind();
    input.household_id = request->household_id();
    input.opened_by = call.actor.name();
    input.opened_date = StepDateOrToday(request->opened_on(), environment_.clock.Today());
    input.window = environment_.review.window;
    input.outside_window_reason = request->outside_window_reason();

    // Decided and reserved in the catalogue's slot, under a WATCH on the
    // open rounds, the rounds of the year and the reserved openings: two
    // openings of one year cannot both pass.
    RoundStore rounds(call.redis, keys);
    std::optional<v1::EventEnvelope> reserved;
    for (int attempt = 0; attempt < kMaxRoundStepAttempts && !reserved; ++attempt) {
      WatchScope scope(call.redis);
      call.redis.Command({"WATCH", std::string(ClassificationKeys::kOpenRounds),
                          ClassificationKeys::RoundsOfYear(request->review_year()),
                          std::string(ClassificationKeys::kPendingBackfill)});
      std::set<std::string> ids;
      for (std::string& id : rounds.OpenRoundIds()) ids.insert(std::move(id));
      for (std::string& id : rounds.RoundIdsOfYear(request->review_year())) ids.insert(std::move(id));
      const std::vector<v1::ReviewRound> existing =
          ExistingRounds(call.redis, rounds, {ids.begin(), ids.end()});
      Result<v1::ReviewRound> opened = classification::OpenRound(input, environment_.catalog, existing);
      if (!opened.ok()) return server::ToStatus(opened.error());

      // The event as it will be published, its id fixed now; the listed
      // counts are the partitions' (RoundOpener::Publish).
      v1::ReviewRoundOpened event;
      *event.mutable_round() = opened.value();
      const events::EventIdentity identity{std::string(kReviewRoundOpened), std::string(kRoundAggregate),
                                           input.round_id, 1, opened->household_id()};
      v1::EventEnvelope envelope = events::MakeEnvelope(RequestContext(call), identity, event);
      redis::Transaction tx;
      tx.Add({"ZADD", std::string(ClassificationKeys::kRounds), std::to_string(sequence), input.round_id});
      tx.Add({"SADD", ClassificationKeys::RoundsOfYear(request->review_year()), input.round_id});
      tx.Add({"SADD", std::string(ClassificationKeys::kOpenRounds), input.round_id});
      tx.Add({"HSET", std::string(ClassificationKeys::kPendingBackfill), input.round_id,
              envelope.SerializeAsString()});
      try {
        tx.Exec(call.redis);
        reserved = std::move(envelope);
      } catch (const redis::TransactionAborted&) {
        PauseBeforeRetry(attempt);
      }
    }
    if (!reserved) return RoundBusy(input.round_id);

    // The round exists once its record is written; a failure before that is
    // finished by PendingWorkFinisher (the reservation stays pending).
    RoundOpener(call.redis, environment_).Complete(*reserved);
    const std::optional<StoredRound> stored = rounds.Load(input.round_id);
    if (!stored) return RoundBusy(input.round_id);
    *response->mutable_round() = stored->round;
    try {
      RoundBackfill(call.redis, environment_).Finish(input.round_id);
    } catch (const std::exception& error) {
      // The round is open; the surveys recorded before it join it when
      // PendingWorkFinisher retries.
      spdlog::warn("round {} opened, pulling in earlier surveys failed: {}", input.round_id, error.what());
    }
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::classification
