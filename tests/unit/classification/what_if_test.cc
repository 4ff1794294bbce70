// What-if under Decree 351/2025: which households fall under the new lines.
#include "classification/core/what_if.h"

#include <gtest/gtest.h>

#include <vector>

#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using testkit::DepriveDwelling;
using testkit::NonDeprivedSurvey;
using testkit::RealStandard;

v1::Survey SurveyOf(const std::string& household_id, v1::AreaType area, int64_t income, int deprivations) {
  v1::Survey survey = NonDeprivedSurvey(area, income);
  survey.set_household_id(household_id);
  survey.set_survey_id("SV-" + household_id);
  DepriveDwelling(survey, deprivations);
  return survey;
}

TEST(WhatIfTest, CountsAndNamesTheHouseholdsThatWouldChange) {
  // Official categories are Decree 07/2021's for the same surveys.
  const v1::Survey rural_average = SurveyOf("HH-3", v1::AREA_TYPE_RURAL, 1800000, 0);  // -> NEAR_POOR
  const v1::Survey urban_average = SurveyOf("HH-1", v1::AREA_TYPE_URBAN, 2500000, 3);  // -> POOR
  const v1::Survey well_off = SurveyOf("HH-2", v1::AREA_TYPE_URBAN, 5000000, 0);       // stays NOT_POOR
  const v1::Survey poor = SurveyOf("HH-4", v1::AREA_TYPE_RURAL, 1000000, 3);           // stays POOR
  const v1::Survey never_approved = SurveyOf("HH-5", v1::AREA_TYPE_RURAL, 1000000, 0);
  v1::Survey score_only = SurveyOf("HH-6", v1::AREA_TYPE_RURAL, 0, 0);
  score_only.set_has_income_per_capita(false);
  score_only.set_has_score_a(true);
  score_only.set_score_a(120);

  const std::vector<WhatIfHousehold> households = {
      {&rural_average, v1::POVERTY_CATEGORY_AVERAGE},
      {&urban_average, v1::POVERTY_CATEGORY_AVERAGE},
      {&well_off, v1::POVERTY_CATEGORY_NOT_POOR},
      {&poor, v1::POVERTY_CATEGORY_POOR, /*without_labour_capacity=*/false},
      {&never_approved, v1::POVERTY_CATEGORY_UNSPECIFIED},
      {&score_only, v1::POVERTY_CATEGORY_NEAR_POOR},
  };

  const v1::WhatIfReport report = RunWhatIf(RealStandard("decree-351-2025"), households);

  EXPECT_EQ(report.standard_id(), "decree-351-2025");
  EXPECT_EQ(report.classified(), 5);
  EXPECT_EQ(report.compared(), 4);
  EXPECT_EQ(report.would_change(), 2);
  ASSERT_EQ(report.changes_size(), 2);
  EXPECT_EQ(report.changes(0).household_id(), "HH-1");
  EXPECT_EQ(report.changes(0).from_category(), v1::POVERTY_CATEGORY_AVERAGE);
  EXPECT_EQ(report.changes(0).to_category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(report.changes(1).household_id(), "HH-3");
  EXPECT_EQ(report.changes(1).to_category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_EQ(report.changes(1).residential_group(), "TDP-05");
  ASSERT_EQ(report.errors_size(), 1);
  EXPECT_EQ(report.errors(0).household_id(), "HH-6");

  ASSERT_EQ(report.tallies_size(), 4);
  const v1::CategoryTally& poor_tally = report.tallies(0);
  EXPECT_EQ(poor_tally.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(poor_tally.official(), 1);
  EXPECT_EQ(poor_tally.what_if(), 2);
  const v1::CategoryTally& near_tally = report.tallies(1);
  EXPECT_EQ(near_tally.official(), 0);
  EXPECT_EQ(near_tally.what_if(), 2);  // HH-3 and the never-approved HH-5
  EXPECT_EQ(report.tallies(2).official(), 2);
  EXPECT_EQ(report.tallies(2).what_if(), 0);
}

TEST(WhatIfTest, ReportsRunInBatchesAddUpToOneRun) {
  const v1::Survey a = SurveyOf("HH-3", v1::AREA_TYPE_RURAL, 1800000, 0);
  const v1::Survey b = SurveyOf("HH-1", v1::AREA_TYPE_URBAN, 2500000, 3);
  const v1::Survey c = SurveyOf("HH-2", v1::AREA_TYPE_URBAN, 5000000, 0);
  v1::Survey d = SurveyOf("HH-4", v1::AREA_TYPE_RURAL, 0, 0);
  d.set_has_income_per_capita(false);
  const std::vector<WhatIfHousehold> all = {{&a, v1::POVERTY_CATEGORY_AVERAGE},
                                            {&b, v1::POVERTY_CATEGORY_AVERAGE},
                                            {&c, v1::POVERTY_CATEGORY_NOT_POOR},
                                            {&d, v1::POVERTY_CATEGORY_POOR, true}};
  const v1::Standard& standard = RealStandard("decree-351-2025");

  const v1::WhatIfReport whole = RunWhatIf(standard, all);
  v1::WhatIfReport merged;
  MergeWhatIfReports(merged, RunWhatIf(standard, std::vector{all[0], all[3]}));
  MergeWhatIfReports(merged, RunWhatIf(standard, std::vector{all[1], all[2]}));

  EXPECT_EQ(merged.SerializeAsString(), whole.SerializeAsString());
  EXPECT_EQ(merged.would_change(), 2);
  EXPECT_EQ(merged.changes(0).household_id(), "HH-1");
  EXPECT_EQ(merged.errors_size(), 1);
}

TEST(WhatIfTest, IgnoresTheSurveysReviewYear) {
  // A 2025 survey classified under Decision 59/2015 all the same.
  const v1::Survey survey = SurveyOf("HH-1", v1::AREA_TYPE_RURAL, 650000, 0);
  const std::vector<WhatIfHousehold> households = {{&survey, v1::POVERTY_CATEGORY_NEAR_POOR}};

  const v1::WhatIfReport report = RunWhatIf(RealStandard("decision-59-2015"), households);

  ASSERT_EQ(report.changes_size(), 1);
  EXPECT_EQ(report.changes(0).to_category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(report.errors_size(), 0);
}

}  // namespace
}  // namespace ansinh::classification
