// ApproveRound (docs/domain.md §4, step 6): the chairman's decision makes a
// round's results official. The round's households live in every partition's
// slot, so the approval first decides on the round as it stands (a refusal
// writes nothing), then holds every partition closed to the round's changes
// (ApprovalHold), decides again on what can no longer change, relays the
// round's waiting events and commits in the round's slot: the round
// APPROVED, RoundApproved, the claim dropped. The catalogue, the households'
// final states and their official statuses follow (ApprovalApplier).
#include <spdlog/spdlog.h>

#include <functional>

#include "classification/adapters/approval_applier.h"
#include "classification/adapters/approval_hold.h"
#include "classification/adapters/classification_service.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/round_backfill.h"
#include "classification/adapters/round_event_relay.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/approval_tally.h"
#include "classification/core/round_approval.h"
#include "classification/core/round_states.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

// Surveys recorded before the round opened join it before it is approved:
// an opening cut short (or still racing a large import) leaves them pending,
// and approving without them would leave those households out of the year's
// review for good. Once they are in, the approval judges them like the rest.
grpc::Status JoinEarlierSurveys(redis::Connection& redis, const ClassificationEnvironment& environment,
                                const std::string& round_id) {
  try {
    RoundBackfill(redis, environment).Finish(round_id);
    return grpc::Status::OK;
  } catch (const redis::ConnectionError&) {
    throw;  // the executor answers UNAVAILABLE, as for any call
  } catch (const std::exception& error) {
    spdlog::warn("round {}: earlier surveys did not all join before approval: {}", round_id, error.what());
    return server::KeyedStatus(grpc::StatusCode::UNAVAILABLE,
                               "surveys recorded before round " + round_id +
                                   " opened are still joining it; try the approval again shortly",
                               "error.approval.surveys_joining", {{"round", round_id}});
  }
}

// The RoundApproved of an approval whose statuses are still being written,
// or none when the round has no such work pending.
std::optional<v1::RoundApproved> PendingApproval(redis::Connection& redis, const std::string& round_id) {
  const redis::Reply pending =
      redis.Command({"HGET", std::string(ClassificationKeys::kPendingApproval), round_id});
  if (pending.IsNil()) return std::nullopt;
  v1::EventEnvelope envelope;
  v1::RoundApproved approved;
  if (!envelope.ParseFromString(pending.str) || !envelope.payload().UnpackTo(&approved)) {
    throw std::runtime_error("corrupt pending approval of " + round_id);
  }
  return approved;
}

// The decision over the round's households as they are, read batch by batch
// into a tally that keeps what the decision needs (ids and counts): a
// province's round is never held whole. `between_batches` runs after each.
Result<ApprovalDecision> TallyRound(RoundStore& rounds, const v1::ReviewRound& round,
                                    const ApprovalInput& input,
                                    const std::function<void()>& between_batches) {
  ApprovalTally tally(round, input);
  rounds.ForEachHouseholdBatch(round.round_id(), [&](std::span<const v1::RoundHousehold> batch) {
    tally.Add(batch);
    if (between_batches) between_batches();
  });
  return tally.Decide();
}

// The commit in the round's slot, once every partition is held: the round's
// waiting events relayed first (none can be added now), so RoundApproved is
// the round's last event; then, under a WATCH on the round's record and only
// while the claim is held, the round APPROVED with RoundApproved, the claim
// dropped and the event's envelope kept for the catalogue. nullopt when the
// claim was lost (it lapsed and the pending-work finisher cancelled it) or
// other writers of the round's record won every attempt: nothing committed.
std::optional<v1::EventEnvelope> CommitApproval(redis::Connection& redis, const ClassificationKeys& keys,
                                                const std::string& round_id, const ApprovalClaim& claim,
                                                const ApprovalDecision& decision,
                                                const events::EventContext& context) {
  RoundEventRelay relay(redis, keys);
  const std::string key = keys.Round(round_id);
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    try {
      relay.Drain(round_id);
    } catch (const redis::TransactionAborted&) {
      continue;  // other relays moved the events; what is left is checked below
    }
    WatchScope scope(redis);
    const std::vector<redis::Reply> head = redis.Pipeline({{"WATCH", key}, {"HGETALL", key}});
    if (head.at(1).IsError()) throw redis::ReplyError(head[1].str);
    const std::optional<StoredRound> stored = ParseStoredRound(head[1]);
    std::optional<ApprovalClaim> held;
    for (size_t i = 0; i + 1 < head[1].elements.size(); i += 2) {
      if (head[1].elements[i].str == kApprovalClaimField)
        held = ParseApprovalClaim(head[1].elements[i + 1].str);
    }
    if (!stored || stored->round.status() != v1::ROUND_STATUS_OPEN || !held || held->token != claim.token) {
      return std::nullopt;
    }
    if (relay.AnyWaiting(round_id, RoundEventRelay::RelayedMarks(head[1]))) continue;
    StoredRound approved{decision.round, stored->events};
    // What the relay stored since the tally read the round.
    approved.round.set_last_posted_date(stored->round.last_posted_date());
    redis::Transaction tx;
    const v1::EventEnvelope envelope =
        QueueRoundStreamEvent(tx, keys, context, kRoundApproved, round_id, &approved.events,
                              approved.round.household_id(), decision.event);
    RoundStore::QueueRound(tx, keys, approved);
    tx.Add({"HDEL", key, std::string(kApprovalClaimField)});
    tx.Add({"HSET", key, std::string(kApprovalEnvelopeField), envelope.SerializeAsString()});
    try {
      tx.Exec(redis);
      return envelope;
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
    }
  }
  return std::nullopt;
}

}  // namespace

