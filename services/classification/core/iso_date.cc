#include "classification/core/iso_date.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace ansinh::classification {
namespace {

bool ParseDigits(std::string_view text, int& out) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (!ParseDigits(text.substr(0, 4), year) || !ParseDigits(text.substr(5, 2), month) ||
      !ParseDigits(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  const Date date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                  std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatIsoDate(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

int AgeOn(const Date& birth, const Date& on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  const bool birthday_reached =
      on.month() > birth.month() || (on.month() == birth.month() && on.day() >= birth.day());
  if (!birthday_reached) --age;
  return age;
}

Date AddDays(const Date& date, int days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

bool IsWorkingDay(const Date& date, std::span<const Date> holidays) {
  const std::chrono::weekday weekday{std::chrono::sys_days{date}};
  if (weekday == std::chrono::Saturday || weekday == std::chrono::Sunday) {
    return false;
  }
  return std::find(holidays.begin(), holidays.end(), date) == holidays.end();
}

Date LastOfWorkingDays(const Date& start, int working_days, std::span<const Date> holidays) {
  Date day = start;
  int counted = 0;
  while (true) {
    if (IsWorkingDay(day, holidays) && ++counted >= working_days) return day;
    day = AddDays(day, 1);
  }
}

}  // namespace ansinh::classification
