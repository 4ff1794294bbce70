#include "classification/adapters/ward_calendar.h"

#include <chrono>

namespace ansinh::classification {

Date WardCalendar::Today() const {
  if (today_override_) return *today_override_;
  const auto in_vietnam = std::chrono::system_clock::now() + std::chrono::hours(7);
  return Date{std::chrono::floor<std::chrono::days>(in_vietnam)};
}

std::string WardCalendar::StepDateProblem(std::string_view text) const {
  if (text.empty()) return "";
  const std::optional<Date> date = ParseIsoDate(text);
  if (!date) return "must be an ISO date (YYYY-MM-DD)";
  const Date today = Today();
  if (*date > today)
    return "must not be after today (" + FormatIsoDate(today) + "): record a step once it has happened";
  return "";
}

}  // namespace ansinh::classification
