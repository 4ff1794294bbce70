#include "kernel/ward_clock.h"

#include <cstdio>

namespace ansinh {

CivilDate WardDateOf(std::chrono::system_clock::time_point instant) {
  return CivilDate{std::chrono::floor<std::chrono::days>(instant + kWardUtcOffset)};
}

std::string FormatWardTime(std::chrono::sys_seconds instant, WardTimePrecision precision) {
  const std::chrono::sys_seconds ward = instant + kWardUtcOffset;
  const std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(ward);
  const CivilDate date{day};
  const std::chrono::hh_mm_ss time{ward - day};
  char text[32];
  const int length =
      std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                    static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()));
  if (precision == WardTimePrecision::kSeconds && length > 0) {
    std::snprintf(text + length, sizeof text - static_cast<size_t>(length), ":%02d",
                  static_cast<int>(time.seconds().count()));
  }
  return text;
}

std::chrono::sys_seconds WardClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

CivilDate WardClock::DateAt(std::chrono::system_clock::time_point instant) const {
  return today_override_ ? *today_override_ : WardDateOf(instant);
}

}  // namespace ansinh
