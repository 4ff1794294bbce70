// One test per indicator rule: deprived and not, with the reason naming the
// member or the fact and the threshold.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classification/core/classifier.h"
#include "survey_builder.h"

namespace ansinh::classification {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Adult;
using testkit::BornYearsBefore;
using testkit::Child;
using testkit::NonDeprivedSurvey;
using testkit::RealStandard;
using testkit::Verdict;

constexpr char kDecree07[] = "decree-07-2021";

// Classifies under `standard_id` and returns the verdict on `kind`.
v1::IndicatorResult Judge(const v1::Survey& survey, v1::IndicatorKind kind,
                          const char* standard_id = kDecree07) {
  Result<v1::ClassificationResult> result = Classify(survey, RealStandard(standard_id));
  if (!result.ok()) {
    ADD_FAILURE() << result.error().message;
    return {};
  }
  return Verdict(*result, kind);
}

v1::Survey WithMember(const v1::Member& member) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  *survey.add_members() = member;
  return survey;
}

TEST(EmploymentRuleTest, UnemployedWorkingAgeMemberIsDeprived) {
  v1::Member member = Adult("M3", "Lê Văn Tâm", v1::SEX_MALE, BornYearsBefore(34));
  member.set_employment(v1::EMPLOYMENT_UNEMPLOYED);

  const v1::IndicatorResult verdict = Judge(WithMember(member), v1::INDICATOR_KIND_EMPLOYMENT);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_EQ(verdict.reason(),
            "Lê Văn Tâm (34) is unemployed; working age runs from 15 to the statutory retirement age, "
            "which for those reaching it in 2025 is 61 years 3 months for men and 56 years 8 months for "
            "women");
  EXPECT_THAT(verdict.member_ids(), ElementsAre("M3"));
}

TEST(EmploymentRuleTest, WageWithoutContractIsDeprived) {
  v1::Member member = Adult("M3", "Phạm Thị Mai", v1::SEX_FEMALE, BornYearsBefore(52));
  member.set_employment(v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT);

  const v1::IndicatorResult verdict = Judge(WithMember(member), v1::INDICATOR_KIND_EMPLOYMENT);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_THAT(verdict.reason(), HasSubstr("Phạm Thị Mai (52) works for wages without a labour "
                                          "contract"));
}

TEST(EmploymentRuleTest, AWomanPastTheRetirementAgeIsNotCountedAndTheReasonSaysWhy) {
  // 57 on 2025-10-01, born in October 1968: she reached 2025's women's age,
  // 56 years 8 months, in June 2025. The former whole-year band (to 59)
  // counted her.
  v1::Member member = Adult("M3", "Phạm Thị Mai", v1::SEX_FEMALE, BornYearsBefore(57));
  member.set_employment(v1::EMPLOYMENT_WAGE_WITHOUT_CONTRACT);

  const v1::IndicatorResult verdict = Judge(WithMember(member), v1::INDICATOR_KIND_EMPLOYMENT);

  EXPECT_FALSE(verdict.deprived());
  EXPECT_THAT(verdict.reason(),
              HasSubstr("; not counted: Phạm Thị Mai (57) works for wages without a labour contract but is "
                        "past the statutory retirement age (56 years 8 months) since 2025-06"));
  EXPECT_TRUE(verdict.member_ids().empty());
}

