#pragma once

#include <grpcpp/support/status.h>

#include <functional>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/adapters/assignment_environment.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "events/envelope_codec.h"
#include "kernel/result.h"
#include "redis/redis_connection.h"

namespace ansinh::assignment {

// One core operation on one case, e.g. AssignHelper bound to its request.
using CaseTransform =
    std::function<Result<CaseChange>(const v1::Case& current, const OperationContext& context)>;

// The one path every change to an existing case takes: WATCH the case and
// the change counters of the organizations and helpers it touches, read
// them (directory_store.h, WatchAndReadEntries), let `transform` decide (the core
// checks permission and input), then commit the case, its indexes, the
// counter delta and the events in one MULTI/EXEC, retrying when a watched key
// changed. A refused change writes nothing. The context's actor is
// `event_context.actor`, "when" is the environment's clock.
//
// NOT_FOUND when there is no such case; the core's refusals as statuses
// (server::ToStatus). On success *result holds the case after the change (the case
// as it was when the core found nothing to change).
grpc::Status MutateCase(redis::Connection& redis, const AssignmentEnvironment& environment,
                        std::string_view case_id, const events::EventContext& event_context,
                        const CaseTransform& transform, CaseChange* result);

}  // namespace ansinh::assignment
