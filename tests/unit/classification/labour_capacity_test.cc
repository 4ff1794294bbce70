// A poor household "without labour capacity" (docs/domain.md §3.4): no member is
// within the working-age band for their sex and able to work.
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

TEST(LabourCapacityTest, WorkingAgeBandPerSexFromTheStandard) {
  struct Case {
    v1::Sex sex;
    int age;
    int with_capacity;
  };
  for (const Case& c : {Case{v1::SEX_MALE, 14, 0}, Case{v1::SEX_MALE, 15, 1}, Case{v1::SEX_MALE, 61, 1},
                        Case{v1::SEX_MALE, 62, 0}, Case{v1::SEX_FEMALE, 15, 1}, Case{v1::SEX_FEMALE, 59, 1},
                        Case{v1::SEX_FEMALE, 60, 0}}) {
    const v1::ClassificationResult result =
        ClassifyHousehold({Person(c.sex, c.age), Person(v1::SEX_MALE, 80)});

    EXPECT_EQ(result.members_with_labour_capacity(), c.with_capacity) << v1::Sex_Name(c.sex) << " " << c.age;
    EXPECT_EQ(result.without_labour_capacity(), c.with_capacity == 0);
  }
}

TEST(LabourCapacityTest, Decision59UsesItsOwnRetirementAges) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 600000);
  survey.set_review_year(2018);
  survey.clear_members();
  *survey.add_members() = Person(v1::SEX_FEMALE, 55);
  *survey.add_members() = Person(v1::SEX_MALE, 60);

  Result<v1::ClassificationResult> result = Classify(survey, RealStandard("decision-59-2015"));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->category(), v1::POVERTY_CATEGORY_POOR);
  EXPECT_TRUE(result->without_labour_capacity());
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
