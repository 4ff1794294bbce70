#pragma once

// Calendar dates of the ward. Records and events carry them as ISO
// "YYYY-MM-DD" strings; figures and alerts compute with them as days. The core
// never reads the clock: callers pass "today" in.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::monitoring {

using Date = std::chrono::sys_days;

// Exactly "YYYY-MM-DD" naming a real calendar day; nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);

// "YYYY-MM-DD".
std::string FormatDate(Date date);

// Whole days from `from` to `to` (negative when `to` is earlier).
int DaysBetween(Date from, Date to);

int YearOf(Date date);

// 31 December of `year`.
Date LastDayOfYear(int year);

}  // namespace ansinh::monitoring
