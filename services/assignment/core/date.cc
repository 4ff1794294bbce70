#include "assignment/core/date.h"

#include <cstdio>

namespace ansinh::assignment {
namespace {

bool ParseDigits(std::string_view text, int* out) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  int month = 0;
  int day = 0;
  if (!ParseDigits(text.substr(0, 4), &year) || !ParseDigits(text.substr(5, 2), &month) ||
      !ParseDigits(text.substr(8, 2), &day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date(std::chrono::sys_days{ymd});
}

Date Date::FromYmd(int year, unsigned month, unsigned day) {
  return Date(std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}});
}

std::string Date::ToString() const {
  const std::chrono::year_month_day ymd{days_};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

Date Date::PlusMonths(int months) const {
  const std::chrono::year_month_day ymd{days_};
  const std::chrono::year_month shifted =
      std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  const std::chrono::day last_day =
      std::chrono::year_month_day_last{shifted.year(), std::chrono::month_day_last{shifted.month()}}.day();
  const std::chrono::day day = ymd.day() > last_day ? last_day : ymd.day();
  return Date(std::chrono::sys_days{std::chrono::year_month_day{shifted.year(), shifted.month(), day}});
}

Date Date::PlusDays(int days) const { return Date(days_ + std::chrono::days{days}); }

int Date::DaysUntil(Date later) const { return static_cast<int>((later.days_ - days_).count()); }

Date WardDateOf(const google::protobuf::Timestamp& instant) {
  const std::chrono::sys_seconds utc{std::chrono::seconds{instant.seconds()}};
  return Date(std::chrono::floor<std::chrono::days>(utc + kWardUtcOffset));
}

}  // namespace ansinh::assignment
