// Calendar dates as exchanged in the protos ("YYYY-MM-DD"), ages and working
// days. Pure calendar arithmetic: no clocks, no time zones.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ansinh::classification {

using Date = std::chrono::year_month_day;

// Parses exactly "YYYY-MM-DD" and rejects impossible dates (2025-02-29).
std::optional<Date> ParseIsoDate(std::string_view text);

std::string FormatIsoDate(const Date& date);

// Completed years of life on `on`. Someone born on 29 February becomes a year
// older on 1 March in common years.
int AgeOn(const Date& birth, const Date& on);

Date AddDays(const Date& date, int days);

// Monday to Friday, and not one of the holidays.
bool IsWorkingDay(const Date& date, std::span<const Date> holidays);

// The last day of a span of `working_days` working days that starts on
// `start` (counted when it is itself a working day). Posting on a Monday with
// 3 working days closes on the Wednesday; posting on a Saturday, on the
// following Wednesday.
Date LastOfWorkingDays(const Date& start, int working_days, std::span<const Date> holidays);

}  // namespace ansinh::classification
