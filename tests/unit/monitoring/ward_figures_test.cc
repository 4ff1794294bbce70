#include "monitoring/core/ward_figures.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "monitoring/core/ward_projection.h"
#include "ward_fixture.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

// The count, total and (when total > 0) percent of a share.
struct ExpectedShare {
  int count;
  int total;
  std::optional<double> percent;
};

void ExpectShare(const v1::FigureShare& share, const ExpectedShare& expected, const std::string& what) {
  EXPECT_EQ(share.count(), expected.count) << what;
  EXPECT_EQ(share.total(), expected.total) << what;
  ASSERT_EQ(share.has_percent(), expected.percent.has_value()) << what;
  if (expected.percent) {
    EXPECT_NEAR(share.percent(), *expected.percent, 1e-9) << what;
  }
}

class WardFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const ApplyOutcome& outcome : testkit::FeedSampleWard(projection_)) {
      ASSERT_TRUE(outcome.ok()) << outcome.violations.front().field << ": "
                                << outcome.violations.front().description;
    }
    records_ = projection_.Records();
  }

  WardProjection projection_;
  std::vector<v1::HouseholdFigureRecord> records_;
  const CivilDate as_of_ = *ParseIsoDate("2025-03-31");
};

TEST_F(WardFiguresTest, WardFiguresFor2024MatchTheHandCount) {
  const v1::WardFigures figures = ComputeFigures(records_, 2024, as_of_);

  EXPECT_EQ(figures.review_year(), 2024);
  EXPECT_EQ(figures.residential_group(), "");
  EXPECT_EQ(figures.as_of(), "2025-03-31");
  // H01-H10; H11 moved out in 2024.
  EXPECT_EQ(figures.households(), 10);
  ExpectShare(figures.poor(), {4, 10, 40.0}, "poor: H01 H02 H05 H10");
  ExpectShare(figures.near_poor(), {1, 10, 10.0}, "near-poor: H04");
  ExpectShare(figures.poor_without_labour_capacity(), {2, 10, 20.0}, "no labour: H01 H05");
  EXPECT_EQ(figures.escaped_poverty(), 1) << "H03";
  // Near-poor to poor counts as newly poor and as leaving the near-poor list.
  EXPECT_EQ(figures.escaped_near_poverty(), 2) << "H02 (to poor) H09";
  EXPECT_EQ(figures.newly_poor(), 2) << "H02 (from near-poor) H10";
  EXPECT_EQ(figures.relapsed(), 1) << "H05";
  EXPECT_EQ(figures.newly_near_poor(), 1) << "H04";
  // Followed: H01 H02 H04 H05 H10.
  ExpectShare(figures.with_responsible_organization(), {3, 5, 60.0}, "org: H01 H02 H05");
  ExpectShare(figures.with_helper(), {2, 5, 40.0}, "helper: H01 H05");
  ExpectShare(figures.visited_last_90_days(), {2, 5, 40.0}, "visited: H01 H05");
  // Loan needs: H01 (credit), H02 (met), H03 (open); H10 withdrawn, H04 later.
  ExpectShare(figures.loans_for_loan_needs(), {2, 3, 200.0 / 3}, "loans");
  // Training needs of poor households: H01 (open), H05 (trained); H04 is near-poor.
  ExpectShare(figures.training_for_training_needs(), {1, 2, 50.0}, "training");
}

