#include "classification/adapters/ward_calendar.h"

#include <chrono>

namespace ansinh::classification {

Date WardCalendar::Today() const {
  if (today_override_) return *today_override_;
  const auto in_vietnam = std::chrono::system_clock::now() + std::chrono::hours(7);
  return Date{std::chrono::floor<std::chrono::days>(in_vietnam)};
}

}  // namespace ansinh::classification
