#include "assignment/core/health_insurance_share.h"

#include "assignment/core/describe.h"

namespace ansinh::assignment {

StateShareRange ExpectedStateShare(v1::PovertyCategory category) {
  switch (category) {
    case v1::POVERTY_CATEGORY_POOR:
      return {100, 100};
    case v1::POVERTY_CATEGORY_NEAR_POOR:
      // "At least": a province may pay more from its own budget.
      return {70, 100};
    default:
      return {0, 100};
  }
}

std::optional<std::string> StateShareMismatch(v1::PovertyCategory category, int percent) {
  if (percent < 0 || percent > 100) {
    return "must be a percentage from 0 to 100 (got " + std::to_string(percent) + ")";
  }
  const StateShareRange range = ExpectedStateShare(category);
  if (range.min_percent == range.max_percent && percent != range.min_percent) {
    return "must be " + std::to_string(range.min_percent) + " for a " + CategoryName(category) +
           " household (got " + std::to_string(percent) + ")";
  }
  if (percent < range.min_percent) {
    return "must be at least " + std::to_string(range.min_percent) + " for a " + CategoryName(category) +
           " household (got " + std::to_string(percent) + ")";
  }
  return std::nullopt;
}

}  // namespace ansinh::assignment
