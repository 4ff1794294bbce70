#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::registry {

// A calendar day without time or zone. Birth and survey dates are days as
// written on Vietnamese forms; "today" is always passed in by the caller, so
// the core never reads the clock and tests can pin the date.
using CivilDate = std::chrono::year_month_day;

// Parses exactly "YYYY-MM-DD" (zero-padded, year 0001-9999) naming a day that
// exists; nullopt for anything else ("2025-2-3", "2023-02-29", " 2025-01-01").
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// "YYYY-MM-DD".
std::string FormatIsoDate(CivilDate date);

// Completed years of age on `on`. Someone born on 29 February turns a year
// older on 1 March in common years.
int AgeInYears(CivilDate birth, CivilDate on);

// Today in Vietnam (UTC+7): dates are checked against the calendar day the
// ward's officers see, not the server's UTC day.
CivilDate TodayInVietnam();

}  // namespace ansinh::registry
