#pragma once

#include <optional>

#include "assignment/core/date.h"
#include "assignment/core/operation_context.h"

namespace ansinh::assignment {

// "Now" for staff operations, queries and the follow-up timer: the real
// instant, and the ward's date at that instant. A fixed date can replace the
// ward's date (flag --today-override, a testing aid): follow-up ends, overdue
// visits and "not in the future" checks then use that day. Events consumed
// from classification use their own occurred_at instead (see
// StatusEventHandler), so a replayed event gets the dates it had.
class WardClock {
 public:
  explicit WardClock(std::optional<Date> today_override = std::nullopt) : today_override_(today_override) {}

  When Now() const;
  const std::optional<Date>& today_override() const { return today_override_; }

 private:
  std::optional<Date> today_override_;
};

}  // namespace ansinh::assignment
