#include "analytics/small_cells.h"

#include <algorithm>
#include <cstddef>
#include <optional>

namespace ansinh::analytics {

SmallCellPolicy::SmallCellPolicy(std::int64_t threshold) : threshold_(std::max<std::int64_t>(threshold, 1)) {}

bool SmallCellPolicy::MayShowCount(std::int64_t households) const {
  return households == 0 || households >= threshold_;
}

bool SmallCellPolicy::MayShowDerived(std::int64_t denominator) const { return denominator >= threshold_; }

bool SmallCellPolicy::MayShowProportion(std::int64_t successes, std::int64_t trials) const {
  return MayShowDerived(trials) && successes >= 0 && successes <= trials && MayShowCount(successes) &&
         MayShowCount(trials - successes);
}

KaplanMeierCurve SmallCellPolicy::TruncateCurve(const KaplanMeierCurve& curve) const {
  KaplanMeierCurve shown = curve;
  const auto first_small =
      std::find_if(curve.steps.begin(), curve.steps.end(),
                   [&](const KaplanMeierStep& step) { return step.at_risk < threshold_; });
  shown.steps.assign(curve.steps.begin(), first_small);
  const bool cut_steps = shown.steps.size() < curve.steps.size();
  if (cut_steps) {
    shown.at_risk_after_last_step =
        shown.steps.empty() ? curve.observations : shown.steps.back().at_risk - shown.steps.back().events;
  }
  if (cut_steps || shown.at_risk_after_last_step < threshold_) {
    shown.truncated = true;
    shown.followed_until = shown.steps.empty() ? 0 : shown.steps.back().time_months;
  }
  return shown;
}

std::vector<bool> SmallCellPolicy::ShowableParts(std::int64_t total,
                                                 std::span<const std::int64_t> parts) const {
  std::vector<bool> shown(parts.size());
  std::size_t suppressed = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    shown[i] = MayShowCount(parts[i]);
    if (!shown[i]) ++suppressed;
  }
  if (suppressed != 1 || !MayShowCount(total)) return shown;
  std::optional<std::size_t> smallest;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (shown[i] && (!smallest || parts[i] < parts[*smallest])) smallest = i;
  }
  if (smallest) shown[*smallest] = false;
  return shown;
}

}  // namespace ansinh::analytics
