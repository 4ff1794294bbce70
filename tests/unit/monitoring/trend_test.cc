#include "monitoring/core/trend.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "monitoring/core/ward_projection.h"
#include "ward_fixture.h"

namespace ansinh::monitoring {
namespace {

std::vector<v1::HistoricalCount> OfficialHistory() {
  std::vector<v1::HistoricalCount> history;
  for (const auto& [year, poor, rate] :
       {std::tuple{2021, 82, 4.1}, std::tuple{2016, 230, 12.04}, std::tuple{2022, 99, 4.9}}) {
    v1::HistoricalCount& count = history.emplace_back();
    count.set_review_year(year);
    count.set_poor_households(poor);
    count.set_poor_rate_percent(rate);
  }
  return history;
}

TEST(TrendTest, OfficialHistoryComesBeforeTheSystemsOwnYears) {
  WardProjection projection;
  testkit::FeedSampleWard(projection);
  const std::vector<v1::HouseholdFigureRecord> records = projection.Records();
  const std::vector<v1::HistoricalCount> history = OfficialHistory();

  const std::vector<v1::TrendPoint> trend = ComputeTrend(records, history, 2024);

  // 2016 and 2021 from history, sorted; the history's 2022 gives way to the
  // system's first year (H05's approval of 2022).
  ASSERT_EQ(trend.size(), 5u);
  EXPECT_EQ(trend[0].review_year(), 2016);
  EXPECT_EQ(trend[0].source(), v1::TrendPoint::SOURCE_OFFICIAL_HISTORY);
  EXPECT_EQ(trend[0].poor_households(), 230);
  EXPECT_DOUBLE_EQ(trend[0].poor_rate_percent(), 12.04);
  EXPECT_FALSE(trend[0].has_households());
  EXPECT_EQ(trend[1].review_year(), 2021);
  EXPECT_EQ(trend[1].poor_households(), 82);

  EXPECT_EQ(trend[2].review_year(), 2022);
  EXPECT_EQ(trend[2].source(), v1::TrendPoint::SOURCE_SYSTEM);
  EXPECT_EQ(trend[2].poor_households(), 1) << "H05";
  EXPECT_EQ(trend[2].households(), 11);
  EXPECT_NEAR(trend[2].poor_rate_percent(), 100.0 / 11, 1e-9);

  EXPECT_EQ(trend[3].review_year(), 2023);
  EXPECT_EQ(trend[3].poor_households(), 3);
  EXPECT_EQ(trend[3].near_poor_households(), 2);

  EXPECT_EQ(trend[4].review_year(), 2024);
  EXPECT_EQ(trend[4].poor_households(), 4);
  EXPECT_EQ(trend[4].households(), 10);
  EXPECT_NEAR(trend[4].poor_rate_percent(), 40.0, 1e-9);
  EXPECT_NEAR(trend[4].near_poor_rate_percent(), 10.0, 1e-9);
}

TEST(TrendTest, WithoutApprovalsOnlyHistoryUpToTheYearIsShown) {
  const std::vector<v1::HistoricalCount> history = OfficialHistory();
  const std::vector<v1::TrendPoint> trend =
      ComputeTrend(std::vector<v1::HouseholdFigureRecord>{}, history, 2021);
  ASSERT_EQ(trend.size(), 2u);
  EXPECT_EQ(trend[0].review_year(), 2016);
  EXPECT_EQ(trend[1].review_year(), 2021);
}

TEST(TrendTest, AYearWithoutAReviewCarriesTheStatusesForward) {
  WardProjection projection;
  testkit::WardBuilder ward(projection);
  ward.Approve("A", "R1", 2022, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2022-12-01");
  const std::vector<v1::TrendPoint> trend = ComputeTrend(projection.Records(), {}, 2024);
  ASSERT_EQ(trend.size(), 3u);
  for (const v1::TrendPoint& point : trend) {
    EXPECT_EQ(point.poor_households(), 1) << point.review_year();
  }
}

}  // namespace
}  // namespace ansinh::monitoring
