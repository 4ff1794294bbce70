#include "monitoring/core/trend.h"

#include <algorithm>
#include <climits>

#include "kernel/civil_date.h"
#include "kernel/review_years.h"
#include "monitoring/core/ward_figures.h"

namespace ansinh::monitoring {
namespace {

v1::TrendPoint HistoryPoint(const v1::HistoricalCount& count) {
  v1::TrendPoint point;
  point.set_review_year(count.review_year());
  point.set_list_year(ListYearOf(count.review_year(), ReviewTiming::kPeriodic));
  point.set_source(v1::TrendPoint::SOURCE_OFFICIAL_HISTORY);
  point.set_poor_households(count.poor_households());
  point.set_poor_rate_percent(count.poor_rate_percent());
  point.set_note(count.note());
  return point;
}

v1::TrendPoint SystemPoint(std::span<const v1::HouseholdFigureRecord> records, int year) {
  // Only categories are used, and they do not depend on the measuring date.
  const v1::WardFigures figures = ComputeFigures(records, year, LastDayOfYear(year));
  v1::TrendPoint point;
  point.set_review_year(year);
  point.set_list_year(ListYearOf(year, ReviewTiming::kPeriodic));
  point.set_source(v1::TrendPoint::SOURCE_SYSTEM);
  point.set_poor_households(figures.poor().count());
  point.set_poor_rate_percent(figures.poor().percent());
  point.set_households(figures.households());
  point.set_near_poor_households(figures.near_poor().count());
  point.set_near_poor_rate_percent(figures.near_poor().percent());
  return point;
}

}  // namespace

std::vector<v1::TrendPoint> ComputeTrend(std::span<const v1::HouseholdFigureRecord> records,
                                         std::span<const v1::HistoricalCount> history, int up_to_year) {
  int first_system_year = INT_MAX;
  for (const v1::HouseholdFigureRecord& record : records) {
    for (const v1::HouseholdFigureRecord::Approval& approval : record.approvals()) {
      first_system_year = std::min(first_system_year, approval.review_year());
    }
  }

  std::vector<v1::TrendPoint> trend;
  for (const v1::HistoricalCount& count : history) {
    if (count.review_year() < first_system_year && count.review_year() <= up_to_year) {
      trend.push_back(HistoryPoint(count));
    }
  }
  std::sort(trend.begin(), trend.end(), [](const v1::TrendPoint& a, const v1::TrendPoint& b) {
    return a.review_year() < b.review_year();
  });
  for (int year = first_system_year; year <= up_to_year; ++year) {
    trend.push_back(SystemPoint(records, year));
  }
  return trend;
}

}  // namespace ansinh::monitoring
