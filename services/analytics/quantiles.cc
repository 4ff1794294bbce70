#include "analytics/quantiles.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ansinh::analytics {
namespace {

FieldViolations CheckSample(const std::vector<double>& sample) {
  FieldViolations violations;
  if (sample.empty()) violations.push_back({"sample", "must hold at least one value"});
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(sample[i])) {
      violations.push_back({"sample[" + std::to_string(i) + "]", "must be a finite number"});
    }
  }
  return violations;
}

// Type 7 on a sorted, non-empty sample.
double SortedQuantile(const std::vector<double>& sorted, double probability) {
  const double h = static_cast<double>(sorted.size() - 1) * probability;
  const auto below = static_cast<std::size_t>(std::floor(h));
  if (below + 1 >= sorted.size()) return sorted.back();
  const double fraction = h - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

}  // namespace

Result<double> SampleQuantile(std::vector<double> sample, double probability) {
  FieldViolations violations = CheckSample(sample);
  if (!(probability >= 0 && probability <= 1)) {
    violations.push_back({"probability", "must be between 0 and 1"});
  }
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  std::sort(sample.begin(), sample.end());
  return SortedQuantile(sample, probability);
}

Result<SampleSummary> SummarizeSample(std::vector<double> sample) {
  FieldViolations violations = CheckSample(sample);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  std::sort(sample.begin(), sample.end());
  return SampleSummary{.count = sample.size(),
                       .minimum = sample.front(),
                       .first_quartile = SortedQuantile(sample, 0.25),
                       .median = SortedQuantile(sample, 0.5),
                       .third_quartile = SortedQuantile(sample, 0.75),
                       .maximum = sample.back()};
}

}  // namespace ansinh::analytics
