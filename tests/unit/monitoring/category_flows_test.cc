// The poor and near-poor lists' flows (CategoryFlows) over two approved
// reviews with every kind of movement: each list's count for 2024 plus its
// inflows minus its outflows is its count for 2025, for the ward and for each
// residential group.
#include "monitoring/core/category_flows.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitoring/core/ward_figures.h"
#include "monitoring/core/ward_projection.h"
#include "ward_fixture.h"

namespace ansinh::monitoring {
namespace {

constexpr auto kPoorList = v1::POVERTY_CATEGORY_POOR;
constexpr auto kNearList = v1::POVERTY_CATEGORY_NEAR_POOR;
constexpr auto kAverageHousehold = v1::POVERTY_CATEGORY_AVERAGE;
constexpr auto kNotPoorHousehold = v1::POVERTY_CATEGORY_NOT_POOR;

// The flows of one list, field by field.
struct ExpectedFlows {
  int previous_year_count;
  int newly;
  int inflows_from_other_list;
  int relapsed;
  int escaped;
  int escaped_to_other_list;
  int left_ward;
  int this_year_count;
};

void ExpectFlows(const v1::CategoryFlows& flows, const ExpectedFlows& expected, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(flows.previous_year_count(), expected.previous_year_count);
  EXPECT_EQ(flows.newly(), expected.newly);
  EXPECT_EQ(flows.inflows_from_other_list(), expected.inflows_from_other_list);
  EXPECT_EQ(flows.relapsed(), expected.relapsed);
  EXPECT_EQ(flows.escaped(), expected.escaped);
  EXPECT_EQ(flows.escaped_to_other_list(), expected.escaped_to_other_list);
  EXPECT_EQ(flows.left_ward(), expected.left_ward);
  EXPECT_EQ(flows.this_year_count(), expected.this_year_count);
}

// last year's count + inflows - outflows = this year's count, and both ends
// are the counts the two years' figures publish.
void ExpectReconciles(const v1::CategoryFlows& flows, int previous_figure, int this_figure,
                      const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(flows.previous_year_count(), previous_figure);
  EXPECT_EQ(flows.this_year_count(), this_figure);
  EXPECT_EQ(
      flows.previous_year_count() + flows.newly() + flows.relapsed() - flows.escaped() - flows.left_ward(),
      flows.this_year_count());
}

void ExpectFiguresReconcile(const v1::WardFigures& last_year, const v1::WardFigures& this_year) {
  const std::string where = this_year.residential_group().empty() ? "ward" : this_year.residential_group();
  ExpectReconciles(this_year.poor_flows(), last_year.poor().count(), this_year.poor().count(),
                   where + " poor");
  ExpectReconciles(this_year.near_poor_flows(), last_year.near_poor().count(), this_year.near_poor().count(),
                   where + " near-poor");
  // A move between the lists leaves one and joins the other.
  EXPECT_EQ(this_year.poor_flows().inflows_from_other_list(),
            this_year.near_poor_flows().escaped_to_other_list())
      << where;
  EXPECT_EQ(this_year.near_poor_flows().inflows_from_other_list(),
            this_year.poor_flows().escaped_to_other_list())
      << where;
}

class CategoryFlowsTest : public ::testing::Test {
 protected:
  // Every kind of movement from 2024 to 2025, one household each (the
  // transitions passed are those classification publishes):
  //   TDP-01                                   TDP-02
  //   A01 poor -> poor                         B01 none -> near-poor (newly)
  //   A02 none -> poor (newly)                 B02 near-poor 2023, not poor 2024 ->
  //   A03 near-poor -> poor (newly, from           near-poor (relapsed into near-poverty)
  //       near-poor; escaped near-poverty)     B03 near-poor -> not poor (escaped)
  //   A04 poor 2023, average 2024 -> poor      B04 near-poor, dissolved 2025 (left)
  //       (relapsed)                           B05 near-poor -> near-poor
  //   A05 poor 2023, near-poor 2024 -> poor    B06 near-poor -> poor by a review, then
  //       (relapsed from near-poor; escaped        moved out in 2025 (left the near-poor
  //       near-poverty)                            list only)
  //   A06 poor -> average (escaped)            B07 average -> not poor (neither list)
  //   A07 poor -> near-poor (escaped poverty;  B08 poor, moved out in 2024: in neither
  //       newly near-poor)                         year's figures
  //   A08 poor, moved out 2025 (left)
  //   A09 poor 2024; a regular review of 2025 made it near-poor in April and
  //       the periodic one poor again: two movements, each counted
  void SetUp() override {
    testkit::WardBuilder ward(projection_);
    for (const char* household : {"A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09"}) {
      ward.Register(household, "TDP-01");
    }
    for (const char* household : {"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08"}) {
      ward.Register(household, "TDP-02");
    }
    const std::string y2023 = "2023-12-10", y2024 = "2024-12-10", y2025 = "2025-12-10";
    ward.Approve("A04", "R2023", 2023, kPoorList, v1::TRANSITION_NEWLY_POOR, y2023);
    ward.Approve("A05", "R2023", 2023, kPoorList, v1::TRANSITION_NEWLY_POOR, y2023);
    ward.Approve("B02", "R2023", 2023, kNearList, v1::TRANSITION_NEWLY_NEAR_POOR, y2023);

    ward.Approve("A01", "R2024", 2024, kPoorList, v1::TRANSITION_NEWLY_POOR, y2024);
    ward.Approve("A03", "R2024", 2024, kNearList, v1::TRANSITION_NEWLY_NEAR_POOR, y2024);
    ward.Approve("A04", "R2024", 2024, kAverageHousehold, v1::TRANSITION_ESCAPED_POVERTY, y2024);
    ward.Approve("A05", "R2024", 2024, kNearList, v1::TRANSITION_POOR_TO_NEAR_POOR, y2024);
    for (const char* household : {"A06", "A07", "A08", "A09", "B08"}) {
      ward.Approve(household, "R2024", 2024, kPoorList, v1::TRANSITION_NEWLY_POOR, y2024);
    }
    ward.Approve("B02", "R2024", 2024, kNotPoorHousehold, v1::TRANSITION_ESCAPED_NEAR_POVERTY, y2024);
    for (const char* household : {"B03", "B04", "B05", "B06"}) {
      ward.Approve(household, "R2024", 2024, kNearList, v1::TRANSITION_NEWLY_NEAR_POOR, y2024);
    }
    ward.Approve("B07", "R2024", 2024, kAverageHousehold, v1::TRANSITION_UNCHANGED, y2024);
    ward.Leave("B08", "2024-06-01");

    ward.Approve("A09", "R-REG-2025-A09", 2025, kNearList, v1::TRANSITION_POOR_TO_NEAR_POOR, "2025-04-01");
    ward.Approve("A01", "R2025", 2025, kPoorList, v1::TRANSITION_UNCHANGED, y2025);
    ward.Approve("A02", "R2025", 2025, kPoorList, v1::TRANSITION_NEWLY_POOR, y2025);
    ward.Approve("A03", "R2025", 2025, kPoorList, v1::TRANSITION_NEAR_POOR_TO_POOR, y2025);
    ward.Approve("A04", "R2025", 2025, kPoorList, v1::TRANSITION_RELAPSED, y2025);
    ward.Approve("A05", "R2025", 2025, kPoorList, v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED, y2025);
    ward.Approve("A06", "R2025", 2025, kAverageHousehold, v1::TRANSITION_ESCAPED_POVERTY, y2025);
    ward.Approve("A07", "R2025", 2025, kNearList, v1::TRANSITION_POOR_TO_NEAR_POOR, y2025);
    ward.Leave("A08", "2025-06-01");
    ward.Approve("A09", "R2025", 2025, kPoorList, v1::TRANSITION_NEAR_POOR_TO_POOR_RELAPSED, y2025);
    ward.Approve("B01", "R2025", 2025, kNearList, v1::TRANSITION_NEWLY_NEAR_POOR, y2025);
    ward.Approve("B02", "R2025", 2025, kNearList, v1::TRANSITION_RELAPSED_NEAR_POOR, y2025);
    ward.Approve("B03", "R2025", 2025, kNotPoorHousehold, v1::TRANSITION_ESCAPED_NEAR_POVERTY, y2025);
    ward.Dissolve("B04", "2025-03-01");
    ward.Approve("B05", "R2025", 2025, kNearList, v1::TRANSITION_UNCHANGED, y2025);
    ward.Approve("B06", "R2025", 2025, kPoorList, v1::TRANSITION_NEAR_POOR_TO_POOR, y2025);
    ward.Leave("B06", "2025-12-20");
    ward.Approve("B07", "R2025", 2025, kNotPoorHousehold, v1::TRANSITION_UNCHANGED, y2025);
    for (const ApplyOutcome& outcome : ward.outcomes()) ASSERT_TRUE(outcome.ok());
    records_ = projection_.Records();
  }

