#pragma once

#include <grpcpp/grpcpp.h>

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/classification.pb.h"
#include "classification/adapters/classification_keys.h"
#include "events/envelope_codec.h"
#include "kernel/civil_date.h"
#include "redis/redis_connection.h"
#include "server/request_executor.h"
#include "server/status_mapping.h"

namespace ansinh::classification {

// What every handler of the review procedure shares: how often a step on a
// round is tried, how it waits between tries and the answers it gives.
inline constexpr int kMaxRoundStepAttempts = 16;
inline constexpr std::string_view kReviewAction = "run the review procedure";

// Every step on households of a round WATCHes the partition's records of
// the round (and the relays the round's record), so officers (or a script)
// recording meetings at the same time collide; retrying at once collides
// again in lockstep. A short, growing, jittered pause spreads the
// retries out. This runs on an executor worker, never a gRPC thread.
void PauseBeforeRetry(int attempt);

// PERMISSION_DENIED unless the caller is a ward officer: only they run the
// review procedure.
grpc::Status RequireReviewOfficer(const server::CallScope& call);

grpc::Status RoundBusy(const std::string& round_id);
grpc::Status NoRound(const std::string& round_id);

// The round a step on households of `partition` works on, read once the step
// has WATCHed ClassificationKeys::PartitionRounds(partition), whose entry
// decides whether the step may commit there: the round as opened while it is
// open in the partition; once it is approved, its stored record, so that the
// core refuses the step saying when. `refusal` is set instead when there is
// no such round (NOT_FOUND) or an approval holds the partition closed while
// it decides (ABORTED: try again).
struct RoundForStep {
  v1::ReviewRound round;
  grpc::Status refusal;
};
RoundForStep ReadRoundForStep(redis::Connection& redis, const ClassificationKeys& keys,
                              const std::string& round_id, int partition);

// Relays the round's waiting events into its stream (round_event_relay.h):
// after a step committed in the households' partitions, so they are
// published when the call answers, and before a read of the round's
// progress, so what it counts is published. A relay that fails is logged and
// left to the next relay (the pending-work finisher relays every open
// round): the step is done.
void RelayRoundEvents(redis::Connection& redis, const ClassificationKeys& keys, const std::string& round_id);

// Violations for a missing round id and, when asked, household id.
FieldViolations RequireIds(const std::string& round_id, const std::string* household_id);

events::EventContext RequestContext(const server::CallScope& call);

// Steps happen on paper (the opening, the public posting) and officers enter
// them afterwards, so a request may carry the day a step happened. Empty when
// `text` may date a step: empty (meaning today) or an ISO date not after
// `today`; otherwise why it may not.
std::string StepDateProblem(std::string_view text, CivilDate today);
// The day a step happened: `text`, or today when it is empty.
std::string StepDateOrToday(const std::string& text, CivilDate today);
// For a required date the core checks for form (a meeting's): why it may
// not date a step when it is a date after `today`; empty otherwise.
std::string FutureDateProblem(std::string_view text, CivilDate today);

}  // namespace ansinh::classification
