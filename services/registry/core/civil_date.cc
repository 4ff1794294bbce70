#include "registry/core/civil_date.h"

#include <cstdio>

namespace ansinh::registry {
namespace {

// Reads `count` ASCII digits starting at `pos`; -1 when any is not a digit.
int ReadDigits(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<CivilDate> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = ReadDigits(text, 0, 4);
  const int month = ReadDigits(text, 5, 2);
  const int day = ReadDigits(text, 8, 2);
  if (year < 1 || month < 0 || day < 0) return std::nullopt;
  const CivilDate date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                       std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatIsoDate(CivilDate date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

int AgeInYears(CivilDate birth, CivilDate on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  const bool birthday_still_ahead =
      on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day());
  if (birthday_still_ahead) --age;
  return age;
}

CivilDate TodayInVietnam() {
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  return CivilDate{std::chrono::floor<std::chrono::days>(now)};
}

}  // namespace ansinh::registry
