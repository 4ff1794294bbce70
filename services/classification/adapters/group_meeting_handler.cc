// RecordGroupMeeting: the minutes of one residential-group meeting, every
// household it discussed recorded with its events. One call per group
// instead of one per household is what lets a province record its meetings
// in minutes rather than hours. The minutes are decided whole first (a
// household that cannot be discussed refuses them all, nothing written);
// then each partition's households are recorded in one transaction of that
// partition's slot. A stop part way leaves whole partitions recorded: the
// same minutes recorded again find those households already carrying this
// meeting (MeetingAlreadyRecorded) and record the rest.
#include <map>

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

// The decisions about households of `partition`, in the order of the
// minutes.
GroupMeetingInput DecisionsOfPartition(const GroupMeetingInput& input, const ClassificationKeys& keys,
                                       int partition) {
  GroupMeetingInput part = input;
  part.decisions.clear();
  for (const GroupMeetingDecision& decision : input.decisions) {
    if (keys.PartitionOf(decision.household_id) == partition) part.decisions.push_back(decision);
  }
  return part;
}

std::vector<const v1::RoundHousehold*> Pointers(
    const std::vector<std::optional<v1::RoundHousehold>>& records) {
  std::vector<const v1::RoundHousehold*> pointers;
  pointers.reserve(records.size());
  for (const std::optional<v1::RoundHousehold>& record : records)
    pointers.push_back(record ? &*record : nullptr);
  return pointers;
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
        const ClassificationKeys& keys = environment_.keys;
        const std::vector<std::string> household_ids = HouseholdIdsOf(input);
        const events::EventContext event_context = RequestContext(call);
        RoundStore rounds(call.redis, keys);

        // The whole minutes against the round as it stands, read without a
        // WATCH: a refusal names every household that cannot be discussed
        // and writes nothing.
        const std::optional<StoredRound> stored = rounds.Load(round_id);
        if (!stored) return NoRound(round_id);
        {
          const std::vector<std::optional<v1::RoundHousehold>> records =
              rounds.LoadHouseholds(round_id, household_ids);
          Result<std::vector<v1::RoundHousehold>> whole =
              classification::RecordGroupMeeting(stored->round, Pointers(records), input);
          if (!whole.ok()) return server::ToStatus(whole.error());
        }

        // Then partition by partition, each under a WATCH on its view of the
        // round and its records, decided again on what it read there.
        std::map<std::string, v1::RoundHousehold> recorded;
        for (int partition = 0; partition < keys.partitions(); ++partition) {
          const GroupMeetingInput part = DecisionsOfPartition(input, keys, partition);
          if (part.decisions.empty()) continue;
          const std::vector<std::string> part_ids = HouseholdIdsOf(part);
          bool done = false;
          for (int attempt = 0; attempt < kMaxRoundStepAttempts && !done; ++attempt) {
            WatchScope scope(call.redis);
            call.redis.Command({"WATCH", ClassificationKeys::PartitionRounds(partition),
                                ClassificationKeys::RoundHouseholds(round_id, partition)});
            const RoundForStep round = ReadRoundForStep(call.redis, keys, round_id, partition);
            if (!round.refusal.ok()) return round.refusal;
            const std::vector<std::optional<v1::RoundHousehold>> records =
                rounds.LoadHouseholds(round_id, part_ids);
            Result<std::vector<v1::RoundHousehold>> updated =
                classification::RecordGroupMeeting(round.round, Pointers(records), part);
            if (!updated.ok()) {
              // Another step changed one of them since the minutes were
              // decided; partitions before this one are recorded.
              return server::KeyedStatus(grpc::StatusCode::ABORTED,
                                         "round " + round_id + " changed while the meeting was recorded: " +
                                             updated.error().message +
                                             "; record the same minutes again to finish them",
                                         "error.round.busy", {{"round", round_id}});
            }
            std::optional<StoredRound> own = WatchOwnRound(call.redis, keys, round_id, partition);
            redis::Transaction tx;
            std::vector<v1::RoundHousehold> changed;
            for (size_t i = 0; i < updated->size(); ++i) {
              if (!MeetingAlreadyRecorded(*records[i], part, part.decisions[i])) {
                changed.push_back((*updated)[i]);
              }
            }
            RoundStore::QueueHouseholds(tx, keys, round_id, changed, PriorRecords(records));
            for (const v1::RoundHousehold& household : changed) {
              QueueMeetingRecorded(tx, keys, event_context, household, own ? &*own : nullptr);
            }
            if (own && !changed.empty()) RoundStore::QueueRound(tx, keys, *own);
            try {
              if (!tx.empty()) tx.Exec(call.redis);
            } catch (const redis::TransactionAborted&) {
              PauseBeforeRetry(attempt);
              continue;
            }
            for (v1::RoundHousehold& household : *updated) {
              recorded[household.household_id()] = std::move(household);
            }
            done = true;
          }
          if (!done) return RoundBusy(round_id);
        }
        RelayRoundEvents(call.redis, keys, round_id);
        const std::vector<std::optional<v1::ClassificationResult>> proposals =
            rounds.LoadProposals(round_id, household_ids);
        for (size_t i = 0; i < household_ids.size(); ++i) {
          *response->add_households() =
              WithProposal(std::move(recorded.at(household_ids[i])), proposals[i] ? &*proposals[i] : nullptr);
        }
        return grpc::Status::OK;
      });
}

}  // namespace ansinh::classification
