#include "monitoring/core/date.h"

#include <cstdio>

namespace ansinh::monitoring {
namespace {

// Parses exactly `digits` decimal digits; nullopt on anything else.
std::optional<int> ParseDigits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::optional<int> year = ParseDigits(text.substr(0, 4));
  const std::optional<int> month = ParseDigits(text.substr(5, 2));
  const std::optional<int> day = ParseDigits(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*year},
                                        std::chrono::month{static_cast<unsigned>(*month)},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

std::string FormatDate(Date date) {
  const std::chrono::year_month_day ymd{date};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

int DaysBetween(Date from, Date to) { return static_cast<int>((to - from).count()); }

int YearOf(Date date) { return static_cast<int>(std::chrono::year_month_day{date}.year()); }

Date LastDayOfYear(int year) {
  return Date{std::chrono::year{year} / std::chrono::December / std::chrono::day{31}};
}

}  // namespace ansinh::monitoring
