// A poor household "without labour capacity" (docs/domain.md §3.4): no member is
// of working age (15 to the statutory retirement age for their sex and month
// of birth) and able to work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classification/core/classifier.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using testkit::Adult;
using testkit::BornYearsBefore;
using testkit::Child;
using testkit::DepriveDwelling;
using testkit::NonDeprivedSurvey;
using testkit::RealStandard;
using testkit::Verdict;

// A rural household under Decree 07/2021 made of `members`, classified POOR
// (income at the line, 3 deprivations) unless `poor` is false.
v1::ClassificationResult ClassifyHousehold(std::vector<v1::Member> members, bool poor = true) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  survey.clear_members();
  for (v1::Member& member : members) *survey.add_members() = std::move(member);
  DepriveDwelling(survey, poor ? 3 : 2);
  Result<v1::ClassificationResult> result = Classify(survey, RealStandard("decree-07-2021"));
  if (!result.ok()) {
    ADD_FAILURE() << result.error().message;
    return {};
  }
  return *result;
}

v1::Member Person(v1::Sex sex, int age, bool lost_working_capacity = false) {
  v1::Member member = Adult("M" + std::to_string(age), "Member", sex, BornYearsBefore(age));
  member.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  member.set_lost_working_capacity(lost_working_capacity);
  return member;
}

