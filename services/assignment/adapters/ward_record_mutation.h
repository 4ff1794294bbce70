#pragma once

#include <grpcpp/support/status.h>

#include "ansinh/v1/livelihood.pb.h"
#include "assignment/adapters/assignment_environment.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"

namespace ansinh::assignment {

// Changes of the ward-wide records kept beside the directory (livelihood
// models, emergencies; livelihood_store.h): WATCH what the change depends
// on, read it, let the core check permission and input and decide, then
// store the record with its event in one MULTI/EXEC in the directory's slot,
// retrying when a watched key changed. A change that decides nothing new
// (an identical upsert, a repeated declaration or end) writes and publishes
// nothing and answers what is stored.

// WATCHes the model's change counter and the organizations (the model must
// name one of the directory).
grpc::Status StoreLivelihoodModelUpsert(redis::Connection& redis, const AssignmentEnvironment& environment,
                                        const events::EventContext& event_context,
                                        const v1::UpsertLivelihoodModelRequest& request,
                                        v1::UpsertLivelihoodModelResponse* response);

// WATCHes the emergencies and the counter of the year it began, which the
// transaction sets to the new emergency's number.
grpc::Status StoreEmergencyDeclaration(redis::Connection& redis, const AssignmentEnvironment& environment,
                                       const events::EventContext& event_context,
                                       const v1::DeclareEmergencyRequest& request,
                                       v1::DeclareEmergencyResponse* response);

// WATCHes the emergency's change counter.
grpc::Status StoreEmergencyEnd(redis::Connection& redis, const AssignmentEnvironment& environment,
                               const events::EventContext& event_context,
                               const v1::EndEmergencyRequest& request, v1::EndEmergencyResponse* response);

}  // namespace ansinh::assignment