TEST(EmploymentRuleTest, OutsideWorkingAgeOrUnableToWorkIsNotDeprived) {
  struct Case {
    v1::Sex sex;
    int age;
    bool lost_working_capacity;
    bool deprived;
  };
  for (const Case& c : {Case{v1::SEX_MALE, 61, false, true}, Case{v1::SEX_MALE, 62, false, false},
                        Case{v1::SEX_FEMALE, 60, false, false}, Case{v1::SEX_MALE, 14, false, false},
                        Case{v1::SEX_MALE, 15, false, true}, Case{v1::SEX_MALE, 40, true, false}}) {
    v1::Member member = Adult("M3", "Đỗ Văn Nam", c.sex, BornYearsBefore(c.age));
    member.set_employment(v1::EMPLOYMENT_UNEMPLOYED);
    member.set_lost_working_capacity(c.lost_working_capacity);

    const v1::IndicatorResult verdict = Judge(WithMember(member), v1::INDICATOR_KIND_EMPLOYMENT);

    EXPECT_EQ(verdict.deprived(), c.deprived) << c.age << " " << c.sex;
  }
  const v1::IndicatorResult fine =
      Judge(NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1), v1::INDICATOR_KIND_EMPLOYMENT);
  EXPECT_FALSE(fine.deprived());
  EXPECT_EQ(fine.reason(),
            "no working-age member is unemployed or works for wages without a labour contract; working age "
            "runs from 15 to the statutory retirement age, which for those reaching it in 2025 is 61 years "
            "3 months for men and 56 years 8 months for women");
}

TEST(DependantsRuleTest, MoreThanHalfDependantsIsDeprived) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  *survey.add_members() = Child("M3", "Nguyễn Thị Bé", BornYearsBefore(3));
  v1::Member grandmother = Adult("M4", "Hoàng Thị Nhàn", v1::SEX_FEMALE, BornYearsBefore(82));
  grandmother.set_monthly_social_allowance_vnd(500000);
  *survey.add_members() = grandmother;
  v1::Member uncle = Adult("M5", "Nguyễn Văn Tư", v1::SEX_MALE, BornYearsBefore(40));
  uncle.set_has_disability(true);
  uncle.set_monthly_social_allowance_vnd(750000);
  *survey.add_members() = uncle;

  const v1::IndicatorResult verdict = Judge(survey, v1::INDICATOR_KIND_DEPENDANTS);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_EQ(verdict.reason(),
            "3 of 5 members are dependants, more than 50%: Nguyễn Thị Bé (3) "
            "child under 16; Hoàng Thị Nhàn (82) elderly, receives a social "
            "allowance; Nguyễn Văn Tư (40) disabled, receives a social "
            "allowance; dependants are children under 16, and members receiving a monthly social "
            "allowance who are disabled or aged 60 or over");
  EXPECT_THAT(verdict.member_ids(), ElementsAre("M3", "M4", "M5"));
}

TEST(DependantsRuleTest, ExactlyHalfOrElderlyWithoutAllowanceIsNotDeprived) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  *survey.add_members() = Child("M3", "Nguyễn Thị Bé", BornYearsBefore(15));
  *survey.add_members() = Child("M4", "Nguyễn Văn Bin", BornYearsBefore(8));

  const v1::IndicatorResult half = Judge(survey, v1::INDICATOR_KIND_DEPENDANTS);
  // A grandfather without a social allowance is not a dependant.
  *survey.add_members() = Adult("M5", "Nguyễn Văn Cao", v1::SEX_MALE, BornYearsBefore(75));
  const v1::IndicatorResult with_grandfather = Judge(survey, v1::INDICATOR_KIND_DEPENDANTS);

  EXPECT_FALSE(half.deprived());
  EXPECT_EQ(half.reason(),
            "2 of 4 members are dependants, not more than 50%; dependants are children under 16, and "
            "members receiving a monthly social allowance who are disabled or aged 60 or over");
  EXPECT_TRUE(half.member_ids().empty());
  EXPECT_FALSE(with_grandfather.deprived());
  EXPECT_THAT(with_grandfather.reason(), HasSubstr("2 of 5 members are dependants, not more than 50%; "));
}

TEST(NutritionRuleTest, StuntedChildUnder16IsDeprived) {
  v1::Member child = Child("M3", "Lê Thị Na", BornYearsBefore(4));
  child.set_nutrition(v1::NUTRITION_STUNTED);

  const v1::IndicatorResult verdict = Judge(WithMember(child), v1::INDICATOR_KIND_NUTRITION);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_EQ(verdict.reason(), "Lê Thị Na (4) is stunted; applies to every child under 16");
}

