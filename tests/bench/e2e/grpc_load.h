#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

#include "latency_stats.h"

namespace ansinh::bench {

// Counts the asynchronous calls whose gRPC resources are still held. A
// callback returning is not the end of its call: gRPC releases the call
// after it, and the callback's captures (the ClientContext) with it, on its
// own thread. The stub and channel must not be destroyed meanwhile (a run
// of ansinh-bench aborted in gRPC with "ref_counted.h: prior > 0" right
// after its meetings, whose function did exactly that), so the owner of a
// stub waits here for every call first.
class CallsOutstanding {
 public:
  // The first member of a call's state, so that it is released last, after
  // the ClientContext.
  class Hold {
   public:
    explicit Hold(CallsOutstanding& calls);
    ~Hold();
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    CallsOutstanding& calls_;
  };

  void WaitUntilAllReleased();

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  int held_ = 0;
};

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
