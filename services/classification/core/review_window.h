// The window of the periodic review (docs/domain.md §4): held once a year
// from 1 September to 14 December. The dates are data: the service takes
// them from its configuration (--periodic-review-window), checked at
// start-up, with Decision 24/2021's dates as the default.
#pragma once

#include <string>
#include <string_view>

#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::classification {

// A day of the year, without the year.
struct MonthDay {
  unsigned month = 1;
  unsigned day = 1;

  friend bool operator==(const MonthDay&, const MonthDay&) = default;
};

struct ReviewWindow {
  MonthDay start{9, 1};
  MonthDay end{12, 14};

  friend bool operator==(const ReviewWindow&, const ReviewWindow&) = default;
};

// "MM-DD..MM-DD", e.g. "09-01..12-14": both days exist in every year (no
// 29 February) and the window does not run past the end of the year.
// INVALID_ARGUMENT saying what is wrong otherwise.
Result<ReviewWindow> ParseReviewWindow(std::string_view text);

// "09-01..12-14".
std::string FormatReviewWindow(const ReviewWindow& window);

// The window's first and last day in `year`.
CivilDate WindowStart(const ReviewWindow& window, int year);
CivilDate WindowEnd(const ReviewWindow& window, int year);

}  // namespace ansinh::classification
