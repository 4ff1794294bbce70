#pragma once

// How repeated wrong passwords slow down and then lock a staff account
// (docs/security.md, "Accounts and passwords"). Pure rules over a counter
// the adapter keeps in Redis (so they hold across restarts and across
// several console instances) and the time the adapter reads: this file reads
// no clock.

#include <chrono>
#include <cstdint>

namespace ansinh::registry {

// What the store keeps per username (known or not, so that a wrong username
// behaves exactly like a wrong password).
struct SignInCounters {
  // Wrong passwords since the last correct one.
  int32_t failed_in_a_row = 0;
  // Seconds since the epoch until which every sign-in is refused; 0 = none.
  int64_t locked_until = 0;

  friend bool operator==(const SignInCounters&, const SignInCounters&) = default;
};

struct SignInPolicy {
  // From this many wrong passwords in a row, each attempt waits before it
  // is answered: 1 s after 3, 2 s after 4, 4 s after 5..., at most kMaxDelay.
  static constexpr int32_t kSlowDownAfter = 3;
  static constexpr std::chrono::seconds kMaxDelay{8};
  // This many wrong in a row lock the account for kLockDuration; a wrong
  // password after the lock ends locks it again at once.
  static constexpr int32_t kLockAfter = 5;
  static constexpr std::chrono::seconds kLockDuration{15 * 60};
  // The counters are forgotten this long after the last wrong password.
  static constexpr std::chrono::seconds kCountersKeptFor{24 * 3600};
};

// Whether an attempt may go ahead at `now_seconds`: refused while locked,
// else how long to wait before answering it (the wait applies whatever the
// password turns out to be, so its length tells nothing).
struct SignInGate {
  bool locked = false;
  int64_t locked_until = 0;
  std::chrono::milliseconds delay{0};
};
SignInGate GateFor(const SignInCounters& counters, int64_t now_seconds);

// The counters after a wrong password at `now_seconds`.
SignInCounters AfterWrongPassword(SignInCounters counters, int64_t now_seconds);

// The counters after a correct password: all cleared.
inline SignInCounters AfterCorrectPassword() { return {}; }

}  // namespace ansinh::registry
