#pragma once

// A proportion of households (escaped within 24 months, relapsed, ...) with
// its Wilson score interval: Wilson (1927), method 3 of Newcombe (1998),
// "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Statistics in Medicine 17:857-872. Unlike the textbook
// p ± z·sqrt(p(1-p)/n) it never leaves [0, 1] and keeps a width when p is 0
// or 1, which is what small groups of households give.
//
// With p = successes / trials, n = trials and z = ZForConfidence(level):
//   centre     = (p + z²/2n) / (1 + z²/n)
//   half width = z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²)
// and the interval is centre ± half width, without continuity correction.

#include <cstdint>
#include <optional>

#include "analytics/confidence.h"
#include "kernel/result.h"

namespace ansinh::analytics {

struct ProportionEstimate {
  std::int64_t successes = 0;
  std::int64_t trials = 0;
  double confidence = kDefaultConfidence;
  // successes / trials; none when there are no trials.
  std::optional<double> proportion = {};
  // The Wilson interval at `confidence`, within [0, 1]; none when there are
  // no trials.
  std::optional<ConfidenceInterval> interval = {};
};

// INVALID_ARGUMENT naming each bad field: "successes" or "trials" negative,
// "successes" more than trials, "confidence" not strictly between 0 and 1.
Result<ProportionEstimate> EstimateProportion(std::int64_t successes, std::int64_t trials,
                                              double confidence = kDefaultConfidence);

}  // namespace ansinh::analytics
