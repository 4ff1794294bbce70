// RecordGroupMeeting: the minutes of one residential-group meeting, every
// household it discussed recorded in one transaction with its events. One
// call per group instead of one per household is what lets a province record
// its meetings in minutes rather than hours: each step on a round WATCHes the
// round, so single-household calls serialise on it.
#include "classification/adapters/classification_service.h"
#include "classification/adapters/event_publishing.h"
#include "classification/adapters/round_step_support.h"
#include "classification/adapters/round_store.h"
#include "classification/adapters/watch_scope.h"
#include "classification/core/group_meeting.h"
#include "redis/redis_error.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::classification {
namespace {

GroupMeetingInput InputOf(const v1::RecordGroupMeetingRequest& request, const std::string& recorded_by) {
  GroupMeetingInput input;
  input.meeting_date = request.meeting_date();
  input.minutes_reference = request.minutes_reference();
  input.recorded_by = recorded_by;
  input.decisions.reserve(request.decisions_size());
  for (const v1::GroupMeetingDecision& decision : request.decisions()) {
    input.decisions.push_back({decision.household_id(), decision.attendees(), decision.agreed()});
  }
  return input;
}

std::vector<std::string> HouseholdIdsOf(const GroupMeetingInput& input) {
  std::vector<std::string> ids;
  ids.reserve(input.decisions.size());
  for (const GroupMeetingDecision& decision : input.decisions) ids.push_back(decision.household_id);
  return ids;
}

}  // namespace

grpc::ServerUnaryReactor* ClassificationService::RecordGroupMeeting(
    grpc::CallbackServerContext* context, const v1::RecordGroupMeetingRequest* request,
    v1::RecordGroupMeetingResponse* response) {
  return executor_.Handle(
      context, "Classification.RecordGroupMeeting", response, [=, this](const server::CallScope& call) {
        if (auto denied = RequireReviewOfficer(call); !denied.ok()) return denied;
        const GroupMeetingInput input = InputOf(*request, call.actor.name());
        // Request-only checks first, so malformed minutes never touch Redis.
        FieldViolations violations = RequireIds(request->round_id(), nullptr);
        const FieldViolations minutes = ValidateGroupMeeting(input);
        violations.insert(violations.end(), minutes.begin(), minutes.end());
        if (std::string problem = FutureDateProblem(input.meeting_date, environment_.clock.Today());
            !problem.empty()) {
          violations.push_back({"meeting_date", std::move(problem)});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

        const std::string& round_id = request->round_id();
        const std::vector<std::string> household_ids = HouseholdIdsOf(input);
        const events::EventContext event_context = RequestContext(call);
        RoundStore rounds(call.redis, environment_.keys);
        for (int attempt = 0; attempt < kMaxRoundStepAttempts; ++attempt) {
          WatchScope scope(call.redis);
          call.redis.Command({"WATCH", environment_.keys.Round(round_id)});
          std::optional<StoredRound> stored = rounds.Load(round_id);
          if (!stored) return NoRound(round_id);
          const std::vector<std::optional<v1::RoundHousehold>> records =
              rounds.LoadHouseholds(round_id, household_ids);
          std::vector<const v1::RoundHousehold*> current;
          current.reserve(records.size());
          for (const std::optional<v1::RoundHousehold>& record : records)
            current.push_back(record ? &*record : nullptr);
          Result<std::vector<v1::RoundHousehold>> updated =
              classification::RecordGroupMeeting(stored->round, current, input);
          if (!updated.ok()) return server::ToStatus(updated.error());

          redis::Transaction tx;
          RoundStore::QueueHouseholds(tx, environment_.keys, round_id, updated.value(),
                                      PriorRecords(records));
          for (const v1::RoundHousehold& household : updated.value()) {
            QueueMeetingRecorded(tx, environment_.keys, event_context, &stored->events, household);
          }
          RoundStore::QueueRound(tx, environment_.keys, *stored);
          try {
            tx.Exec(call.redis);
          } catch (const redis::TransactionAborted&) {
            PauseBeforeRetry(attempt);
            continue;
          }
          const std::vector<std::optional<v1::ClassificationResult>> proposals =
              rounds.LoadProposals(round_id, household_ids);
          for (size_t i = 0; i < updated->size(); ++i) {
            *response->add_households() =
                WithProposal(std::move((*updated)[i]), proposals[i] ? &*proposals[i] : nullptr);
          }
          return grpc::Status::OK;
        }
        return RoundBusy(round_id);
      });
}

}  // namespace ansinh::classification
