#pragma once

#include <vector>

#include "grpc_load.h"
#include "ward_pipeline.h"

namespace ansinh::bench {

// The unary calls measured at 1, 8 and 32 in flight: an empty callback RPC
// (Operations.Ping, the baseline of what gRPC itself costs here), a read
// (Registry.GetHousehold), an official status with its explanation
// re-derived (Classification.GetOfficialStatus), a page of 50 of the status
// lists (Classification.ListHouseholdStatuses) and a write
// (Assignment.RecordVisit, which commits a visit and publishes an event).
// Registry.GetHousehold alone, at each number of calls in flight.
std::vector<LoadResult> RunHouseholdReads(testkit::WardStack& stack, const PipelineResult& cycle,
                                          std::chrono::milliseconds duration_per_point);

std::vector<LoadResult> RunUnaryScenarios(testkit::WardStack& stack, const PipelineResult& cycle,
                                          std::chrono::milliseconds duration_per_point);

}  // namespace ansinh::bench
