#pragma once

// Confidence levels and the intervals they give, shared by the estimators of
// this library (Wilson, Kaplan-Meier).

#include <optional>

#include "kernel/field_violation.h"

namespace ansinh::analytics {

// The level every figure of the analytics is given at unless a caller asks
// for another.
inline constexpr double kDefaultConfidence = 0.95;

// A two-sided interval around an estimate, both ends included.
struct ConfidenceInterval {
  double lower = 0;
  double upper = 0;
};

// z such that a standard normal variable lies within ±z with probability
// `confidence`: the (1 + confidence) / 2 quantile of the standard normal
// distribution, as R's qnorm(1 - (1 - confidence) / 2) (1.959964 for 0.95).
// Found by bisection on std::erfc, exact to the last bit or two of a double:
// the statistics need a handful of levels, never speed. `confidence` must be
// strictly between 0 and 1 (CheckConfidence).
double ZForConfidence(double confidence);

// A violation of field "confidence" when it is not a number strictly between
// 0 and 1; none otherwise.
std::optional<FieldViolation> CheckConfidence(double confidence);

}  // namespace ansinh::analytics