TEST(LabourCapacityTest, ElderlyCoupleIsPoorWithoutLabourCapacity) {
  const v1::ClassificationResult result =
      ClassifyHousehold({Person(v1::SEX_MALE, 70), Person(v1::SEX_FEMALE, 68)});

  EXPECT_EQ(result.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(result.without_labour_capacity());
  EXPECT_EQ(result.members_with_labour_capacity(), 0);
}

TEST(LabourCapacityTest, MemberWhoLostCapacityAndAChildCannotWork) {
  const v1::ClassificationResult result = ClassifyHousehold(
      {Person(v1::SEX_FEMALE, 35, /*lost_working_capacity=*/true), Child("M2", "Con", BornYearsBefore(10))});

  EXPECT_EQ(result.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(result.without_labour_capacity());
}

TEST(LabourCapacityTest, OneAbleWorkingAgeMemberIsEnough) {
  const v1::ClassificationResult result =
      ClassifyHousehold({Person(v1::SEX_MALE, 70), Person(v1::SEX_FEMALE, 40)});

  EXPECT_EQ(result.category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_FALSE(result.without_labour_capacity());
  EXPECT_EQ(result.members_with_labour_capacity(), 1);
}

TEST(LabourCapacityTest, OnlyPoorHouseholdsAreFlagged) {
  const v1::ClassificationResult result =
      ClassifyHousehold({Person(v1::SEX_MALE, 70), Person(v1::SEX_FEMALE, 68)}, /*poor=*/false);

  EXPECT_EQ(result.category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_FALSE(result.without_labour_capacity());
  EXPECT_EQ(result.members_with_labour_capacity(), 0);
}

TEST(LabourCapacityTest, WorkingAgePerSexOnTheSurveyDate) {
  // On 2025-10-01: men born in October 1964 reach 61 years 6 months in April
  // 2026, men born in October 1963 reached 61 in October 2024; women born in
  // October 1969 reach 57 in October 2026, women born in October 1968
  // reached 56 years 8 months in June 2025. A woman of 57 or 59, counted by
  // the former whole-year band (to 59), is past working age.
  struct Case {
    v1::Sex sex;
    int age;
    int with_capacity;
  };
  for (const Case& c :
       {Case{v1::SEX_MALE, 14, 0}, Case{v1::SEX_MALE, 15, 1}, Case{v1::SEX_MALE, 61, 1},
        Case{v1::SEX_MALE, 62, 0}, Case{v1::SEX_FEMALE, 15, 1}, Case{v1::SEX_FEMALE, 56, 1},
        Case{v1::SEX_FEMALE, 57, 0}, Case{v1::SEX_FEMALE, 59, 0}, Case{v1::SEX_FEMALE, 60, 0}}) {
    const v1::ClassificationResult result =
        ClassifyHousehold({Person(c.sex, c.age), Person(v1::SEX_MALE, 80)});

    EXPECT_EQ(result.members_with_labour_capacity(), c.with_capacity) << v1::Sex_Name(c.sex) << " " << c.age;
    EXPECT_EQ(result.without_labour_capacity(), c.with_capacity == 0);
  }
}

TEST(LabourCapacityTest, Decision59YearsUseTheRetirementAgesBefore2021) {
  // Surveyed in 2018: 60 for men, 55 for women.
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 600000);
  survey.set_review_year(2018);
  survey.set_survey_date("2018-10-01");
  survey.clear_members();
  *survey.add_members() = Person(v1::SEX_FEMALE, 55);
  survey.mutable_members(0)->set_date_of_birth("1963-10-01");
  *survey.add_members() = Person(v1::SEX_MALE, 60);
  survey.mutable_members(1)->set_date_of_birth("1958-10-01");

  Result<v1::ClassificationResult> result = Classify(survey, RealStandard("decision-59-2015"));
  survey.mutable_members(0)->set_date_of_birth("1963-11-01");
  Result<v1::ClassificationResult> a_month_younger = Classify(survey, RealStandard("decision-59-2015"));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(result->without_labour_capacity());
  ASSERT_TRUE(a_month_younger.ok()) << a_month_younger.error().message;
  EXPECT_EQ(a_month_younger->members_with_labour_capacity(), 1);
}

// The household of docs/domain.md §3.4: a woman of 58 living alone, surveyed
// in 2026 under Decree 07/2021 (a regular review during 2026 amends the 2026
// list). Born in March 1968, she reached 56 years 4 months, the age for women
// reaching it in 2024, in July 2024.
v1::Survey WomanOf58LivingAlone(v1::Employment employment, int dwelling_deprivations) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  survey.set_survey_id("SV-2026-1");
  survey.set_review_year(2026);
  survey.set_kind(v1::REVIEW_KIND_REGULAR);
  survey.set_survey_date("2026-10-01");
  survey.clear_members();
  v1::Member woman = Adult("M1", "Trần Thị Hoa", v1::SEX_FEMALE, "1968-03-15");
  woman.set_employment(employment);
  *survey.add_members() = woman;
  DepriveDwelling(survey, dwelling_deprivations);
  return survey;
}

TEST(LabourCapacityTest, AWomanOf58LivingAloneIn2026IsPastWorkingAge) {
  Result<v1::ClassificationResult> result =
      ClassifySurvey(WomanOf58LivingAlone(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE, 3), testkit::RealCatalog());

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->standard_id(), "decree-07-2021");
  EXPECT_EQ(result->category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_EQ(result->members_with_labour_capacity(), 0);
  EXPECT_TRUE(result->without_labour_capacity());
  EXPECT_EQ(result->labour_capacity_reason(),
            "Can work: nobody. Cannot work: Trần Thị Hoa (58), past the statutory retirement age (56 years 4 "
            "months) since 2024-07.");
  // Neither labour indicator counts her: not of working age for employment,
  // not a dependant (under 60, no allowance).
  EXPECT_FALSE(Verdict(*result, v1::INDICATOR_KIND_EMPLOYMENT).deprived());
  const v1::IndicatorResult& dependants = Verdict(*result, v1::INDICATOR_KIND_DEPENDANTS);
  EXPECT_FALSE(dependants.deprived());
  EXPECT_THAT(dependants.reason(), ::testing::HasSubstr("0 of 1 members are dependants"));
}

TEST(LabourCapacityTest, HerUnemploymentNoLongerDeprivesTheHousehold) {
  // Unemployed, with two dwelling deprivations: the former band (women to
  // 59) counted her unemployment, a third deprivation that made the
  // household POOR; past working age it is NEAR_POOR.
  Result<v1::ClassificationResult> result =
      ClassifySurvey(WomanOf58LivingAlone(v1::EMPLOYMENT_UNEMPLOYED, 2), testkit::RealCatalog());

  ASSERT_TRUE(result.ok()) << result.error().message;
  const v1::IndicatorResult& employment = Verdict(*result, v1::INDICATOR_KIND_EMPLOYMENT);
  EXPECT_FALSE(employment.deprived());
  EXPECT_THAT(employment.reason(),
              ::testing::HasSubstr("not counted: Trần Thị Hoa (58) is unemployed but is past the statutory "
                                   "retirement age (56 years 4 months) since 2024-07"));
  EXPECT_EQ(result->deprivation_count(), 2);
  EXPECT_EQ(result->category(), v1::POVERTY_CATEGORY_NEAR_POOR);
  EXPECT_FALSE(result->without_labour_capacity()) << "only a POOR household is flagged";
}

TEST(LabourCapacityTest, TheReasonSaysWhoCanWorkUntilWhenAndWhyOthersCannot) {
  const v1::ClassificationResult result =
      ClassifyHousehold({Person(v1::SEX_MALE, 45), Person(v1::SEX_FEMALE, 35, /*lost_working_capacity=*/true),
                         Child("M10", "Bé Na", BornYearsBefore(10))});

  EXPECT_EQ(result.members_with_labour_capacity(), 1);
  EXPECT_EQ(result.labour_capacity_reason(),
            "Can work: Member (45), of working age until the statutory retirement age (62 years) in 2042-10. "
            "Cannot work: Member (35), lost working capacity; Bé Na (10), under 15.");
}

TEST(LabourCapacityTest, UnrecordedSexOfAWorkingAgeMemberRefusesTheSurvey) {
  v1::Member member = Person(v1::SEX_MALE, 30);
  member.set_sex(v1::SEX_UNSPECIFIED);
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  *survey.add_members() = member;

  Result<v1::ClassificationResult> result = Classify(survey, RealStandard("decree-07-2021"));

  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.error().violations.size(), 1u);
  EXPECT_EQ(result.error().violations[0].field, "members[2].sex");
}

}  // namespace
}  // namespace ansinh::classification
