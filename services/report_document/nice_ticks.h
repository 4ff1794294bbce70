#pragma once

// Tick values a reader finds natural for a numeric axis: steps of 1, 2 or 5
// times a power of ten, an axis that starts and ends on a tick (Heckbert,
// "Nice numbers for graph labels", Graphics Gems, 1990). The values are
// returned as numbers; the caller formats their labels in the reader's
// language ("0%", "25%"; "1.000.000").

#include <vector>

#include "kernel/result.h"

namespace ansinh::report_document {

struct TickScale {
  // The axis range: the first and last tick, covering [low, high].
  double minimum = 0;
  double maximum = 0;
  double step = 0;
  // minimum, minimum + step, ..., maximum; each the double nearest to its
  // decimal value (0.3, not 0.30000000000000004), so a caller's formatting
  // never shows a rounding tail.
  std::vector<double> values = {};
};

// About `approximate_count` ticks (at least 2) covering [low, high]; low and
// high may come in either order, and equal ones are widened to a range
// around them. INVALID_ARGUMENT for a non-finite "low" or "high", a range
// too wide for a double, or an "approximate_count" outside 2 to 100.
Result<TickScale> NiceTicks(double low, double high, int approximate_count = 5);

}  // namespace ansinh::report_document
