// The steps of the review procedure (docs/domain.md §4) about households of
// an open round: the residential-group meeting, posting and complaints. Ward
// officers only. Each commits in the households' partition (the household's
// record, the round's counters and the step's event in the partition's
// outbox), then relays the round's events into its stream. Opening and
// approval are in open_round_handler.cc and approve_round_handler.cc.
#include <algorithm>
#include <functional>

#include "classification/adapters/classification_service.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/round_counter_store.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/review_round.h"
#include "classification/core/round_counters.h"
#include "classification/core/round_posting.h"
#include "redis/redis_error.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

grpc::Status NotInRound(const std::string& round_id, const std::string& household_id) {
  return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                             "household " + household_id + " is not in round " + round_id +
                                 ": no survey of it has been recorded for the round",
                             "error.round.household_not_in_round",
                             {{"household", household_id}, {"round", round_id}});
}

// A step about one household of a round (a meeting, a complaint): under a
// WATCH on its partition's view of the round and its partition's records of
// the round, the core turns the stored record into the new one, and the
// record and the step's event commit together in the partition's slot.
using HouseholdStep =
    std::function<Result<v1::RoundHousehold>(const v1::ReviewRound&, const v1::RoundHousehold&)>;
// `own`: the round's record when the household is of the round's own
// partition (QueueRoundEvent).
using StepEvent = std::function<void(redis::Transaction&, const v1::RoundHousehold&, StoredRound* own)>;

grpc::Status RunHouseholdStep(const server::CallScope& call, const ClassificationKeys& keys,
                              const std::string& round_id, const std::string& household_id,
                              const HouseholdStep& step, const StepEvent& publish,
                              v1::RoundHousehold* result) {
  RoundStore rounds(call.redis, keys);
  const int partition = keys.PartitionOf(household_id);
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    WatchScope scope(call.redis);
    call.redis.Command({"WATCH", ClassificationKeys::PartitionRounds(partition),
                        ClassificationKeys::RoundHouseholds(round_id, partition)});
    const RoundForStep round = ReadRoundForStep(call.redis, keys, round_id, partition);
    if (!round.refusal.ok()) return round.refusal;
    const std::optional<v1::RoundHousehold> household = rounds.LoadHousehold(round_id, household_id);
    if (!household) return NotInRound(round_id, household_id);
    Result<v1::RoundHousehold> updated = step(round.round, *household);
    if (!updated.ok()) return server::ToStatus(updated.error());
    std::optional<StoredRound> own = WatchOwnRound(call.redis, keys, round_id, partition);
    redis::Transaction tx;
    RoundStore::QueueHouseholds(tx, keys, round_id, std::span(&updated.value(), 1), PriorRecords(household));
    publish(tx, updated.value(), own ? &*own : nullptr);
    if (own) RoundStore::QueueRound(tx, keys, *own);
    try {
      tx.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
      continue;
    }
    RelayRoundEvents(call.redis, keys, round_id);
    const std::optional<v1::ClassificationResult> proposal = rounds.LoadProposal(round_id, household_id);
    *result = WithProposal(std::move(updated).value(), proposal ? &*proposal : nullptr);
    return grpc::Status::OK;
  }
  return RoundBusy(round_id);
}

}  // namespace

