#include "kernel/civil_date.h"

#include <algorithm>
#include <cstdio>

namespace ansinh {
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

CivilDate AddDays(CivilDate date, int days) {
  return CivilDate{std::chrono::sys_days{date} + std::chrono::days{days}};
}

CivilDate AddMonths(CivilDate date, int months) {
  const std::chrono::year_month shifted =
      std::chrono::year_month{date.year(), date.month()} + std::chrono::months{months};
  const std::chrono::day last_day =
      std::chrono::year_month_day_last{shifted.year(), std::chrono::month_day_last{shifted.month()}}.day();
  return CivilDate{shifted.year(), shifted.month(), std::min(date.day(), last_day)};
}

int DaysBetween(CivilDate from, CivilDate to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

CivilDate LastDayOfYear(int year) {
  return CivilDate{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}};
}

bool IsWorkingDay(CivilDate date, std::span<const CivilDate> holidays) {
  const std::chrono::weekday weekday{std::chrono::sys_days{date}};
  if (weekday == std::chrono::Saturday || weekday == std::chrono::Sunday) return false;
  return std::find(holidays.begin(), holidays.end(), date) == holidays.end();
}

CivilDate LastOfWorkingDays(CivilDate start, int working_days, std::span<const CivilDate> holidays) {
  CivilDate day = start;
  int counted = 0;
  while (true) {
    if (IsWorkingDay(day, holidays) && ++counted >= working_days) return day;
    day = AddDays(day, 1);
  }
}

}  // namespace ansinh