TEST(NutritionRuleTest, UnderweightAt16IsNotCounted) {
  v1::Member teenager = Child("M3", "Lê Thị Na", BornYearsBefore(16));
  teenager.set_nutrition(v1::NUTRITION_UNDERWEIGHT);

  const v1::IndicatorResult verdict = Judge(WithMember(teenager), v1::INDICATOR_KIND_NUTRITION);

  EXPECT_FALSE(verdict.deprived());
  EXPECT_EQ(verdict.reason(), "no child under 16 in the household");
}

TEST(NutritionRuleTest, UnrecordedNutritionOfAChildRefusesTheSurvey) {
  v1::Member child = Child("M3", "Lê Thị Na", BornYearsBefore(4));
  child.set_nutrition(v1::NUTRITION_UNSPECIFIED);

  Result<v1::ClassificationResult> result = Classify(WithMember(child), RealStandard(kDecree07));

  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.error().violations.size(), 1u);
  EXPECT_EQ(result.error().violations[0].field, "members[2].nutrition");
}

TEST(HealthInsuranceRuleTest, UninsuredFromAge6IsDeprived) {
  v1::Member six = Child("M3", "Vũ Minh Khôi", BornYearsBefore(6));
  six.set_has_health_insurance(false);
  v1::Member five = Child("M4", "Vũ Minh Khang", BornYearsBefore(5));
  five.set_has_health_insurance(false);
  v1::Survey survey = WithMember(six);
  *survey.add_members() = five;

  const v1::IndicatorResult verdict = Judge(survey, v1::INDICATOR_KIND_HEALTH_INSURANCE);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_EQ(verdict.reason(), "Vũ Minh Khôi (6) has no health insurance; required from age 6");
  EXPECT_THAT(verdict.member_ids(), ElementsAre("M3"));
}

TEST(HealthInsuranceRuleTest, UninsuredUnder6IsNotDeprived) {
  v1::Member five = Child("M3", "Vũ Minh Khang", BornYearsBefore(5));
  five.set_has_health_insurance(false);

  const v1::IndicatorResult verdict = Judge(WithMember(five), v1::INDICATOR_KIND_HEALTH_INSURANCE);

  EXPECT_FALSE(verdict.deprived());
  EXPECT_EQ(verdict.reason(), "every member aged 6 or over has health insurance");
}

TEST(AdultEducationRuleTest, SeventeenWithoutLowerSecondaryOutOfSchool) {
  v1::Member an = Adult("M3", "Nguyễn Văn An", v1::SEX_MALE, BornYearsBefore(17));
  an.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  an.set_enrolled_in_school(false);

  const v1::IndicatorResult verdict = Judge(WithMember(an), v1::INDICATOR_KIND_ADULT_EDUCATION);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_EQ(verdict.reason(),
            "Nguyễn Văn An (17) has not completed lower secondary and is not "
            "in school; required for ages 16-17");
}

TEST(AdultEducationRuleTest, LevelRequiredDependsOnAgeBand) {
  struct Case {
    int age;
    v1::EducationLevel level;
    bool enrolled;
    bool deprived;
  };
  for (const Case& c : {Case{17, v1::EDUCATION_LEVEL_PRIMARY, true, false},
                        Case{17, v1::EDUCATION_LEVEL_LOWER_SECONDARY, false, false},
                        Case{18, v1::EDUCATION_LEVEL_LOWER_SECONDARY, false, true},
                        Case{30, v1::EDUCATION_LEVEL_LOWER_SECONDARY, false, true},
                        Case{30, v1::EDUCATION_LEVEL_VOCATIONAL, false, false},
                        Case{31, v1::EDUCATION_LEVEL_PRIMARY, false, false},
                        Case{15, v1::EDUCATION_LEVEL_PRIMARY, false, false}}) {
    v1::Member member = Adult("M3", "Trịnh Văn Bình", v1::SEX_MALE, BornYearsBefore(c.age));
    member.set_education_level(c.level);
    member.set_enrolled_in_school(c.enrolled);

    const v1::IndicatorResult verdict = Judge(WithMember(member), v1::INDICATOR_KIND_ADULT_EDUCATION);

    EXPECT_EQ(verdict.deprived(), c.deprived) << c.age << " " << c.level;
  }
  v1::Member twenty = Adult("M3", "Trịnh Văn Bình", v1::SEX_MALE, BornYearsBefore(20));
  twenty.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);
  EXPECT_EQ(Judge(WithMember(twenty), v1::INDICATOR_KIND_ADULT_EDUCATION).reason(),
            "Trịnh Văn Bình (20) has not completed upper secondary or "
            "vocational and is not in school; required for ages 18-30");
}

