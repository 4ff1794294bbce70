#include "grpc_load.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace ansinh::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Shared by the loop's call slots; outlives every callback (the loop waits
// for all slots to finish before returning).
struct LoopState {
  std::mutex mutex;
  std::condition_variable all_done;
  int slots_running = 0;
  Clock::time_point measure_from;
  Clock::time_point stop_at;
  std::vector<double> latencies_ms;
  int64_t errors = 0;
  std::string first_error;
};

void StartSlot(const std::shared_ptr<LoopState>& state, const AsyncCall& start_call) {
  const Clock::time_point started = Clock::now();
  start_call([state, &start_call, started](const grpc::Status& status) {
    const Clock::time_point finished = Clock::now();
    bool again = false;
    {
      const std::lock_guard lock(state->mutex);
      if (started >= state->measure_from && finished <= state->stop_at) {
        if (status.ok()) {
          state->latencies_ms.push_back(
              std::chrono::duration<double, std::milli>(finished - started).count());
        } else if (state->errors++ == 0) {
          state->first_error = std::to_string(status.error_code()) + " " + status.error_message();
        }
      }
      again = finished < state->stop_at;
      if (!again && --state->slots_running == 0) state->all_done.notify_all();
    }
    if (again) StartSlot(state, start_call);
  });
}

}  // namespace

CallsOutstanding::Hold::Hold(CallsOutstanding& calls) : calls_(calls) {
  const std::lock_guard lock(calls_.mutex_);
  ++calls_.held_;
}

CallsOutstanding::Hold::~Hold() {
  const std::lock_guard lock(calls_.mutex_);
  if (--calls_.held_ == 0) calls_.released_.notify_all();
}

void CallsOutstanding::WaitUntilAllReleased() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return held_ == 0; });
}

LoadResult RunClosedLoop(const std::string& call_name, int in_flight, std::chrono::milliseconds warm_up,
                         std::chrono::milliseconds duration, const AsyncCall& start_call) {
  auto state = std::make_shared<LoopState>();
  state->measure_from = Clock::now() + warm_up;
  state->stop_at = state->measure_from + duration;
  state->slots_running = in_flight;
  for (int slot = 0; slot < in_flight; ++slot) StartSlot(state, start_call);
  std::unique_lock lock(state->mutex);
  state->all_done.wait(lock, [&] { return state->slots_running == 0; });

  LoadResult result;
  result.call = call_name;
  result.in_flight = in_flight;
  result.seconds = std::chrono::duration<double>(duration).count();
  result.errors = state->errors;
  result.first_error = state->first_error;
  result.latency = Summarize(std::move(state->latencies_ms));
  result.calls_per_second = static_cast<double>(result.latency.count) / result.seconds;
  return result;
}

}  // namespace ansinh::bench
