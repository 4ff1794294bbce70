#include "report_document/nice_ticks.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ansinh::report_document {
namespace {

// A step of `mantissa` (1, 2, 5 or 10) times 10^exponent, and the value of
// k steps computed from integers so that it is the double nearest to the
// decimal number (k · mantissa / 10^-exponent divides by an exact power of
// ten).
struct DecimalStep {
  int mantissa = 1;
  int exponent = 0;

  double Times(double k) const {
    const double units = k * mantissa;
    return exponent >= 0 ? units * std::pow(10.0, exponent) : units / std::pow(10.0, -exponent);
  }
};

// The nice number near `value` (> 0): rounded to the nearest of 1, 2, 5, 10
// times a power of ten, or the next one up when `round` is false.
DecimalStep NiceNumber(double value, bool round) {
  int exponent = static_cast<int>(std::floor(std::log10(value)));
  const double fraction = value / std::pow(10.0, exponent);
  int mantissa = 10;
  if (round) {
    mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  } else {
    mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  }
  if (mantissa == 10) mantissa = 1, exponent += 1;
  return {mantissa, exponent};
}

}  // namespace

Result<TickScale> NiceTicks(double low, double high, int approximate_count) {
  FieldViolations violations;
  if (!std::isfinite(low)) violations.push_back({"low", "must be a finite number"});
  if (!std::isfinite(high)) violations.push_back({"high", "must be a finite number"});
  if (std::isfinite(low) && std::isfinite(high) && !std::isfinite(high - low)) {
    violations.push_back({"high", "must be within a finite distance of low"});
  }
  if (approximate_count < 2 || approximate_count > 100) {
    violations.push_back({"approximate_count", "must be between 2 and 100"});
  }
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  if (low > high) std::swap(low, high);
  if (low == high) {
    // Half a unit each way, or 5% of a large value (0.5 is lost in 1e300).
    const double widening = std::max(0.5, std::abs(low) * 0.05);
    low -= widening, high += widening;
  }
  const DecimalStep range = NiceNumber(high - low, false);
  const DecimalStep step = NiceNumber(range.Times(1) / (approximate_count - 1), true);
  const double step_size = step.Times(1);
  // A hair of tolerance, so that a bound already on a tick is not pushed a
  // whole step out by rounding in the division.
  const double first = std::floor(low / step_size + 1e-9);
  const double last = std::ceil(high / step_size - 1e-9);
  TickScale scale{.minimum = step.Times(first), .maximum = step.Times(last), .step = step_size};
  for (double k = first; k <= last; k += 1) scale.values.push_back(step.Times(k));
  return scale;
}

}  // namespace ansinh::report_document
