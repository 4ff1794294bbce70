#include "classification/core/transitions.h"

#include <algorithm>

namespace ansinh::classification {
namespace {

bool HadCategory(std::span<const v1::PovertyCategory> earlier, v1::PovertyCategory category) {
  return std::find(earlier.begin(), earlier.end(), category) != earlier.end();
}

}  // namespace

v1::Transition DecideTransition(std::span<const v1::PovertyCategory> earlier, v1::PovertyCategory approved) {
  if (approved == v1::POVERTY_CATEGORY_UNSPECIFIED) {
    return v1::TRANSITION_UNSPECIFIED;
  }
  const v1::PovertyCategory previous = earlier.empty() ? v1::POVERTY_CATEGORY_UNSPECIFIED : earlier.back();
  const bool was_poor = previous == v1::POVERTY_CATEGORY_POOR;
  const bool was_near_poor = previous == v1::POVERTY_CATEGORY_NEAR_POOR;
  const bool ever_poor = HadCategory(earlier, v1::POVERTY_CATEGORY_POOR);
  const bool ever_near_poor = HadCategory(earlier, v1::POVERTY_CATEGORY_NEAR_POOR);

  switch (approved) {
    case v1::POVERTY_CATEGORY_POOR:
      if (was_poor) return v1::TRANSITION_UNCHANGED;
      if (was_near_poor) {
        return ever_poor ? v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED : v1::TRANSITION_NEAR_POOR_TO_POOR;
      }
      return ever_poor ? v1::TRANSITION_RELAPSED : v1::TRANSITION_NEWLY_POOR;
    case v1::POVERTY_CATEGORY_NEAR_POOR:
      // Up from poverty is an escape, never a relapse into near-poverty.
      if (was_poor) return v1::TRANSITION_POOR_TO_NEAR_POOR;
      if (was_near_poor) return v1::TRANSITION_UNCHANGED;
      return ever_near_poor ? v1::TRANSITION_RELAPSED_NEAR_POOR : v1::TRANSITION_NEWLY_NEAR_POOR;
    default:
      if (was_poor) return v1::TRANSITION_ESCAPED_POVERTY;
      if (was_near_poor) return v1::TRANSITION_ESCAPED_NEAR_POVERTY;
      return v1::TRANSITION_UNCHANGED;
  }
}

bool CountsAsNewlyPoor(v1::Transition transition) {
  return transition == v1::TRANSITION_NEWLY_POOR || transition == v1::TRANSITION_NEAR_POOR_TO_POOR;
}

bool CountsAsRelapsedIntoPoverty(v1::Transition transition) {
  return transition == v1::TRANSITION_RELAPSED || transition == v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED;
}

bool CountsAsEscapedPoverty(v1::Transition transition) {
  return transition == v1::TRANSITION_ESCAPED_POVERTY || transition == v1::TRANSITION_POOR_TO_NEAR_POOR;
}

bool CountsAsNewlyNearPoor(v1::Transition transition) {
  return transition == v1::TRANSITION_NEWLY_NEAR_POOR || transition == v1::TRANSITION_POOR_TO_NEAR_POOR;
}

bool CountsAsRelapsedIntoNearPoverty(v1::Transition transition) {
  return transition == v1::TRANSITION_RELAPSED_NEAR_POOR;
}

bool CountsAsEscapedNearPoverty(v1::Transition transition) {
  return transition == v1::TRANSITION_ESCAPED_NEAR_POVERTY || MovesFromNearPoorToPoor(transition);
}

bool MovesFromNearPoorToPoor(v1::Transition transition) {
  return transition == v1::TRANSITION_NEAR_POOR_TO_POOR ||
         transition == v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED;
}

bool MovesFromPoorToNearPoor(v1::Transition transition) {
  return transition == v1::TRANSITION_POOR_TO_NEAR_POOR;
}

}  // namespace ansinh::classification
