// Who outcome analytics follow and what became of them (outcome_cohorts.h):
// entry, list at entry, escape, relapse, censoring and income, on records fed
// through WardProjection as the adapter feeds them.
#include "monitoring/core/outcome_cohorts.h"

#include <gtest/gtest.h>

#include "monitoring/core/ward_projection.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

CivilDate Day(const char* iso) { return *ParseIsoDate(iso); }

class OutcomeCohortsTest : public ::testing::Test {
 protected:
  void Approve(const std::string& household, const std::string& round, int year, v1::PovertyCategory category,
               const std::string& on) {
    ASSERT_TRUE(projection_
                    .Apply(StatusApproval{household, round, year, year + 1, category,
                                          v1::TRANSITION_UNSPECIFIED, false, on})
                    .ok());
  }
  void Support(const std::string& household, const std::string& id, v1::SupportType type,
               const std::string& on, const std::string& provider, const std::string& model = "",
               std::int64_t amount = 0) {
    SupportDelivery delivery{household, id, Record::SUPPORT_KIND_OTHER, on};
    delivery.amount_vnd = amount;
    delivery.attribution = {type,           provider,  model, "", "CASE-" + household + "-1",
                            "womens-union", "women-01"};
    ASSERT_TRUE(projection_.Apply(delivery).ok());
  }
  void Income(const std::string& household, const std::string& survey, const std::string& on,
              std::int64_t income) {
    ASSERT_TRUE(projection_.Apply(SurveyIncomeFact{household, survey, "", on, income}).ok());
  }
  OutcomeCohorts Build(v1::OutcomeDimension dimension, const char* as_of = "2025-12-31") {
    const std::vector<Record> records = projection_.Records();
    return BuildOutcomeCohorts(records,
                               OutcomeQuery{dimension, Day("2021-01-01"), Day(as_of), Day(as_of), ""});
  }

  WardProjection projection_;
};

TEST_F(OutcomeCohortsTest, AHouseholdIsFollowedFromItsFirstSupportUntilItsEscape) {
  Approve("H1", "R2021", 2021, v1::POVERTY_CATEGORY_POOR, "2021-12-20");
  Income("H1", "S1", "2021-11-05", 1'100'000);
  Support("H1", "C/S1", v1::SUPPORT_TYPE_POLICY_CREDIT, "2022-03-01", "VBSP", "", 50'000'000);
  Support("H1", "C/S2", v1::SUPPORT_TYPE_POLICY_CREDIT, "2022-09-01", "VBSP", "", 20'000'000);
  Income("H1", "S2", "2022-11-04", 1'900'000);
  Approve("H1", "R2022", 2022, v1::POVERTY_CATEGORY_NEAR_POOR, "2022-12-19");
  Income("H1", "S3", "2023-11-04", 2'600'000);

  const OutcomeCohorts cohorts = Build(v1::OUTCOME_DIMENSION_SUPPORT_TYPE);
  ASSERT_EQ(cohorts.groups.count("SUPPORT_TYPE_POLICY_CREDIT"), 1u);
  const FollowedHousehold& h1 = cohorts.groups.at("SUPPORT_TYPE_POLICY_CREDIT").at(0);
  EXPECT_EQ(h1.entry, Day("2022-03-01"));
  EXPECT_EQ(h1.category_at_entry, v1::POVERTY_CATEGORY_POOR);
  ASSERT_TRUE(h1.escaped_on.has_value());
  EXPECT_EQ(*h1.escaped_on, Day("2022-12-19"));
  EXPECT_FALSE(h1.relapsed_on.has_value());
  EXPECT_EQ(h1.deliveries, 2);
  EXPECT_EQ(h1.amount_vnd, 70'000'000);
  // The survey on or before entry, and the first one after it.
  EXPECT_EQ(h1.income_before_vnd, 1'100'000);
  EXPECT_EQ(h1.income_after_vnd, 1'900'000);
  EXPECT_NEAR(h1.MonthsFollowed(), 293 / kDaysPerMonth, 1e-9);
  EXPECT_TRUE(h1.EscapedWithin(12));
  EXPECT_TRUE(h1.KnownFor(36));
}

