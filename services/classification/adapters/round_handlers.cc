// The review procedure (docs/domain.md §4): opening a round, the residential-group
// meeting, posting, complaints and the chairman's approval. Ward officers
// only; each step and its event commit together.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>

#include "classification/adapters/approval_applier.h"
#include "classification/adapters/classification_service.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/partitioned_reads.h"
#include "classification/adapters/round_backfill.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/status_store.h"
#include "classification/adapters/survey_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/approval_tally.h"
#include "classification/core/review_round.h"
#include "classification/core/round_approval.h"
#include "classification/core/round_counters.h"
#include "classification/core/round_list.h"
#include "classification/core/round_posting.h"
#include "redis/redis_error.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

// Members per SADD when listing an approved round's households.
constexpr size_t kMembersPerCommand = 1000;

grpc::Status NotInRound(const std::string& round_id, const std::string& household_id) {
  return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                             "household " + household_id + " is not in round " + round_id +
                                 ": no survey of it has been recorded for the round",
                             "error.round.household_not_in_round",
                             {{"household", household_id}, {"round", round_id}});
}

// "R-2025" for the periodic review of 2025 (one per year); "R-REG-2025-0007"
// for a regular review, numbered by the opening sequence.
std::string RoundIdFor(const v1::OpenRoundRequest& request, long long sequence) {
  if (request.kind() != v1::REVIEW_KIND_REGULAR) return "R-" + std::to_string(request.review_year());
  char number[32];
  std::snprintf(number, sizeof(number), "%04lld", sequence);
  return "R-REG-" + std::to_string(request.review_year()) + "-" + number;
}

// A step about one household of a round (a meeting, a complaint): under a
// WATCH on the round, the core turns the stored record into the new one, and
// the record and the step's event commit together.
using HouseholdStep =
    std::function<Result<v1::RoundHousehold>(const v1::ReviewRound&, const v1::RoundHousehold&)>;
using StepEvent = std::function<void(redis::Transaction&, StoredRound&, const v1::RoundHousehold&)>;

grpc::Status RunHouseholdStep(const server::CallScope& call, const ClassificationKeys& keys,
                              const std::string& round_id, const std::string& household_id,
                              const HouseholdStep& step, const StepEvent& publish,
                              v1::RoundHousehold* result) {
  RoundStore rounds(call.redis, keys);
  for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
    WatchScope scope(call.redis);
    call.redis.Command({"WATCH", keys.Round(round_id)});
    std::optional<StoredRound> stored = rounds.Load(round_id);
    if (!stored) return NoRound(round_id);
    const std::optional<v1::RoundHousehold> household = rounds.LoadHousehold(round_id, household_id);
    if (!household) return NotInRound(round_id, household_id);
    Result<v1::RoundHousehold> updated = step(stored->round, *household);
    if (!updated.ok()) return server::ToStatus(updated.error());
    redis::Transaction tx;
    RoundStore::QueueHouseholds(tx, keys, round_id, std::span(&updated.value(), 1), PriorRecords(household));
    publish(tx, *stored, updated.value());
    RoundStore::QueueRound(tx, keys, *stored);
    try {
      tx.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      PauseBeforeRetry(attempt);
      continue;
    }
    const std::optional<v1::ClassificationResult> proposal = rounds.LoadProposal(round_id, household_id);
    *result = WithProposal(std::move(updated).value(), proposal ? &*proposal : nullptr);
    return grpc::Status::OK;
  }
  return RoundBusy(round_id);
}

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

