#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/livelihood.pb.h"
#include "assignment/adapters/assignment_environment.h"
#include "assignment/adapters/case_mutation.h"
#include "events/envelope_codec.h"
#include "redis/redis_connection.h"

namespace ansinh::assignment {

// A bulk case operation (JoinLivelihoodModel, MarkAffected): `transform` on
// the current case of each household, in order, each a MutateCase of its own
// (one transaction in the case's partition, with its events), and what
// happened to each (case_operation_outcomes.h). A household without a case,
// one whose case the core refuses, or one whose case kept changing under
// every attempt is reported refused; the others are done or already so. A
// Redis failure ends the call: the households done before it stay done
// (each was acknowledged by its own transaction), and a retried request
// reports them "already".
std::vector<v1::CaseOperationOutcome> ApplyToHouseholds(redis::Connection& redis,
                                                        const AssignmentEnvironment& environment,
                                                        const std::vector<std::string>& household_ids,
                                                        const events::EventContext& event_context,
                                                        const CaseTransform& transform);

}  // namespace ansinh::assignment
