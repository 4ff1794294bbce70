#pragma once

// Outcome analytics (docs/outcomes.md): for each group of an outcome
// dimension, what became of the households it supported. The households and
// their fates come from outcome_cohorts.h; this turns them into figures with
// their intervals, applies small-cell suppression (analytics/small_cells.h)
// and says how each figure was computed. Pure: no Redis, no clock.

#include <span>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/core/outcome_cohorts.h"

namespace ansinh::monitoring {

// The horizons "escaped within N months" is given for.
inline constexpr int kEscapeHorizonsMonths[] = {12, 24, 36};

// The whole answer of GetOutcomes but households_read: the ward's group and
// every group of the dimension, ranked by the lower end of the interval of
// the share escaped within 24 months (groups whose share is suppressed last),
// then by key.
v1::GetOutcomesResponse ComputeOutcomes(std::span<const v1::HouseholdFigureRecord> records,
                                        const OutcomeQuery& query);

// One group's figures from its followed households.
v1::OutcomeGroup SummarizeOutcomeGroup(const std::string& key, std::span<const FollowedHousehold> households);

}  // namespace ansinh::monitoring
