#include "analytics/confidence.h"

#include <cmath>

namespace ansinh::analytics {
namespace {

// P(Z <= z) of the standard normal distribution.
double StandardNormalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

}  // namespace

double ZForConfidence(double confidence) {
  const double target = (1.0 + confidence) / 2.0;
  // The cdf is increasing: halve [0, 40] until the ends are neighbouring
  // doubles (40 is far past any level a double can tell from 1).
  double low = 0;
  double high = 40;
  for (int step = 0; step < 200; ++step) {
    const double middle = low + (high - low) / 2;
    if (middle <= low || middle >= high) break;
    if (StandardNormalCdf(middle) < target) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return low + (high - low) / 2;
}

std::optional<FieldViolation> CheckConfidence(double confidence) {
  if (std::isfinite(confidence) && confidence > 0 && confidence < 1) return std::nullopt;
  return FieldViolation{"confidence", "must be a number strictly between 0 and 1"};
}

}  // namespace ansinh::analytics
