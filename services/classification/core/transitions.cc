#include "classification/core/transitions.h"

#include <algorithm>

namespace ansinh::classification {

v1::Transition DecideTransition(std::span<const v1::PovertyCategory> earlier, v1::PovertyCategory approved) {
  if (approved == v1::POVERTY_CATEGORY_UNSPECIFIED) {
    return v1::TRANSITION_UNSPECIFIED;
  }
  const v1::PovertyCategory previous = earlier.empty() ? v1::POVERTY_CATEGORY_UNSPECIFIED : earlier.back();
  const bool was_poor = previous == v1::POVERTY_CATEGORY_POOR;
  const bool was_near_poor = previous == v1::POVERTY_CATEGORY_NEAR_POOR;
  const bool ever_poor =
      std::find(earlier.begin(), earlier.end(), v1::POVERTY_CATEGORY_POOR) != earlier.end();

  switch (approved) {
    case v1::POVERTY_CATEGORY_POOR:
      if (was_poor) return v1::TRANSITION_UNCHANGED;
      if (ever_poor) return v1::TRANSITION_RELAPSED;
      return was_near_poor ? v1::TRANSITION_NEAR_POOR_TO_POOR : v1::TRANSITION_NEWLY_POOR;
    case v1::POVERTY_CATEGORY_NEAR_POOR:
      if (was_poor) return v1::TRANSITION_POOR_TO_NEAR_POOR;
      return was_near_poor ? v1::TRANSITION_UNCHANGED : v1::TRANSITION_NEWLY_NEAR_POOR;
    default:
      if (was_poor) return v1::TRANSITION_ESCAPED_POVERTY;
      if (was_near_poor) return v1::TRANSITION_ESCAPED_NEAR_POVERTY;
      return v1::TRANSITION_UNCHANGED;
  }
}

bool CountsAsEscapedPoverty(v1::Transition transition) {
  return transition == v1::TRANSITION_ESCAPED_POVERTY || transition == v1::TRANSITION_POOR_TO_NEAR_POOR;
}

}  // namespace ansinh::classification
