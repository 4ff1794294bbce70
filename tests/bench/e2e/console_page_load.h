#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "latency_stats.h"
#include "ward_pipeline.h"

namespace ansinh::testkit {
class WardStack;
}

namespace ansinh::bench {

// One point of the console stage: `clients` closed-loop clients, each
// loading household pages one after the other, `via` the console (HTTP, a
// signed-in session, JSON) or directly over gRPC (the same four calls with a
// ward officer's token).
struct PagePoint {
  std::string via;  // "console" or "grpc"
  int clients = 0;
  double calls_per_second = 0;
  int64_t errors = 0;
  std::string first_error;
  LatencySummary latency;  // of each call
};

// The household page's calls (Registry.GetHousehold,
// Classification.GetOfficialStatus, Assignment.GetCaseByHousehold,
// Monitoring.GetHouseholdTimeline) on households that have a case, at 1, 8
// and 32 clients, directly and through an ansinh-console started before the
// stack, side by side. Signs in through the console with an account it
// creates (Accounts); throws std::runtime_error naming the step that failed.
std::vector<PagePoint> RunConsoleHouseholdPage(testkit::WardStack& stack, const PipelineResult& cycle,
                                               std::chrono::milliseconds duration_per_point);

}  // namespace ansinh::bench
