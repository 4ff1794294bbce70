#pragma once

// The ward's figures for a review year, computed from the household figure
// records by pure functions (see WardFigures in monitoring.proto for what
// each figure counts).

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::monitoring {

// "Visited in the last 90 days": a visit on as_of or up to 89 days before.
inline constexpr int kVisitWindowDays = 90;

// Escaped households keep policy credit for up to three years after escaping
// (docs/domain.md §3.5): the escape year's review and the two after it.
inline constexpr int kNewlyEscapedReviewYears = 3;

// Figures of the ward (residential_group empty) or of one residential group.
// Categories and transitions come from the review year; coverage, needs and
// visits are measured on `as_of`.
v1::WardFigures ComputeFigures(std::span<const v1::HouseholdFigureRecord> records, int review_year,
                               CivilDate as_of, std::string_view residential_group = {});

// ComputeFigures of every residential group that appears in the records,
// ordered by group.
std::vector<v1::WardFigures> ComputeGroupFigures(std::span<const v1::HouseholdFigureRecord> records,
                                                 int review_year, CivilDate as_of);

// The latest review year with an approved status; nullopt when none.
std::optional<int> LatestReviewYear(std::span<const v1::HouseholdFigureRecord> records);

// 100 * count / total, unset when total is 0.
v1::FigureShare MakeShare(int count, int total);

}  // namespace ansinh::monitoring