TEST_F(WardFiguresTest, GroupFiguresSplitTheWard) {
  const std::vector<v1::WardFigures> groups = ComputeGroupFigures(records_, 2024, as_of_);
  ASSERT_EQ(groups.size(), 2u);

  const v1::WardFigures& first = groups[0];
  EXPECT_EQ(first.residential_group(), "TDP-01");
  EXPECT_EQ(first.households(), 5) << "H01 H02 H03 H07 H09";
  ExpectShare(first.poor(), {2, 5, 40.0}, "TDP-01 poor");
  ExpectShare(first.near_poor(), {0, 5, 0.0}, "TDP-01 near-poor");
  ExpectShare(first.poor_without_labour_capacity(), {1, 5, 20.0}, "TDP-01 no labour");
  EXPECT_EQ(first.escaped_poverty(), 1);
  EXPECT_EQ(first.escaped_near_poverty(), 2) << "H02 H09";
  EXPECT_EQ(first.newly_poor(), 1) << "H02";
  ExpectShare(first.with_responsible_organization(), {2, 2, 100.0}, "TDP-01 org");
  ExpectShare(first.with_helper(), {1, 2, 50.0}, "TDP-01 helper");
  ExpectShare(first.loans_for_loan_needs(), {2, 3, 200.0 / 3}, "TDP-01 loans");
  ExpectShare(first.training_for_training_needs(), {0, 1, 0.0}, "TDP-01 training");

  const v1::WardFigures& second = groups[1];
  EXPECT_EQ(second.residential_group(), "TDP-02");
  EXPECT_EQ(second.households(), 5) << "H04 H05 H06 H08 H10";
  ExpectShare(second.poor(), {2, 5, 40.0}, "TDP-02 poor");
  ExpectShare(second.near_poor(), {1, 5, 20.0}, "TDP-02 near-poor");
  EXPECT_EQ(second.newly_poor(), 1);
  EXPECT_EQ(second.relapsed(), 1);
  ExpectShare(second.with_responsible_organization(), {1, 3, 100.0 / 3}, "TDP-02 org");
  ExpectShare(second.visited_last_90_days(), {1, 3, 100.0 / 3}, "TDP-02 visited");
  ExpectShare(second.loans_for_loan_needs(), {0, 0, std::nullopt}, "TDP-02 loans: none");
  ExpectShare(second.training_for_training_needs(), {1, 1, 100.0}, "TDP-02 training");

  // One group asked for directly gives the same figures.
  EXPECT_EQ(ComputeFigures(records_, 2024, as_of_, "TDP-02").SerializeAsString(), second.SerializeAsString());
}

TEST_F(WardFiguresTest, AnEarlierYearUsesTheStatusesInForceThen) {
  const v1::WardFigures figures = ComputeFigures(records_, 2023, *ParseIsoDate("2023-12-31"));
  // H11 left in 2024, so it counts in 2023.
  EXPECT_EQ(figures.households(), 11);
  ExpectShare(figures.poor(), {3, 11, 300.0 / 11}, "poor 2023: H01 H03 H11");
  ExpectShare(figures.near_poor(), {2, 11, 200.0 / 11}, "near-poor 2023: H02 H09");
  EXPECT_EQ(figures.newly_poor(), 3);
  EXPECT_EQ(figures.newly_near_poor(), 2);
  EXPECT_EQ(figures.escaped_poverty(), 1) << "H05";
  // Every case began in 2024: nobody had an organization at the end of 2023.
  ExpectShare(figures.with_responsible_organization(), {0, 5, 0.0}, "org at end of 2023");
}

TEST_F(WardFiguresTest, CoverageIsMeasuredOnTheAsOfDate) {
  // On 2024-12-31 H02's need is not recorded, H05's helper not yet assigned
  // and H03's case still open (H03 is not followed any more in 2024).
  const v1::WardFigures figures = ComputeFigures(records_, 2024, *ParseIsoDate("2024-12-31"));
  ExpectShare(figures.with_responsible_organization(), {3, 5, 60.0}, "org");
  ExpectShare(figures.with_helper(), {1, 5, 20.0}, "helper: H01 only");
  // H10's loan need is open (withdrawn only in 2025); H01 answered.
  ExpectShare(figures.loans_for_loan_needs(), {1, 2, 50.0}, "loans");
  // H02 visited 2024-11-01: 60 days before.
  ExpectShare(figures.visited_last_90_days(), {1, 5, 20.0}, "visited: H02");
}

// One programme's line of the figures, for comparison.
struct ExpectedCredit {
  v1::CreditProgramme programme;
  int loans;
  int households;
  std::int64_t amount_vnd;
};

void ExpectCredit(const v1::WardFigures& figures, const std::vector<ExpectedCredit>& expected) {
  ASSERT_EQ(figures.policy_credit_by_programme_size(), static_cast<int>(expected.size()))
      << figures.ShortDebugString();
  for (size_t i = 0; i < expected.size(); ++i) {
    const v1::ProgrammeCredit& line = figures.policy_credit_by_programme(static_cast<int>(i));
    const std::string what = v1::CreditProgramme_Name(expected[i].programme);
    EXPECT_EQ(line.programme(), expected[i].programme) << "line " << i;
    EXPECT_EQ(line.loans(), expected[i].loans) << what;
    EXPECT_EQ(line.households(), expected[i].households) << what;
    EXPECT_EQ(line.amount_vnd(), expected[i].amount_vnd) << what;
  }
}