TEST(AdultEducationRuleTest, Decision59AsksLowerSecondaryFrom15ToUnder30) {
  v1::Member fifteen = Adult("M3", "Trịnh Văn Bình", v1::SEX_MALE, BornYearsBefore(15));
  fifteen.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  v1::Member thirty = Adult("M4", "Trịnh Văn Cường", v1::SEX_MALE, BornYearsBefore(30));
  thirty.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  v1::Survey survey = WithMember(fifteen);
  *survey.add_members() = thirty;
  survey.set_review_year(2018);

  const v1::IndicatorResult verdict = Judge(survey, v1::INDICATOR_KIND_ADULT_EDUCATION, "decision-59-2015");

  EXPECT_TRUE(verdict.deprived());
  EXPECT_THAT(verdict.member_ids(), ElementsAre("M3"));
}

TEST(ChildSchoolAttendanceRuleTest, ChildOf3ToUnder16OutOfSchool) {
  struct Case {
    int age;
    bool deprived;
  };
  for (const Case& c : {Case{2, false}, Case{3, true}, Case{15, true}, Case{16, false}}) {
    v1::Member child = Child("M3", "Mai Thị Hoa", BornYearsBefore(c.age));
    child.set_enrolled_in_school(false);
    child.set_education_level(v1::EDUCATION_LEVEL_LOWER_SECONDARY);

    const v1::IndicatorResult verdict = Judge(WithMember(child), v1::INDICATOR_KIND_CHILD_SCHOOL_ATTENDANCE);

    EXPECT_EQ(verdict.deprived(), c.deprived) << c.age;
    if (c.deprived) {
      EXPECT_EQ(verdict.reason(), "Mai Thị Hoa (" + std::to_string(c.age) +
                                      ") is not attending school; required for children aged 3 "
                                      "to under 16");
    }
  }
  const v1::IndicatorResult enrolled = Judge(WithMember(Child("M3", "Mai Thị Hoa", BornYearsBefore(9))),
                                             v1::INDICATOR_KIND_CHILD_SCHOOL_ATTENDANCE);
  EXPECT_FALSE(enrolled.deprived());
  EXPECT_EQ(enrolled.reason(), "every child aged 3 to under 16 attends school");
}

TEST(HousingQualityRuleTest, TwoNonDurablePartsMakeTheHomeNonDurable) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_walls(v1::MATERIAL_QUALITY_NON_DURABLE);
  survey.set_roof(v1::MATERIAL_QUALITY_NON_DURABLE);

  const v1::IndicatorResult verdict = Judge(survey, v1::INDICATOR_KIND_HOUSING_QUALITY);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_EQ(verdict.reason(),
            "walls and roof are of non-durable materials; the home counts as "
            "non-durable when 2 or more of walls, columns, roof are");
}

TEST(HousingQualityRuleTest, OneNonDurablePartIsNotEnough) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_roof(v1::MATERIAL_QUALITY_NON_DURABLE);

  const v1::IndicatorResult verdict = Judge(survey, v1::INDICATOR_KIND_HOUSING_QUALITY);

  EXPECT_FALSE(verdict.deprived());
  EXPECT_THAT(verdict.reason(), HasSubstr("roof is of non-durable materials"));
}