TEST_F(OutcomeCohortsTest, AStillPoorHouseholdIsCensoredAtAsOfOrWhenItLeft) {
  Approve("H2", "R2021", 2021, v1::POVERTY_CATEGORY_POOR, "2021-12-20");
  Support("H2", "C/S1", v1::SUPPORT_TYPE_HOUSING, "2024-06-01", "Quỹ Vì người nghèo");
  Approve("H2", "R2024", 2024, v1::POVERTY_CATEGORY_POOR, "2024-12-18");

  const FollowedHousehold still_poor =
      Build(v1::OUTCOME_DIMENSION_SOURCE).groups.at("Quỹ Vì người nghèo").at(0);
  EXPECT_FALSE(still_poor.escaped_on.has_value());
  EXPECT_EQ(still_poor.observed_until, Day("2025-12-31"));
  EXPECT_FALSE(still_poor.EscapedWithin(12));
  EXPECT_TRUE(still_poor.KnownFor(12));
  EXPECT_FALSE(still_poor.KnownFor(24)) << "observed 19 months only";

  ASSERT_TRUE(projection_.Apply(HouseholdDeparture{"H2", v1::HOUSEHOLD_STATUS_MOVED_OUT, "2025-02-01"}).ok());
  const FollowedHousehold left = Build(v1::OUTCOME_DIMENSION_SOURCE).groups.at("Quỹ Vì người nghèo").at(0);
  EXPECT_EQ(left.observed_until, Day("2025-02-01"));
  EXPECT_FALSE(left.KnownFor(12));
}

TEST_F(OutcomeCohortsTest, AReturnWithinThirtySixMonthsOfTheEscapeIsARelapse) {
  Approve("H3", "R2021", 2021, v1::POVERTY_CATEGORY_NEAR_POOR, "2021-12-20");
  Support("H3", "C/S1", v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS, "2022-02-01", "Hội Nông dân", "bo-giong");
  // Poor is worse than near-poor: no escape.
  Approve("H3", "R2022", 2022, v1::POVERTY_CATEGORY_POOR, "2022-12-19");
  Approve("H3", "R2023", 2023, v1::POVERTY_CATEGORY_AVERAGE, "2023-12-18");
  Approve("H3", "R2024", 2024, v1::POVERTY_CATEGORY_NEAR_POOR, "2024-12-18");

  const FollowedHousehold h3 = Build(v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL).groups.at("bo-giong").at(0);
  EXPECT_EQ(h3.category_at_entry, v1::POVERTY_CATEGORY_NEAR_POOR);
  ASSERT_TRUE(h3.escaped_on.has_value());
  EXPECT_EQ(*h3.escaped_on, Day("2023-12-18"));
  ASSERT_TRUE(h3.relapsed_on.has_value());
  EXPECT_EQ(*h3.relapsed_on, Day("2024-12-18"));
}

TEST_F(OutcomeCohortsTest, HouseholdsOffTheListsAtEntryAreSupportedButNotFollowedForEscape) {
  Approve("H4", "R2021", 2021, v1::POVERTY_CATEGORY_AVERAGE, "2021-12-20");
  Support("H4", "C/S1", v1::SUPPORT_TYPE_POLICY_CREDIT, "2022-03-01", "VBSP");
  const OutcomeCohorts cohorts = Build(v1::OUTCOME_DIMENSION_RESIDENTIAL_GROUP);
  ASSERT_EQ(cohorts.ward.size(), 1u);
  EXPECT_FALSE(cohorts.ward[0].on_list_at_entry());
  EXPECT_FALSE(cohorts.ward[0].escaped_on.has_value());
}

