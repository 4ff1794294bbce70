#pragma once

#include <grpcpp/support/status.h>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/adapters/assignment_environment.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"

namespace ansinh::assignment {

// Creating or replacing an organization or a helper: WATCH the directory and
// the counters, let the core check permission and input and decide the new
// version, then store it with its event in one MULTI/EXEC, retrying when a
// watched key changed. An upsert identical to what is stored writes and
// publishes nothing and answers what is stored.
grpc::Status StoreOrganizationUpsert(redis::Connection& redis, const AssignmentEnvironment& environment,
                                     const events::EventContext& event_context,
                                     const v1::UpsertOrganizationRequest& request,
                                     v1::UpsertOrganizationResponse* response);

grpc::Status StoreHelperUpsert(redis::Connection& redis, const AssignmentEnvironment& environment,
                               const events::EventContext& event_context,
                               const v1::UpsertHelperRequest& request, v1::UpsertHelperResponse* response);

}  // namespace ansinh::assignment