TEST_F(WardFiguresTest, PolicyCreditIsSplitByProgramme) {
  WardProjection projection;
  testkit::WardBuilder ward(projection);
  for (const char* household : {"A", "B", "C", "D"}) ward.Register(household, "TDP-01");
  ward.Approve("A", "R", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2024-01-01");
  ward.Loan("A", "C1/S1", v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, 50'000'000, "2024-03-01");
  ward.Loan("A", "C1/S2", v1::CREDIT_PROGRAMME_HOUSING, 40'000'000, "2024-05-01");
  ward.Loan("A", "C1/S3", v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, 10'000'000, "2024-06-01");
  ward.Approve("B", "R", 2024, v1::POVERTY_CATEGORY_NEAR_POOR, v1::TRANSITION_NEWLY_NEAR_POOR, "2024-01-01");
  ward.Loan("B", "C1/S1", v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS, 30'000'000, "2024-02-01");
  ward.Support("B", "C1/S2", Record::SUPPORT_KIND_TRAINING, "2024-02-01");
  ward.Loan("B", "C1/S3", v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS, 20'000'000, "2024-07-01");
  // A loan recorded before programmes were required.
  ward.Loan("C", "C1/S1", v1::CREDIT_PROGRAMME_UNSPECIFIED, 5'000'000, "2024-01-10");
  ward.Loan("C", "C1/S2", v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, 15'000'000, "2024-01-20");
  // D left the ward in 2024: counted in 2023, not in 2024.
  ward.Loan("D", "C1/S1", v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, 25'000'000, "2023-03-01");
  ward.Leave("D", "2024-02-01");
  for (const ApplyOutcome& outcome : ward.outcomes()) ASSERT_TRUE(outcome.ok());
  const std::vector<v1::HouseholdFigureRecord> records = projection.Records();

  // B's second loan comes after as_of; its training is no credit.
  ExpectCredit(ComputeFigures(records, 2024, *ParseIsoDate("2024-06-30")),
               {{v1::CREDIT_PROGRAMME_UNSPECIFIED, 1, 1, 5'000'000},
                {v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, 3, 2, 75'000'000},
                {v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS, 1, 1, 30'000'000},
                {v1::CREDIT_PROGRAMME_HOUSING, 1, 1, 40'000'000}});
  // Before any loan, no line at all.
  ExpectCredit(ComputeFigures(records, 2024, *ParseIsoDate("2024-01-05")), {});
  // In 2023 D still counts.
  ExpectCredit(ComputeFigures(records, 2023, *ParseIsoDate("2023-12-31")),
               {{v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS, 1, 1, 25'000'000}});
}

TEST_F(WardFiguresTest, VisitWindowIsNinetyDaysIncludingAsOf) {
  WardProjection projection;
  testkit::WardBuilder ward(projection);
  ward.Approve("A", "R", 2024, v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, "2024-01-01");
  ward.Visit("A", "2024-01-02");
  const std::vector<v1::HouseholdFigureRecord> records = projection.Records();
  // 89 days after the visit it still counts; 90 days after, it no longer does.
  EXPECT_EQ(ComputeFigures(records, 2024, *ParseIsoDate("2024-03-31")).visited_last_90_days().count(), 1);
  EXPECT_EQ(ComputeFigures(records, 2024, *ParseIsoDate("2024-04-01")).visited_last_90_days().count(), 0);
}

TEST_F(WardFiguresTest, LatestReviewYearIsTheNewestApproval) {
  EXPECT_EQ(LatestReviewYear(records_), 2024);
  EXPECT_EQ(LatestReviewYear(std::vector<v1::HouseholdFigureRecord>{}), std::nullopt);
}

TEST(WardFiguresIdempotenceTest, FeedingTheSameFactsTwiceCountsOnce) {
  WardProjection projection;
  testkit::FeedSampleWard(projection);
  const std::vector<v1::HouseholdFigureRecord> once = projection.Records();
  const CivilDate as_of = *ParseIsoDate("2025-03-31");
  const std::string figures_once = ComputeFigures(once, 2024, as_of).SerializeAsString();

  for (const ApplyOutcome& outcome : testkit::FeedSampleWard(projection)) {
    EXPECT_TRUE(outcome.ok());
    EXPECT_FALSE(outcome.changed) << "a replayed fact changed a record";
  }
  EXPECT_EQ(ComputeFigures(projection.Records(), 2024, as_of).SerializeAsString(), figures_once);
}

}  // namespace
}  // namespace ansinh::monitoring
