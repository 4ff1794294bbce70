#include "registry/core/sign_in_policy.h"

#include <algorithm>

namespace ansinh::registry {

SignInGate GateFor(const SignInCounters& counters, int64_t now_seconds) {
  SignInGate gate;
  if (counters.locked_until > now_seconds) {
    gate.locked = true;
    gate.locked_until = counters.locked_until;
    return gate;
  }
  if (counters.failed_in_a_row >= SignInPolicy::kSlowDownAfter) {
    // 2^(n-3) seconds, the exponent bounded before shifting.
    const int32_t doublings = std::min(counters.failed_in_a_row - SignInPolicy::kSlowDownAfter, 8);
    const std::chrono::seconds delay{int64_t{1} << doublings};
    gate.delay = std::min<std::chrono::seconds>(delay, SignInPolicy::kMaxDelay);
  }
  return gate;
}

SignInCounters AfterWrongPassword(SignInCounters counters, int64_t now_seconds) {
  if (counters.failed_in_a_row < SignInPolicy::kLockAfter * 100) ++counters.failed_in_a_row;
  if (counters.failed_in_a_row >= SignInPolicy::kLockAfter) {
    counters.locked_until = now_seconds + SignInPolicy::kLockDuration.count();
  }
  return counters;
}

}  // namespace ansinh::registry