grpc::ServerUnaryReactor* ClassificationService::ApproveRound(grpc::CallbackServerContext* context,
                                                              const v1::ApproveRoundRequest* request,
                                                              v1::ApproveRoundResponse* response) {
  return executor_.Handle(context, "Classification.ApproveRound", response, [=, this](const auto& call) {
    if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
    const std::string& round_id = request->round_id();
    ApprovalInput input;
    input.approved_by = call.actor.name();
    input.decision_number = request->decision_number();
    input.decision_date = request->decision_date();
    input.today = environment_.clock.Today();
    input.exclusions.assign(request->exclusions().begin(), request->exclusions().end());
    input.max_unreviewed_list_percent = environment_.review.max_unreviewed_list_percent;
    // What the request alone gets wrong is refused before anything is read
    // or finished; the core checks the rest against the round.
    FieldViolations violations = RequireIds(round_id, nullptr);
    for (FieldViolation& violation : ValidateDecision(input)) violations.push_back(std::move(violation));
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    if (grpc::Status joined = JoinEarlierSurveys(call.redis, environment_, round_id); !joined.ok())
      return joined;

    RoundStore rounds(call.redis, environment_.keys);
    ApprovalApplier applier(call.redis, environment_);
    // Approved, its statuses perhaps still being written (an earlier call
    // was cut short): finish them and answer as that call would have.
    const auto answer_approved = [&](const v1::ReviewRound& round) -> grpc::Status {
      applier.Catalogue(round_id);
      const std::optional<v1::RoundApproved> pending = PendingApproval(call.redis, round_id);
      if (!pending) return server::ToStatus(*RequireOpen(round));
      *response->mutable_approval() = *pending;
      return grpc::Status::OK;
    };
    std::optional<StoredRound> stored = rounds.Load(round_id);
    if (!stored) return NoRound(round_id);
    if (stored->round.status() == v1::ROUND_STATUS_APPROVED) {
      if (grpc::Status answered = answer_approved(stored->round); !answered.ok()) return answered;
    } else {
      // Decided first on the round as it stands: a refusal writes nothing.
      if (Result<ApprovalDecision> first = TallyRound(rounds, stored->round, input, nullptr); !first.ok())
        return server::ToStatus(first.error());

      ApprovalHold hold(call.redis, environment_);
      std::optional<ApprovalClaim> claim = hold.Claim(round_id);
      if (!claim) {
        stored = rounds.Load(round_id);
        if (!stored || stored->round.status() != v1::ROUND_STATUS_APPROVED) return RoundBusy(round_id);
        if (grpc::Status answered = answer_approved(stored->round); !answered.ok()) return answered;
      } else {
        // Decided again once nothing can change: every partition held.
        std::optional<Result<ApprovalDecision>> decision;
        try {
          hold.CloseAll(round_id, *claim);
          stored = rounds.Load(round_id);
          if (!stored) throw std::runtime_error("round " + round_id + " vanished while it was approved");
          decision.emplace(TallyRound(rounds, stored->round, input, [&] { hold.Renew(round_id, *claim); }));
        } catch (const std::exception&) {
          try {
            hold.Release(round_id, *claim);
          } catch (const std::exception& error) {
            spdlog::warn(
                "round {}: an approval that failed left its partitions closed until its claim lapses: {}",
                round_id, error.what());
          }
          throw;
        }
        if (!decision->ok()) {
          hold.Release(round_id, *claim);
          return server::ToStatus(decision->error());
        }
        // A broken connection from here on may follow the commit: the
        // partitions are then left to the finisher, which reads whether the
        // round was approved.
        const std::optional<v1::EventEnvelope> committed = CommitApproval(
            call.redis, environment_.keys, round_id, *claim, decision->value(), RequestContext(call));
        if (!committed) {
          hold.Release(round_id, *claim);
          return RoundBusy(round_id);
        }
        *response->mutable_approval() = (*decision)->event;
        applier.Catalogue(round_id);
      }
    }

    applier.Finish(round_id);
    const std::optional<StoredRound> approved = rounds.Load(round_id);
    if (approved) *response->mutable_round() = approved->round;
    if (request->omit_results()) return grpc::Status::OK;
    const std::vector<std::string> approved_ids(response->approval().approved_household_ids().begin(),
                                                response->approval().approved_household_ids().end());
    for (v1::ApprovedResult& result : applier.ApprovedResults(round_id, approved_ids)) {
      *response->add_approved() = std::move(result);
    }
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::classification