// Lists every household the approval decided (approved, excluded, or left
// out with its list decision) in its partition's to-apply set, where
// ApprovalApplier takes them batch by batch to their final state.
void QueueToApply(redis::Transaction& tx, const ClassificationKeys& keys, const std::string& round_id,
                  const v1::RoundApproved& approval) {
  std::vector<std::string> decided_ids(approval.approved_household_ids().begin(),
                                       approval.approved_household_ids().end());
  for (const v1::Exclusion& exclusion : approval.exclusions())
    decided_ids.push_back(exclusion.household_id());
  const std::vector<std::vector<std::string>> by_partition = IdsByPartition(keys, decided_ids);
  for (size_t partition = 0; partition < by_partition.size(); ++partition) {
    const std::vector<std::string>& ids = by_partition[partition];
    for (size_t start = 0; start < ids.size(); start += kMembersPerCommand) {
      redis::Args add{"SADD", ClassificationKeys::RoundToApply(round_id, static_cast<int>(partition))};
      for (size_t i = start; i < ids.size() && i < start + kMembersPerCommand; ++i) add.push_back(ids[i]);
      tx.Add(std::move(add));
    }
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
    const bool periodic = request->kind() == v1::REVIEW_KIND_PERIODIC;
    // The list is drawn up from the current official statuses: an approval
    // writing statuses meanwhile changes these indexes, and the opening
    // retries on the lists as they are then.
    const std::vector<v1::PovertyCategory> listed_categories{v1::POVERTY_CATEGORY_POOR,
                                                             v1::POVERTY_CATEGORY_NEAR_POOR};

    RoundStore rounds(call.redis, environment_.keys);
    StatusStore statuses(call.redis, keys);
    for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
      WatchScope scope(call.redis);
      redis::Args watch{"WATCH", std::string(ClassificationKeys::kOpenRounds),
                        ClassificationKeys::RoundsOfYear(request->review_year())};
      if (periodic) {
        for (std::string& index : statuses.IndexesOf(listed_categories)) watch.push_back(std::move(index));
      }
      call.redis.Command(watch);
      std::set<std::string> ids;
      for (std::string& id : rounds.OpenRoundIds()) ids.insert(std::move(id));
      for (std::string& id : rounds.RoundIdsOfYear(request->review_year())) ids.insert(std::move(id));
      std::vector<v1::ReviewRound> existing;
      for (std::optional<StoredRound>& stored : rounds.LoadMany({ids.begin(), ids.end()})) {
        if (stored) existing.push_back(std::move(stored->round));
      }
      Result<v1::ReviewRound> opened = classification::OpenRound(input, environment_.catalog, existing);
      if (!opened.ok()) return server::ToStatus(opened.error());
      const std::vector<v1::HouseholdStatusSummary> current =
          periodic ? statuses.CurrentIn(listed_categories) : std::vector<v1::HouseholdStatusSummary>{};
      const RoundOpening opening = OpeningOf(std::move(opened).value(), current);

      StoredRound stored{opening.round, 0};
      redis::Transaction tx;
      const v1::EventEnvelope envelope =
          QueueRoundEvent(tx, keys, RequestContext(call), kReviewRoundOpened, input.round_id, &stored.events,
                          opening.round.household_id(), opening.event);
      RoundStore::QueueRound(tx, environment_.keys, stored);
      RoundStore::QueueHouseholds(tx, keys, input.round_id, opening.list.households, PriorRecords());
      RoundCounterStore::QueueCounted(tx, keys, input.round_id);
      tx.Add({"ZADD", std::string(ClassificationKeys::kRounds), std::to_string(sequence), input.round_id});
      tx.Add({"SADD", ClassificationKeys::RoundsOfYear(request->review_year()), input.round_id});
      tx.Add({"SADD", std::string(ClassificationKeys::kOpenRounds), input.round_id});
      tx.Add({"HSET", std::string(ClassificationKeys::kPendingBackfill), input.round_id,
              envelope.SerializeAsString()});
      try {
        tx.Exec(call.redis);
      } catch (const redis::TransactionAborted&) {
        PauseBeforeRetry(attempt);
        continue;
      }
      *response->mutable_round() = opening.round;
      if (!opening.list.households.empty()) {
        spdlog::info("round {} opened with {} households on its list ({} poor, {} near-poor)", input.round_id,
                     opening.list.households.size(), opening.list.poor, opening.list.near_poor);
      }
      try {
        RoundBackfill(call.redis, environment_).Finish(input.round_id);
      } catch (const std::exception& error) {
        // The round is open; the surveys recorded before it join it when
        // PendingWorkFinisher retries.
        spdlog::warn("round {} opened, pulling in earlier surveys failed: {}", input.round_id, error.what());
      }
      return grpc::Status::OK;
    }
    return RoundBusy(input.round_id);
  });
}

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
        [&](redis::Transaction& tx, StoredRound& stored, const v1::RoundHousehold& updated) {
          QueueMeetingRecorded(tx, environment_.keys, event_context, &stored.events, updated);
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
        [&](redis::Transaction& tx, StoredRound& stored, const v1::RoundHousehold& updated) {
          v1::ComplaintFiled event;
          event.set_round_id(updated.round_id());
          event.set_household_id(updated.household_id());
          *event.mutable_complaint() = updated.complaints(updated.complaints_size() - 1);
          QueueRoundEvent(tx, environment_.keys, event_context, kComplaintFiled, updated.round_id(),
                          &stored.events, updated.household_id(), event);
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
    // households, its ResultsPosted and the round in one transaction: a
    // province's round is never held whole. A stop part way leaves whole
    // pages posted; posting again posts the agreed households left.
    std::vector<std::string> posted_ids;
    PostingOutcome last;
    for (int partition = 0; partition < environment_.keys.partitions(); ++partition) {
      std::string cursor = "0";
      do {
        bool page_done = false;
        for (int attempt = 0; attempt < kMaxRoundStepAttempts && !page_done; ++attempt) {
          WatchScope scope(call.redis);
          call.redis.Command({"WATCH", environment_.keys.Round(round_id)});
          std::optional<StoredRound> stored = rounds.Load(round_id);
          if (!stored) return NoRound(round_id);
          RoundStore::HouseholdPage page = rounds.ScanHouseholds(round_id, partition, cursor);
          Result<PostingOutcome> posting =
              PostBatch(stored->round, page.records, posted_on, environment_.posting);
          if (!posting.ok()) return server::ToStatus(posting.error());
          if (!posting->posted.empty()) {
            redis::Transaction tx;
            RoundStore::QueueHouseholds(tx, environment_.keys, round_id, posting->posted,
                                        PriorRecords(page.records));
            stored->round = posting->round;
            QueueRoundEvent(tx, environment_.keys, RequestContext(call), kResultsPosted, round_id,
                            &stored->events, stored->round.household_id(), posting->event);
            RoundStore::QueueRound(tx, environment_.keys, *stored);
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
    if (posted_ids.empty()) {
      // Counted from the round's counters, which a household shown twice by
      // the scan cannot skew.
      const RoundCounters counters = RoundCounterStore(call.redis, environment_.keys).LoadOrCount(round_id);
      const v1::RoundProgress progress =
          ProgressFromCounters(opened->round, counters, environment_.clock.Today());
      return server::ToStatus(NothingToPost(opened->round, progress.proposed()));
    }
    std::sort(posted_ids.begin(), posted_ids.end());
    *response->mutable_round() = last.round;
    response->mutable_posted_household_ids()->Assign(posted_ids.begin(), posted_ids.end());
    response->set_complaint_window_closes(last.event.complaint_window_closes());
    return grpc::Status::OK;
  });
}

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
    bool committed = false;
    for (int attempt = 0; attempt < kMaxRoundStepAttempts && !committed; ++attempt) {
      WatchScope scope(call.redis);
      call.redis.Command({"WATCH", environment_.keys.Round(round_id)});
      std::optional<StoredRound> stored = rounds.Load(round_id);
      if (!stored) return NoRound(round_id);
      if (stored->round.status() == v1::ROUND_STATUS_APPROVED) {
        // Approved, its statuses still being written (an earlier call was
        // cut short): finish them and answer as that call would have.
        const std::optional<v1::RoundApproved> pending = PendingApproval(call.redis, round_id);
        if (!pending) return server::ToStatus(*RequireOpen(stored->round));
        *response->mutable_approval() = *pending;
        committed = true;
        break;
      }
      // The round is read batch by batch and decided from what the tally
      // keeps (ids and counts): a province's round is never held whole. The
      // WATCH on the round covers every household: each step that changes
      // one rewrites the round's record too.
      ApprovalTally tally(stored->round, input);
      rounds.ForEachHouseholdBatch(round_id,
                                   [&tally](std::span<const v1::RoundHousehold> batch) { tally.Add(batch); });
      Result<ApprovalDecision> approval = tally.Decide();
      if (!approval.ok()) return server::ToStatus(approval.error());

      // The round, its event and the work left: each household reaches its
      // final state with its official status, batch by batch, in
      // ApprovalApplier (below, or PendingWorkFinisher after a crash).
      redis::Transaction tx;
      QueueToApply(tx, environment_.keys, round_id, approval->event);
      tx.Add({"SREM", std::string(ClassificationKeys::kOpenRounds), round_id});
      stored->round = approval->round;
      const v1::EventEnvelope envelope =
          QueueRoundEvent(tx, environment_.keys, RequestContext(call), kRoundApproved, round_id,
                          &stored->events, stored->round.household_id(), approval->event);
      RoundStore::QueueRound(tx, environment_.keys, *stored);
      tx.Add({"HSET", std::string(ClassificationKeys::kPendingApproval), round_id,
              envelope.SerializeAsString()});
      try {
        tx.Exec(call.redis);
        *response->mutable_approval() = std::move(approval->event);
        committed = true;
      } catch (const redis::TransactionAborted&) {
        PauseBeforeRetry(attempt);
        continue;
      }
    }
    if (!committed) return RoundBusy(round_id);

    ApprovalApplier applier(call.redis, environment_);
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
