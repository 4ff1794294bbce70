#pragma once

// Small shared words of the plan's files.

#include "ansinh/v1/common.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::demo_history {

// A day of the calendar: DayOf(2025, 12, 20).
inline CivilDate DayOf(int year, unsigned month, unsigned day) {
  return CivilDate{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
}

// On the poor or the near-poor list: a household with a case the ward works on.
inline bool IsOnList(v1::PovertyCategory category) {
  return category == v1::POVERTY_CATEGORY_POOR || category == v1::POVERTY_CATEGORY_NEAR_POOR;
}

}  // namespace ansinh::demo_history