grpc::ServerUnaryReactor* ClassificationService::RecordMeeting(grpc::CallbackServerContext* context,
                                                               const v1::RecordMeetingRequest* request,
                                                               v1::RecordMeetingResponse* response) {
  return executor_.Handle(context, "Classification.RecordMeeting", response, [=, this](const auto& call) {
    if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
    FieldViolations violations = RequireIds(request->round_id(), &request->household_id());
    if (std::string problem = FutureDateProblem(request->meeting_date(), environment_.clock.Today());
        !problem.empty()) {
      violations.push_back({"meeting_date", std::move(problem)});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    MeetingInput input;
    input.meeting_date = request->meeting_date();
    input.attendees = request->attendees();
    input.agreed = request->agreed();
    input.minutes_reference = request->minutes_reference();
    input.recorded_by = call.actor.name();
    const events::EventContext event_context = RequestContext(call);
    return RunHouseholdStep(
        call, environment_.keys, request->round_id(), request->household_id(),
        [&](const v1::ReviewRound& round, const v1::RoundHousehold& household) {
          return classification::RecordMeeting(round, household, input);
        },
        [&](redis::Transaction& tx, const v1::RoundHousehold& updated, StoredRound* own) {
          QueueMeetingRecorded(tx, environment_.keys, event_context, updated, own);
        },
        response->mutable_household());
  });
}

grpc::ServerUnaryReactor* ClassificationService::FileComplaint(grpc::CallbackServerContext* context,
                                                               const v1::FileComplaintRequest* request,
                                                               v1::FileComplaintResponse* response) {
  return executor_.Handle(context, "Classification.FileComplaint", response, [=, this](const auto& call) {
    if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
    FieldViolations violations = RequireIds(request->round_id(), &request->household_id());
    if (std::string problem = StepDateProblem(request->received_date(), environment_.clock.Today());
        !problem.empty()) {
      violations.push_back({"received_date", std::move(problem)});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    ComplaintInput input;
    input.received_date = StepDateOrToday(request->received_date(), environment_.clock.Today());
    input.complainant = request->complainant();
    input.content = request->content();
    input.recorded_by = call.actor.name();
    const events::EventContext event_context = RequestContext(call);
    return RunHouseholdStep(
        call, environment_.keys, request->round_id(), request->household_id(),
        [&](const v1::ReviewRound& round, const v1::RoundHousehold& household) {
          return classification::FileComplaint(round, household, input);
        },
        [&](redis::Transaction& tx, const v1::RoundHousehold& updated, StoredRound* own) {
          v1::ComplaintFiled event;
          event.set_round_id(updated.round_id());
          event.set_household_id(updated.household_id());
          *event.mutable_complaint() = updated.complaints(updated.complaints_size() - 1);
          QueueRoundEvent(tx, environment_.keys, event_context, kComplaintFiled, updated.round_id(),
                          environment_.keys.PartitionOf(updated.household_id()), updated.household_id(),
                          event, own);
        },
        response->mutable_household());
  });
}

grpc::ServerUnaryReactor* ClassificationService::PostResults(grpc::CallbackServerContext* context,
                                                             const v1::PostResultsRequest* request,
                                                             v1::PostResultsResponse* response) {
  return executor_.Handle(context, "Classification.PostResults", response, [=, this](const auto& call) {
    if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
    const std::string& round_id = request->round_id();
    FieldViolations violations = RequireIds(round_id, nullptr);
    if (std::string problem = StepDateProblem(request->posted_on(), environment_.clock.Today());
        !problem.empty()) {
      violations.push_back({"posted_on", std::move(problem)});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    const std::string posted_on = StepDateOrToday(request->posted_on(), environment_.clock.Today());
    RoundStore rounds(call.redis, environment_.keys);
    const std::optional<StoredRound> opened = rounds.Load(round_id);
    if (!opened) return NoRound(round_id);
    // Both are ISO dates, so text order is calendar order. Not the core's
    // INVALID_ARGUMENT: the date is well formed, the round's history rules
    // it out.
    if (posted_on < opened->round.opened_date()) {
      return server::KeyedStatus(
          grpc::StatusCode::FAILED_PRECONDITION,
          "round " + round_id + " cannot be posted on " + posted_on + ": it opened on " +
              opened->round.opened_date() + ", and results are posted after the opening",
          "error.post.before_opening",
          {{"round", round_id}, {"date", posted_on}, {"opened", opened->round.opened_date()}});
    }
    // The request and the round alone, before anything is read or written.
    if (Result<PostingOutcome> checked = PostBatch(opened->round, {}, posted_on, environment_.posting);
        !checked.ok()) {
      return server::ToStatus(checked.error());
    }
    // Page by page (500 records of one partition), each page's posted
    // households and its ResultsPosted in one transaction of the partition's
    // slot, under a WATCH on the partition's view of the round and its
    // records: a province's round is never held whole. A stop part way
    // leaves whole pages posted; posting again posts the agreed households
    // left. The round's record learns the posting's date when the relay
    // moves the pages' events into its stream.
    const ClassificationKeys& keys = environment_.keys;
    std::vector<std::string> posted_ids;
    PostingOutcome last;
    for (int partition = 0; partition < keys.partitions(); ++partition) {
      std::string cursor = "0";
      do {
        bool page_done = false;
        for (int attempt = 0; attempt < kMaxRoundStepAttempts && !page_done; ++attempt) {
          WatchScope scope(call.redis);
          call.redis.Command({"WATCH", ClassificationKeys::PartitionRounds(partition),
                              ClassificationKeys::RoundHouseholds(round_id, partition)});
          const RoundForStep round = ReadRoundForStep(call.redis, keys, round_id, partition);
          if (!round.refusal.ok()) return round.refusal;
          RoundStore::HouseholdPage page = rounds.ScanHouseholds(round_id, partition, cursor);
          Result<PostingOutcome> posting =
              PostBatch(round.round, page.records, posted_on, environment_.posting);
          if (!posting.ok()) return server::ToStatus(posting.error());
          if (!posting->posted.empty()) {
            std::optional<StoredRound> own = WatchOwnRound(call.redis, keys, round_id, partition);
            redis::Transaction tx;
            RoundStore::QueueHouseholds(tx, keys, round_id, posting->posted, PriorRecords(page.records));
            QueueRoundEvent(tx, keys, RequestContext(call), kResultsPosted, round_id, partition,
                            round.round.household_id(), posting->event, own ? &*own : nullptr);
            if (own) {
              // In the round's own slot the round learns the posting's date
              // here; elsewhere from the relay.
              own->round.set_last_posted_date(posted_on);
              RoundStore::QueueRound(tx, keys, *own);
            }
            try {
              tx.Exec(call.redis);
            } catch (const redis::TransactionAborted&) {
              PauseBeforeRetry(attempt);
              continue;
            }
            for (const std::string& id : posting->event.household_ids()) posted_ids.push_back(id);
            last = std::move(posting).value();
          }
          cursor = std::move(page.next_cursor);
          page_done = true;
        }
        if (!page_done) return RoundBusy(round_id);
      } while (cursor != "0");
    }
    RelayRoundEvents(call.redis, keys, round_id);
    if (posted_ids.empty()) {
      // Counted from the round's counters, which a household shown twice by
      // the scan cannot skew.
      const RoundCounters counters = RoundCounterStore(call.redis, environment_.keys).LoadOrCount(round_id);
      const v1::RoundProgress progress =
          ProgressFromCounters(opened->round, counters, environment_.clock.Today());
      return server::ToStatus(NothingToPost(opened->round, progress.proposed()));
    }
    std::sort(posted_ids.begin(), posted_ids.end());
    // The round as stored, with this posting's date (which the relay
    // stores; said here too should the relay have left it for later).
    const std::optional<StoredRound> posted_round = rounds.Load(round_id);
    *response->mutable_round() = posted_round ? posted_round->round : last.round;
    response->mutable_round()->set_last_posted_date(posted_on);
    response->mutable_posted_household_ids()->Assign(posted_ids.begin(), posted_ids.end());
    response->set_complaint_window_closes(last.event.complaint_window_closes());
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::classification