  WardProjection projection_;
  std::vector<v1::HouseholdFigureRecord> records_;
  const CivilDate as_of_ = *ParseIsoDate("2026-01-31");
};

TEST_F(CategoryFlowsTest, EveryKindOfMovementCountsWhereOfficialsCountIt) {
  const v1::WardFigures figures = ComputeFigures(records_, 2025, as_of_);
  // Poor for 2024: A01 A06 A07 A08 A09 (B08 left in 2024). Newly: A02, A03
  // (from near-poor). Relapsed: A04, A05 and A09 (both from near-poor).
  // Escaped: A06, A07 and A09 (both to near-poor). Left: A08.
  // Poor for 2025: A01 A02 A03 A04 A05 A09.
  ExpectFlows(figures.poor_flows(), {5, 2, 3, 3, 3, 2, 1, 6}, "poor");
  // Near-poor for 2024: A03 A05 B03 B04 B05 B06. Newly: B01, A07 and A09
  // (both from poor). Relapsed: B02. Escaped: B03, A03 A05 and A09 (to poor).
  // Left: B04, B06 (whose approval as poor in 2025 is not counted: it left).
  // Near-poor for 2025: A07 B01 B02 B05.
  ExpectFlows(figures.near_poor_flows(), {6, 3, 2, 1, 4, 3, 2, 4}, "near-poor");
  EXPECT_EQ(figures.poor().count(), 6);
  EXPECT_EQ(figures.near_poor().count(), 4);

  // The flat figures are the same flows: near-poor to poor is newly poor,
  // poor to near-poor is escaped poverty and newly near-poor.
  EXPECT_EQ(figures.newly_poor(), 2);
  EXPECT_EQ(figures.relapsed(), 3);
  EXPECT_EQ(figures.escaped_poverty(), 3);
  EXPECT_EQ(figures.newly_near_poor(), 3);
  EXPECT_EQ(figures.escaped_near_poverty(), 4);
}

TEST_F(CategoryFlowsTest, LastYearPlusInflowsMinusOutflowsIsThisYearForTheWardAndEachGroup) {
  ExpectFiguresReconcile(ComputeFigures(records_, 2024, as_of_), ComputeFigures(records_, 2025, as_of_));
  const std::vector<v1::WardFigures> last_year = ComputeGroupFigures(records_, 2024, as_of_);
  const std::vector<v1::WardFigures> this_year = ComputeGroupFigures(records_, 2025, as_of_);
  ASSERT_EQ(last_year.size(), 2u);
  ASSERT_EQ(this_year.size(), 2u);
  for (size_t i = 0; i < this_year.size(); ++i) ExpectFiguresReconcile(last_year[i], this_year[i]);

  ExpectFlows(this_year[0].poor_flows(), {5, 2, 3, 3, 3, 2, 1, 6}, "TDP-01 poor: all of the ward's");
  ExpectFlows(this_year[1].near_poor_flows(), {4, 1, 0, 1, 1, 0, 2, 3}, "TDP-02 near-poor");

  // 2024 from 2023 too: A04 A05 poor, B02 near-poor, then the 2024 review.
  ExpectFiguresReconcile(ComputeFigures(records_, 2023, as_of_), ComputeFigures(records_, 2024, as_of_));
  // A year before any review, and a year after the last one.
  ExpectFiguresReconcile(ComputeFigures(records_, 2022, as_of_), ComputeFigures(records_, 2023, as_of_));
  ExpectFiguresReconcile(ComputeFigures(records_, 2025, as_of_), ComputeFigures(records_, 2026, as_of_));
}

TEST_F(CategoryFlowsTest, AYearWithoutReviewsHasNoMovementsButItsDepartures) {
  testkit::WardBuilder ward(projection_);
  ward.Leave("A01", "2026-02-01");
  ward.Dissolve("B05", "2026-03-01");
  const std::vector<v1::HouseholdFigureRecord> records = projection_.Records();
  const v1::WardFigures figures = ComputeFigures(records, 2026, as_of_);
  ExpectFlows(figures.poor_flows(), {6, 0, 0, 0, 0, 0, 1, 5}, "poor 2026");
  ExpectFlows(figures.near_poor_flows(), {4, 0, 0, 0, 0, 0, 1, 3}, "near-poor 2026");
}

TEST(CategoryFlowsRuleTest, TransitionsPublishedUnderAnEarlierRuleCountUnderTodays) {
  // Before tái cận nghèo existed, classification published a return to
  // near-poverty as NEWLY_NEAR_POOR and a relapse through near-poverty as
  // RELAPSED. The figures decide each transition again from the approvals,
  // so both count as today's rule says, and the lists still reconcile.
  WardProjection projection;
  testkit::WardBuilder ward(projection);
  ward.Approve("C1", "R2023", 2023, kNearList, v1::TRANSITION_NEWLY_NEAR_POOR, "2023-12-10");
  ward.Approve("C1", "R2024", 2024, kNotPoorHousehold, v1::TRANSITION_ESCAPED_NEAR_POVERTY, "2024-12-10");
  ward.Approve("C1", "R2025", 2025, kNearList, v1::TRANSITION_NEWLY_NEAR_POOR, "2025-12-10");
  ward.Approve("C2", "R2023", 2023, kPoorList, v1::TRANSITION_NEWLY_POOR, "2023-12-10");
  ward.Approve("C2", "R2024", 2024, kNearList, v1::TRANSITION_POOR_TO_NEAR_POOR, "2024-12-10");
  ward.Approve("C2", "R2025", 2025, kPoorList, v1::TRANSITION_RELAPSED, "2025-12-10");
  const std::vector<v1::HouseholdFigureRecord> records = projection.Records();
  const CivilDate as_of = *ParseIsoDate("2025-12-31");
  const v1::WardFigures figures = ComputeFigures(records, 2025, as_of);
  ExpectFlows(figures.near_poor_flows(), {1, 0, 0, 1, 1, 1, 0, 1}, "C1 relapsed, C2 to poor");
  ExpectFlows(figures.poor_flows(), {0, 0, 1, 1, 0, 0, 0, 1}, "C2 relapsed from near-poor");
  ExpectFiguresReconcile(ComputeFigures(records, 2024, as_of), figures);
}

TEST(CategoryFlowsRuleTest, TheSampleWardReconciles) {
  WardProjection projection;
  testkit::FeedSampleWard(projection);
  const std::vector<v1::HouseholdFigureRecord> records = projection.Records();
  const CivilDate as_of = *ParseIsoDate("2025-03-31");
  const v1::WardFigures figures = ComputeFigures(records, 2024, as_of);
  // Poor for 2023: H01 H03 H11. H02 near-poor to poor and H10 newly poor, H05
  // relapsed; H03 escaped; H11 moved out in 2024. Poor for 2024: H01 H02 H05 H10.
  ExpectFlows(figures.poor_flows(), {3, 2, 1, 1, 1, 0, 1, 4}, "poor");
  // Near-poor for 2023: H02 H09. H04 newly near-poor; H02 to poor, H09 escaped.
  ExpectFlows(figures.near_poor_flows(), {2, 1, 0, 0, 2, 1, 0, 1}, "near-poor");
  ExpectFiguresReconcile(ComputeFigures(records, 2023, as_of), figures);
}

}  // namespace
}  // namespace ansinh::monitoring