TEST_F(OutcomeCohortsTest, JoiningAModelCountsForTheModelButNotAsASupportType) {
  Approve("H5", "R2021", 2021, v1::POVERTY_CATEGORY_POOR, "2021-12-20");
  ASSERT_TRUE(projection_
                  .Apply(ModelParticipationFact{"H5", "ga-tha-vuon", "CASE-H5-1", "2022-04-01", "",
                                                "farmers-union", "farm-02"})
                  .ok());
  EXPECT_EQ(Build(v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL).groups.at("ga-tha-vuon").at(0).entry,
            Day("2022-04-01"));
  EXPECT_EQ(Build(v1::OUTCOME_DIMENSION_HELPER).groups.count("farm-02"), 1u);
  EXPECT_TRUE(Build(v1::OUTCOME_DIMENSION_SUPPORT_TYPE).groups.empty());
  EXPECT_EQ(Build(v1::OUTCOME_DIMENSION_SUPPORT_TYPE).ward.size(), 1u);
}

TEST_F(OutcomeCohortsTest, SupportOutsideThePeriodDoesNotCount) {
  Approve("H6", "R2021", 2021, v1::POVERTY_CATEGORY_POOR, "2021-12-20");
  Support("H6", "C/S1", v1::SUPPORT_TYPE_HOUSING, "2026-01-10", "UBND");
  EXPECT_TRUE(Build(v1::OUTCOME_DIMENSION_SUPPORT_TYPE).ward.empty());
}

TEST(HouseholdRecordOutcomeFactsTest, ACorrectedSurveysIncomeIsReplacedAndErasureDropsIncomes) {
  Record record;
  ASSERT_TRUE(Apply(SurveyIncomeFact{"H1", "S1", "", "2022-11-01", 1'000'000}, record).ok());
  ASSERT_TRUE(Apply(SurveyIncomeFact{"H1", "S2", "S1", "2022-11-03", 1'200'000}, record).ok());
  ASSERT_EQ(record.incomes_size(), 1);
  EXPECT_EQ(record.incomes(0).survey_id(), "S2");
  EXPECT_FALSE(Apply(SurveyIncomeFact{"H1", "S2", "S1", "2022-11-03", 1'200'000}, record).changed);
  EXPECT_FALSE(Apply(SurveyIncomeFact{"H1", "S3", "", "3 Nov", -1}, record).ok());
  ASSERT_TRUE(Apply(HouseholdErasure{"H1"}, record).changed);
  EXPECT_EQ(record.incomes_size(), 0);
}

TEST(HouseholdRecordOutcomeFactsTest, AModelsLeavingKeepsTheJoiningsHelperAndAStrikeIsKeptOnce) {
  Record record;
  ASSERT_TRUE(
      Apply(ModelParticipationFact{"H1", "m1", "C1", "2022-01-01", "", "org", "helper-a"}, record).ok());
  ASSERT_TRUE(
      Apply(ModelParticipationFact{"H1", "m1", "C1", "2022-01-01", "2023-01-01", "org", "helper-b"}, record)
          .changed);
  ASSERT_EQ(record.models_size(), 1);
  EXPECT_EQ(record.models(0).left_on(), "2023-01-01");
  EXPECT_EQ(record.models(0).helper_id(), "helper-a");
  ASSERT_TRUE(Apply(EmergencyStrikeFact{"H1", "EMG-2025-1", "2025-10-28"}, record).changed);
  EXPECT_FALSE(Apply(EmergencyStrikeFact{"H1", "EMG-2025-1", "2025-10-30"}, record).changed);
  EXPECT_EQ(record.emergencies(0).affected_on(), "2025-10-28");
}

TEST(HouseholdRecordOutcomeFactsTest, ASupportWithoutAHelperTakesTheCasesHelper) {
  Record record;
  ASSERT_TRUE(Apply(CaseAssignment{"H1", "C1", "womens-union", "2022-01-01"}, record).ok());
  ASSERT_TRUE(Apply(HelperAssignment{"H1", "C1", "womens-union", "women-03", "2022-01-02"}, record).ok());
  SupportDelivery delivery{"H1", "C1/S1", Record::SUPPORT_KIND_OTHER, "2022-02-01"};
  delivery.attribution.case_id = "C1";
  ASSERT_TRUE(Apply(delivery, record).ok());
  EXPECT_EQ(record.supports(0).helper_id(), "women-03");
  EXPECT_EQ(record.supports(0).organization_id(), "womens-union");
}

}  // namespace
}  // namespace ansinh::monitoring