TEST(HousingAreaRuleTest, UnderEightSquareMetresPerPerson) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  *survey.add_members() = Child("M3", "Mai Thị Hoa", BornYearsBefore(9));
  *survey.add_members() = Child("M4", "Mai Văn Hải", BornYearsBefore(7));
  survey.set_floor_area_m2(31.6);

  const v1::IndicatorResult small = Judge(survey, v1::INDICATOR_KIND_HOUSING_AREA);
  survey.set_floor_area_m2(32);
  const v1::IndicatorResult enough = Judge(survey, v1::INDICATOR_KIND_HOUSING_AREA);

  EXPECT_TRUE(small.deprived());
  EXPECT_EQ(small.reason(), "7.9 m² per person (31.6 m² for 4 members), under 8 m²");
  EXPECT_FALSE(enough.deprived());
  EXPECT_EQ(enough.reason(), "8 m² per person (32 m² for 4 members), at least 8 m²");
}

TEST(WaterSourceRuleTest, OnlyListedSourcesAreClean) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_water_source(v1::WATER_SOURCE_UNPROTECTED_SPRING);
  const v1::IndicatorResult unclean = Judge(survey, v1::INDICATOR_KIND_WATER_SOURCE);
  survey.set_water_source(v1::WATER_SOURCE_RAINWATER);
  const v1::IndicatorResult clean = Judge(survey, v1::INDICATOR_KIND_WATER_SOURCE);

  EXPECT_TRUE(unclean.deprived());
  EXPECT_EQ(unclean.reason(), "the water source is an unprotected spring, not a clean source");
  EXPECT_FALSE(clean.deprived());
  EXPECT_EQ(clean.reason(), "the water source is rainwater, a clean source");
}

TEST(LatrineRuleTest, OnlyListedTypesAreHygienic) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_latrine(v1::LATRINE_TYPE_SIMPLE_PIT);
  const v1::IndicatorResult pit = Judge(survey, v1::INDICATOR_KIND_HYGIENIC_LATRINE);
  survey.set_latrine(v1::LATRINE_TYPE_NONE);
  const v1::IndicatorResult none = Judge(survey, v1::INDICATOR_KIND_HYGIENIC_LATRINE);
  survey.set_latrine(v1::LATRINE_TYPE_POUR_FLUSH);
  const v1::IndicatorResult flush = Judge(survey, v1::INDICATOR_KIND_HYGIENIC_LATRINE);

  EXPECT_TRUE(pit.deprived());
  EXPECT_EQ(pit.reason(), "the household uses a simple pit latrine, not a hygienic type");
  EXPECT_TRUE(none.deprived());
  EXPECT_EQ(none.reason(), "the household has no latrine");
  EXPECT_FALSE(flush.deprived());
}

TEST(TelecomUseRuleTest, NoMemberUsingTelecomIsDeprived) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  EXPECT_FALSE(Judge(survey, v1::INDICATOR_KIND_TELECOM_USE).deprived());

  survey.set_uses_telecom(false);
  const v1::IndicatorResult verdict = Judge(survey, v1::INDICATOR_KIND_TELECOM_USE);

  EXPECT_TRUE(verdict.deprived());
  EXPECT_EQ(verdict.reason(), "no member uses telecom or internet services");
}

TEST(InformationAccessRuleTest, NoListedDeviceIsDeprived) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.clear_information_devices();
  const v1::IndicatorResult none = Judge(survey, v1::INDICATOR_KIND_INFORMATION_ACCESS);
  survey.add_information_devices(v1::INFORMATION_DEVICE_RADIO);
  const v1::IndicatorResult radio = Judge(survey, v1::INDICATOR_KIND_INFORMATION_ACCESS);

  EXPECT_TRUE(none.deprived());
  EXPECT_EQ(none.reason(),
            "the household owns none of TV, radio, computer, smartphone or "
            "tablet");
  EXPECT_FALSE(radio.deprived());
  EXPECT_EQ(radio.reason(), "the household owns: radio");
}

TEST(InformationAccessRuleTest, Decision59DoesNotCountASmartphone) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_review_year(2019);
  survey.clear_information_devices();
  survey.add_information_devices(v1::INFORMATION_DEVICE_SMARTPHONE);

  EXPECT_TRUE(Judge(survey, v1::INDICATOR_KIND_INFORMATION_ACCESS, "decision-59-2015").deprived());
}

