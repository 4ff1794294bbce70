#pragma once

// Calendar days without time or zone: birth, survey and step dates as
// written on Vietnamese forms and exchanged in the protos as "YYYY-MM-DD".
// Pure calendar arithmetic: no clock (callers pass "today" in, so tests can
// pin it), no time zone (kernel/ward_clock.h turns instants into ward days).

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ansinh {

using CivilDate = std::chrono::year_month_day;

// Parses exactly "YYYY-MM-DD" (zero-padded, year 0001-9999) naming a day that
// exists; nullopt for anything else ("2025-2-3", "2023-02-29", " 2025-01-01",
// "0000-01-01": no form is dated in year zero).
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD".
std::string FormatIsoDate(CivilDate date);

// Completed years of age on `on`. Someone born on 29 February turns a year
// older on 1 March in common years.
int AgeInYears(CivilDate birth, CivilDate on);

CivilDate AddDays(CivilDate date, int days);

// Same day of month `months` later, clamped to the month's last day
// (2024-02-29 plus 12 months is 2025-02-28).
CivilDate AddMonths(CivilDate date, int months);

// Whole days from `from` to `to` (negative when `to` is earlier).
int DaysBetween(CivilDate from, CivilDate to);

// 31 December of `year`.
CivilDate LastDayOfYear(int year);

// Monday to Friday, and not one of the holidays.
bool IsWorkingDay(CivilDate date, std::span<const CivilDate> holidays);

// The last day of a span of `working_days` working days that starts on
// `start` (counted when it is itself a working day). Posting on a Monday with
// 3 working days closes on the Wednesday; posting on a Saturday, on the
// following Wednesday.
CivilDate LastOfWorkingDays(CivilDate start, int working_days, std::span<const CivilDate> holidays);

}  // namespace ansinh
