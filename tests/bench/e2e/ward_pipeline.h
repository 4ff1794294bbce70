#pragma once

#include <grpcpp/grpcpp.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "latency_stats.h"
#include "ward_stack.h"

namespace ansinh::bench {

// What one end-to-end run measured.
struct PipelineResult {
  int64_t households = 0;
  int64_t imported = 0;
  int64_t meetings = 0;
  int64_t approved = 0;
  int64_t official_poor = 0;
  int64_t official_near_poor = 0;
  int64_t cases_opened = 0;
  // From the first import row sent.
  double import_seconds = 0;          // until the import's response
  double surveys_joined_seconds = 0;  // until classification holds every survey
  double meetings_seconds = 0;        // until every group meeting was recorded
  double posted_seconds = 0;          // until the results were posted
  double approved_seconds = 0;        // until the round was approved
  double drained_seconds = 0;         // until every consumer group applied everything
  // GetRoundProgress on the posted round, every household in it (from its
  // counters: docs/classification.md, "Round progress").
  LatencySummary progress_read;
  std::vector<std::string> household_ids;  // as imported, for the gRPC load
  std::vector<std::string> case_ids;       // opened cases, for the gRPC load
};

// A channel to one of the stack's services without gRPC's 4 MiB limit on
// answers.
std::shared_ptr<grpc::Channel> BenchChannel(testkit::WardStack& stack, const std::string& service);

// The yearly cycle on `stack`: imports `households` generated households
// (the demo ward generator, seed `seed`), runs the 2025 periodic review to
// approval (meetings for every proposed household, posting, approval) and
// waits until every consumer group has applied every event. Throws
// std::runtime_error naming the step that failed.
PipelineResult RunYearlyCycle(testkit::WardStack& stack, int64_t households, uint64_t seed);

// The report's "end_to_end": the cycle's results, step times and rates.
nlohmann::json EndToEndReport(const PipelineResult& cycle);

// `extra_args` with each service's --metrics-port moved to a free port: a
// second stack of the same run cannot bind the first one's.
std::map<std::string, std::vector<std::string>> WithFreshMetricsPorts(
    std::map<std::string, std::vector<std::string>> extra_args);

// Copies every service's and Redis's log under `from` (a stack's directory,
// a cluster's node directories included) to `to`: a failed step's reasons,
// before the stack's directory goes.
void KeepServiceLogs(const std::string& from, const std::string& to);

}  // namespace ansinh::bench