TEST(WasteTreatmentRuleTest, UntreatedWasteIsDeprivedUnderDecree351) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_waste_treatment(v1::WASTE_TREATMENT_UNTREATED);
  const v1::IndicatorResult untreated = Judge(survey, v1::INDICATOR_KIND_WASTE_TREATMENT, "decree-351-2025");
  survey.set_waste_treatment(v1::WASTE_TREATMENT_HYGIENIC_ON_SITE);
  const v1::IndicatorResult on_site = Judge(survey, v1::INDICATOR_KIND_WASTE_TREATMENT, "decree-351-2025");

  EXPECT_TRUE(untreated.deprived());
  EXPECT_THAT(untreated.reason(), HasSubstr("household waste is untreated (dumped, burned"));
  EXPECT_FALSE(on_site.deprived());
  EXPECT_EQ(on_site.reason(), "household waste is treated hygienically on site");
}

TEST(WasteTreatmentRuleTest, Decree07DoesNotAskForWasteTreatment) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_waste_treatment(v1::WASTE_TREATMENT_UNSPECIFIED);

  Result<v1::ClassificationResult> result = Classify(survey, RealStandard(kDecree07));

  ASSERT_TRUE(result.ok()) << result.error().message;
  for (const v1::IndicatorResult& verdict : result->indicators()) {
    EXPECT_NE(verdict.kind(), v1::INDICATOR_KIND_WASTE_TREATMENT);
  }
}

TEST(HealthServiceAccessRuleTest, AMemberIllWithoutTreatmentUnderDecision59) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_review_year(2020);
  survey.set_untreated_illness(v1::UNTREATED_ILLNESS_SOME_MEMBER);
  const v1::IndicatorResult untreated =
      Judge(survey, v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS, "decision-59-2015");
  survey.set_untreated_illness(v1::UNTREATED_ILLNESS_NONE);
  const v1::IndicatorResult treated =
      Judge(survey, v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS, "decision-59-2015");

  EXPECT_TRUE(untreated.deprived());
  EXPECT_EQ(untreated.reason(),
            "a member was ill in the 12 months before the survey and did not go to a medical facility");
  EXPECT_FALSE(treated.deprived());
  EXPECT_EQ(treated.reason(),
            "no member was ill in the 12 months before the survey without going to a medical facility");
}

TEST(HealthServiceAccessRuleTest, AnUninsuredMemberWhoCannotWorkDeprivesTheHouseholdOnce) {
  // The former proxy (lost working capacity and no insurance card) let this
  // one fact deprive the household on both health indicators.
  v1::Member ill = Adult("M3", "Bùi Văn Sơn", v1::SEX_MALE, BornYearsBefore(50));
  ill.set_lost_working_capacity(true);
  ill.set_has_health_insurance(false);
  v1::Survey survey = WithMember(ill);
  survey.set_review_year(2020);

  Result<v1::ClassificationResult> result = Classify(survey, RealStandard("decision-59-2015"));

  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(Verdict(*result, v1::INDICATOR_KIND_HEALTH_INSURANCE).deprived());
  EXPECT_FALSE(Verdict(*result, v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS).deprived());
  EXPECT_EQ(result->deprivation_count(), 1);
}

TEST(HealthServiceAccessRuleTest, AnUnrecordedAnswerRefusesADecision59Survey) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1000000);
  survey.set_review_year(2020);
  survey.set_untreated_illness(v1::UNTREATED_ILLNESS_UNSPECIFIED);

  Result<v1::ClassificationResult> decision59 = Classify(survey, RealStandard("decision-59-2015"));
  Result<v1::ClassificationResult> decree07 = Classify(survey, RealStandard(kDecree07));

  ASSERT_FALSE(decision59.ok());
  ASSERT_EQ(decision59.error().violations.size(), 1u);
  EXPECT_EQ(decision59.error().violations[0].field, "untreated_illness");
  EXPECT_THAT(decision59.error().violations[0].description, HasSubstr("access-to-health-services"));
  EXPECT_TRUE(decree07.ok()) << "later standards do not ask";
}

}  // namespace
}  // namespace ansinh::classification
