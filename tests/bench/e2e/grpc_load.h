#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <string>

#include "latency_stats.h"

namespace ansinh::bench {

// Starts one asynchronous call and calls `done` with its status when it ends
// (on a gRPC thread). Each start owns its own context, request and response.
using AsyncCall = std::function<void(std::function<void(const grpc::Status&)> done)>;

struct LoadResult {
  std::string call;
  int in_flight = 0;
  double seconds = 0;
  double calls_per_second = 0;
  int64_t errors = 0;
  std::string first_error;
  LatencySummary latency;
};

// A closed loop: keeps exactly `in_flight` calls outstanding for `duration`
// (each finished call starts the next), after `warm_up` whose calls are not
// counted.
LoadResult RunClosedLoop(const std::string& call_name, int in_flight, std::chrono::milliseconds warm_up,
                         std::chrono::milliseconds duration, const AsyncCall& start_call);

}  // namespace ansinh::bench
