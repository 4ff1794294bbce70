#pragma once

// Calendar dates of the ward ("YYYY-MM-DD" on the wire). The core never reads
// the clock: callers pass today's date in, usually derived from the request or
// event time with WardDateOf.

#include <google/protobuf/timestamp.pb.h>

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::assignment {

class Date {
 public:
  // Parses exactly "YYYY-MM-DD" naming a real calendar day; nullopt otherwise.
  static std::optional<Date> Parse(std::string_view text);
  static Date FromYmd(int year, unsigned month, unsigned day);

  std::string ToString() const;

  // Same day of month `months` later; clamped to the month's last day
  // (2024-02-29 plus 12 months is 2025-02-28).
  Date PlusMonths(int months) const;
  Date PlusDays(int days) const;

  // Whole days from this date to `later` (negative when `later` is earlier).
  int DaysUntil(Date later) const;

  auto operator<=>(const Date&) const = default;

 private:
  friend Date WardDateOf(const google::protobuf::Timestamp& instant);

  explicit Date(std::chrono::sys_days days) : days_(days) {}
  std::chrono::sys_days days_{};
};

// Vietnam keeps UTC+7 all year (no daylight saving).
inline constexpr std::chrono::minutes kWardUtcOffset{7 * 60};

// The ward's calendar date at `instant`.
Date WardDateOf(const google::protobuf::Timestamp& instant);

}  // namespace ansinh::assignment
