// The round's list (docs/domain.md §4, step 1): households an officer adds to a
// periodic round's list, the decision about a listed household nobody
// surveyed, and the list itself. Opening draws the list up (round_handlers.cc).
#include <algorithm>
#include <functional>
#include <vector>

#include "classification/adapters/classification_service.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/round_list.h"
#include "redis/redis_error.h"
#include "server/authorization.h"
#include "server/paging.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

// What the core decides for one household of a round read under WATCH:
// its record and the round event, or the refusal. The step leaves the record
// it read in `before` (nullopt: the household is new to the round), which
// the round's counters move from.
using ListStep = std::function<Result<RoundHouseholdChange>(const v1::ReviewRound&, RoundStore&,
                                                            std::optional<v1::RoundHousehold>& before)>;

// The one path of a change to one household of a round's list: WATCH the
// household's partition's view of the round and its records of the round
// (and `also_watched`, of the same partition), read the round there, let
// `decide` ask the core, then commit the household's record and its event
// (in the partition's outbox) in one MULTI/EXEC of the partition's slot,
// retrying when a watched key changed; then relay the round's events.
grpc::Status ChangeListHousehold(const server::CallScope& call, const ClassificationEnvironment& environment,
                                 const std::string& round_id, const std::string& household_id,
                                 const std::vector<std::string>& also_watched, const ListStep& decide,
                                 v1::RoundHousehold* result) {
  const events::EventContext event_context = RequestContext(call);
  const ClassificationKeys& keys = environment.keys;
  RoundStore rounds(call.redis, keys);
  const int partition = keys.PartitionOf(household_id);
  redis::Args watch{"WATCH", ClassificationKeys::PartitionRounds(partition),
                    ClassificationKeys::RoundHouseholds(round_id, partition)};
  watch.insert(watch.end(), also_watched.begin(), also_watched.end());
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    WatchScope scope(call.redis);
    call.redis.Command(watch);
    const RoundForStep round = ReadRoundForStep(call.redis, keys, round_id, partition);
    if (!round.refusal.ok()) return round.refusal;
    std::optional<v1::RoundHousehold> before;
    Result<RoundHouseholdChange> change = decide(round.round, rounds, before);
    if (!change.ok()) return server::ToStatus(change.error());
    std::optional<StoredRound> own = WatchOwnRound(call.redis, keys, round_id, partition);
    redis::Transaction tx;
    RoundStore::QueueHouseholds(tx, keys, round_id, std::span(&change->household, 1), PriorRecords(before));
    QueueRoundEvents(tx, keys, event_context, round_id, partition, std::span(&change->event, 1),
                     own ? &*own : nullptr);
    if (own) RoundStore::QueueRound(tx, keys, *own);
    try {
      tx.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
      continue;
    }
    RelayRoundEvents(call.redis, keys, round_id);
    *result = std::move(change->household);
    return grpc::Status::OK;
  }
  return RoundBusy(round_id);
}

}  // namespace

grpc::ServerUnaryReactor* ClassificationService::AddToRoundList(grpc::CallbackServerContext* context,
                                                                const v1::AddToRoundListRequest* request,
                                                                v1::AddToRoundListResponse* response) {
  return executor_.Handle(context, "Classification.AddToRoundList", response, [=, this](const auto& call) {
    if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
    ListAddition input;
    input.household_id = request->household_id();
    input.reason = request->reason();
    input.note = request->note();
    input.listed_by = call.actor.name();
    FieldViolations violations = RequireIds(request->round_id(), nullptr);
    for (FieldViolation& violation : ValidateListAddition(input)) violations.push_back(std::move(violation));
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    SurveyStore households(call.redis, environment_.keys);
    // The round version is the relay's to give (round_event_relay.h).
    return ChangeListHousehold(
        call, environment_, request->round_id(), input.household_id,
        {environment_.keys.DepartedOf(request->household_id())},
        [&](const v1::ReviewRound& round, RoundStore& rounds, std::optional<v1::RoundHousehold>& current) {
          current = rounds.LoadHousehold(round.round_id(), input.household_id);
          return classification::AddToList(round, 0, current ? &*current : nullptr,
                                           households.Know(input.household_id), input);
        },
        response->mutable_household());
  });
}

grpc::ServerUnaryReactor* ClassificationService::RecordListDecision(
    grpc::CallbackServerContext* context, const v1::RecordListDecisionRequest* request,
    v1::RecordListDecisionResponse* response) {
  return executor_.Handle(
      context, "Classification.RecordListDecision", response, [=, this](const server::CallScope& call) {
        if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
        const CivilDate today = environment_.clock.Today();
        FieldViolations violations = RequireIds(request->round_id(), &request->household_id());
        if (std::string problem = StepDateProblem(request->decided_on(), today); !problem.empty()) {
          violations.push_back({"decided_on", std::move(problem)});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        ListDecisionInput input;
        input.kind = request->kind();
        input.reason = request->reason();
        input.decided_on = StepDateOrToday(request->decided_on(), today);
        input.recorded_by = call.actor.name();
        input.today = today;

        return ChangeListHousehold(
            call, environment_, request->round_id(), request->household_id(), {},
            [&](const v1::ReviewRound& round, RoundStore& rounds,
                std::optional<v1::RoundHousehold>& household) -> Result<RoundHouseholdChange> {
              const std::string& round_id = round.round_id();
              household = rounds.LoadHousehold(round_id, request->household_id());
              if (!household) {
                return Error::NotFound("household " + request->household_id() + " is not in round " +
                                       round_id + ": it is neither on its list nor surveyed")
                    .WithKey("error.list.household_not_in_round",
                             {{"household", request->household_id()}, {"round", round_id}});
              }
              return classification::RecordListDecision(round, 0, *household, input);
            },
            response->mutable_household());
      });
}

grpc::ServerUnaryReactor* ClassificationService::ListRoundHouseholds(
    grpc::CallbackServerContext* context, const v1::ListRoundHouseholdsRequest* request,
    v1::ListRoundHouseholdsResponse* response) {
  return executor_.Handle(
      context, "Classification.ListRoundHouseholds", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read review rounds");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations = RequireIds(request->round_id(), nullptr);
        const int page_size = server::ResolvePageSize(request->page(), "page", violations);
        if (!v1::HouseholdReviewState_IsValid(request->state())) {
          violations.push_back({"state", "unknown household review state"});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        RoundStore rounds(call.redis, environment_.keys);
        if (!rounds.Load(request->round_id())) return NoRound(request->round_id());
        // A round's procedure records are small and read in batches, as its
        // progress reads them; ordered by household id, the page token is the
        // last id served.
        const std::string& after = request->page().page_token();
        int64_t matching = 0;
        std::string last;
        bool more = false;
        for (v1::RoundHousehold& household : rounds.LoadAllHouseholds(request->round_id())) {
          if (request->list_only() && !OnList(household)) continue;
          if (request->state() != v1::HOUSEHOLD_REVIEW_STATE_UNSPECIFIED &&
              household.state() != request->state())
            continue;
          ++matching;
          if (!after.empty() && household.household_id() <= after) continue;
          if (response->households_size() >= page_size) {
            more = true;
            continue;
          }
          last = household.household_id();
          *response->add_households() = std::move(household);
        }
        response->mutable_page()->set_total_size(matching);
        if (more) response->mutable_page()->set_next_page_token(last);
        return grpc::Status::OK;
      });
}

}  // namespace ansinh::classification
