#pragma once

// The resolution's targets against a review year's ward figures: for each
// target, the figure, the threshold and a verdict (met, not met, unknown).

#include <span>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/result.h"

namespace ansinh::monitoring {

// Percentages closer than this are equal: shares are ratios of counts, so a
// figure that equals a threshold must not fail on the last bit of a double.
inline constexpr double kPercentTolerance = 1e-9;

// One line per configured target, in configuration order. A target whose
// threshold is an external figure uses the figure entered for the same
// review year (the latest entered when several were); without one, or when
// nothing can be measured yet (e.g. no household with a loan need), the
// verdict is STATUS_UNKNOWN and the explanation says why.
v1::Scorecard ComputeScorecard(const v1::MonitoringConfig& config, const v1::WardFigures& ward_figures,
                               std::span<const v1::ExternalFigure> external_figures);

// Problems with a figure an officer wants to enter: the key must be one a
// target uses, the year plausible, the value a percentage, the source given.
FieldViolations ValidateExternalFigure(const v1::MonitoringConfig& config, const v1::ExternalFigure& figure);

}  // namespace ansinh::monitoring
