#pragma once

// Quantiles of a sample (income per capita before and after support, and
// its change), by the definition R's quantile() uses by default, type 7 of
// Hyndman and Fan (1996), "Sample quantiles in statistical packages", The
// American Statistician 50:361-365: with the n values sorted x[0] <= ... <=
// x[n-1] and h = (n - 1) · p,
//   Q(p) = x[floor h] + (h - floor h) · (x[floor h + 1] - x[floor h])
// a linear interpolation between the two nearest order statistics (Q(0) is
// the minimum, Q(1) the maximum, Q(0.5) the usual median). Spreadsheets'
// QUARTILE.INC and numpy's default give the same.

#include <cstddef>
#include <vector>

#include "kernel/result.h"

namespace ansinh::analytics {

// The five numbers of a box plot. The minimum and the maximum are each one
// household's own value: a report shows them only where that is acceptable
// (docs/outcomes.md, "Statistics").
struct SampleSummary {
  std::size_t count = 0;
  double minimum = 0;
  double first_quartile = 0;
  double median = 0;
  double third_quartile = 0;
  double maximum = 0;

  double InterquartileRange() const { return third_quartile - first_quartile; }
};

// Q(probability) of `sample` (any order). INVALID_ARGUMENT naming each bad
// field: "sample" empty, "sample[i]" not a finite number, "probability"
// outside [0, 1].
Result<double> SampleQuantile(std::vector<double> sample, double probability);

// Minimum, quartiles and maximum of `sample` (any order); the same
// refusals as SampleQuantile.
Result<SampleSummary> SummarizeSample(std::vector<double> sample);

}  // namespace ansinh::analytics
