#pragma once

// The ward's time: Vietnam keeps UTC+7 all year (no daylight saving), so an
// instant's ward date is its UTC time plus seven hours, floored to the day.
// Dates in records, figures and alerts are ward dates: an event at 06:30 in
// the ward belongs to that day, not to the UTC day before.

#include <chrono>
#include <optional>
#include <string>

#include "kernel/civil_date.h"

namespace ansinh {

inline constexpr std::chrono::hours kWardUtcOffset{7};

// The ward's calendar date at `instant`.
CivilDate WardDateOf(std::chrono::system_clock::time_point instant);

enum class WardTimePrecision { kMinutes, kSeconds };

// `instant` as the ward's wall clock shows it: "2026-01-10 14:03", or
// "2026-01-10 14:03:05" to the second.
std::string FormatWardTime(std::chrono::sys_seconds instant,
                           WardTimePrecision precision = WardTimePrecision::kMinutes);

// "Now" and the ward's "today" for the adapters, which pass them into the
// cores (a core never reads the clock). main.cc builds the one clock of a
// service; a fixed day can replace the ward's date (flag --today-override, a
// testing and rehearsal aid: a complaint window or a follow-up period can be
// seen ended without waiting for it). The instant itself is never faked.
class WardClock {
 public:
  explicit WardClock(std::optional<CivilDate> today_override = std::nullopt)
      : today_override_(today_override) {}

  // To the whole second: the services have always stamped records so.
  std::chrono::sys_seconds Now() const;
  // The ward's date at `instant`, or the fixed day under --today-override.
  // With Now(), the date of that same instant (no midnight in between).
  CivilDate DateAt(std::chrono::system_clock::time_point instant) const;
  CivilDate Today() const { return DateAt(Now()); }

  const std::optional<CivilDate>& today_override() const { return today_override_; }

 private:
  std::optional<CivilDate> today_override_;
};

}  // namespace ansinh
