#pragma once

// The poor-household trend across review years: the ward's official counts
// from before the system, then the system's own years.

#include <span>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"

namespace ansinh::monitoring {

// One point per year up to `up_to_year`: official history for the years
// before the first year with an approved status in the records, then every
// year from that first year on computed from the records (a year without a
// review carries the statuses in force forward). Ordered by year.
std::vector<v1::TrendPoint> ComputeTrend(std::span<const v1::HouseholdFigureRecord> records,
                                         std::span<const v1::HistoricalCount> history, int up_to_year);

}  // namespace ansinh::monitoring
