#include "analytics/wilson_interval.h"

#include <algorithm>
#include <cmath>

namespace ansinh::analytics {

Result<ProportionEstimate> EstimateProportion(std::int64_t successes, std::int64_t trials,
                                              double confidence) {
  FieldViolations violations;
  if (successes < 0) violations.push_back({"successes", "must not be negative"});
  if (trials < 0) violations.push_back({"trials", "must not be negative"});
  if (successes >= 0 && trials >= 0 && successes > trials) {
    violations.push_back({"successes", "must not exceed trials"});
  }
  if (auto bad = CheckConfidence(confidence)) violations.push_back(*bad);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  ProportionEstimate estimate{.successes = successes, .trials = trials, .confidence = confidence};
  if (trials == 0) return estimate;
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z = ZForConfidence(confidence);
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half_width = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  estimate.proportion = p;
  // At p = 0 or 1 one end is exactly 0 or 1 in exact arithmetic; rounding
  // could put it a hair outside.
  estimate.interval = ConfidenceInterval{.lower = std::clamp(centre - half_width, 0.0, 1.0),
                                         .upper = std::clamp(centre + half_width, 0.0, 1.0)};
  if (successes == 0) estimate.interval->lower = 0;
  if (successes == trials) estimate.interval->upper = 1;
  return estimate;
}

}  // namespace ansinh::analytics
