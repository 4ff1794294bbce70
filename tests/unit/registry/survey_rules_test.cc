#include "registry/core/survey_rules.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ansinh/v1/standard.pb.h"
#include "registry/core/survey_validation.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The rules come from the classifier's standard files, as the registry loads
// them at start-up: each list year gets its standard's needs.
TEST(SurveyRulesTest, ReadWhatEachListYearsStandardNeeds) {
  const SurveyRules& rules = testkit::Rules();
  struct Case {
    int list_year;
    const char* standard;
    bool measured_income;
    bool waste;
    int nutrition_under;
    bool employment;
  };
  for (const Case& c : {Case{2016, "Decision 59/2015", true, false, 0, false},
                        Case{2021, "Decision 59/2015", true, false, 0, false},
                        Case{2022, "Decree 07/2021", false, false, 16, true},
                        Case{2026, "Decree 07/2021", false, false, 16, true},
                        Case{2027, "Decree 351/2025", true, true, 16, true},
                        Case{2030, "Decree 351/2025", true, true, 16, true},
                        // After the last standard's lists, the latest keeps applying.
                        Case{2031, "Decree 351/2025", true, true, 16, true}}) {
    SCOPED_TRACE(c.list_year);
    const SurveyRequirements& needs = rules.ForListYear(c.list_year);
    EXPECT_EQ(needs.standard_name, c.standard);
    EXPECT_EQ(needs.measured_income_required, c.measured_income);
    EXPECT_EQ(needs.waste_treatment_required, c.waste);
    EXPECT_EQ(needs.nutrition_under_age, c.nutrition_under);
    EXPECT_EQ(needs.employment_required, c.employment);
  }
  // The periodic review held at the end of 2015 decided the first list (2016).
  EXPECT_EQ(rules.first_review_year(), 2015);
  EXPECT_EQ(rules.earliest_survey_date(),
            (CivilDate{std::chrono::year(2015), std::chrono::January, std::chrono::day(1)}));
  EXPECT_EQ(rules.working_age_from(), 15);
  EXPECT_EQ(rules.adult_education_from(), 15);
  EXPECT_EQ(rules.adult_education_through(), 30);
  EXPECT_EQ(rules.nutrition_under_age(), 16);
}

TEST(SurveyRulesTest, FollowAChangedStandardFile) {
  // A corrected file changes what the registry asks, with no code change.
  v1::Standard standard;
  standard.set_id("test-2040");
  standard.set_short_name("Test 2040");
  standard.set_first_list_year(2040);
  standard.set_last_list_year(2045);
  v1::AreaLines* lines = standard.add_lines();
  lines->set_area_type(v1::AREA_TYPE_URBAN);
  lines->mutable_score_a()->set_at_most_for_poverty_line(100);
  v1::Indicator* nutrition = standard.add_indicators();
  nutrition->set_kind(v1::INDICATOR_KIND_NUTRITION);
  nutrition->mutable_nutrition()->set_child_age_under(6);
  standard.mutable_working_age()->set_min_age(18);

  const SurveyRequirements needs = SurveyRequirementsOf(standard);
  EXPECT_EQ(needs.standard_name, "Test 2040");
  EXPECT_FALSE(needs.measured_income_required);
  EXPECT_FALSE(needs.waste_treatment_required);
  EXPECT_FALSE(needs.employment_required);
  EXPECT_EQ(needs.nutrition_under_age, 6);
  EXPECT_EQ(needs.working_age_from, 18);
  EXPECT_EQ(needs.adult_education_through, 0);
}

v1::Survey SurveyFor(int year) {
  v1::Survey survey = testkit::ValidSurvey();
  survey.set_review_year(year);
  survey.set_survey_date(std::to_string(year) + "-10-07");
  return survey;
}

TEST(SurveyRulesTest, AScoreAAloneIsRefusedWhereTheStandardHasNoEquivalence) {
  for (int year : {2019, 2025, 2027}) {
    v1::Survey survey = SurveyFor(year);
    survey.set_waste_treatment(v1::WASTE_TREATMENT_COLLECTED);
    survey.set_untreated_illness(v1::UNTREATED_ILLNESS_NONE);
    survey.set_has_income_per_capita(false);
    survey.set_income_per_capita_vnd(0);
    survey.set_has_score_a(true);
    survey.set_score_a(150);
    if (year == 2025) {
      EXPECT_THAT(CheckSurveyFactsForListYear(survey, testkit::Rules()), IsEmpty());
    } else {
      EXPECT_THAT(CheckSurveyFactsForListYear(survey, testkit::Rules()),
                  ElementsAre(testkit::IsViolation("income_per_capita_vnd", "no score-A equivalence")))
          << year;
    }
  }
}

TEST(SurveyRulesTest, WasteTreatmentIsRequiredFromThe2027List) {
  // The periodic review held at the end of 2025 decides the 2026 list (Decree 07/2021).
  EXPECT_THAT(CheckSurveyFactsForListYear(SurveyFor(2025), testkit::Rules()), IsEmpty());
  // The one held at the end of 2026 decides the 2027 list (Decree 351/2025).
  EXPECT_THAT(CheckSurveyFactsForListYear(SurveyFor(2026), testkit::Rules()),
              ElementsAre(testkit::IsViolation("waste_treatment",
                                               "Decree 351/2025 standard (the 2027 list, "
                                               "reviewed in 2026)")));
  // A regular review during 2026 amends the 2026 list: Decree 07/2021 still.
  v1::Survey regular = SurveyFor(2026);
  regular.set_kind(v1::REVIEW_KIND_REGULAR);
  EXPECT_THAT(CheckSurveyFactsForListYear(regular, testkit::Rules()), IsEmpty());
}

TEST(SurveyRulesTest, ListYearIsTheYearAfterAPeriodicReview) {
  v1::Survey survey = SurveyFor(2021);
  survey.set_kind(v1::REVIEW_KIND_PERIODIC);
  EXPECT_EQ(ListYearOfSurvey(survey), 2022);
  survey.set_kind(v1::REVIEW_KIND_REGULAR);
  EXPECT_EQ(ListYearOfSurvey(survey), 2021);
}

TEST(SurveyRulesTest, ValidateSurveyChecksTheFactsOfItsListYear) {
  // December 2026: the survey for the review held now is accepted as a 2026
  // survey, and asks what the 2027 standard needs.
  const CivilDate in_december_2026{std::chrono::year(2026), std::chrono::December, std::chrono::day(6)};
  EXPECT_THAT(ValidateSurvey(SurveyFor(2026), in_december_2026, testkit::Rules()),
              ElementsAre(testkit::IsViolation("waste_treatment", "required")));
}

v1::Survey SnapshotWith(v1::Member member) {
  v1::Survey survey = SurveyFor(2025);
  member.set_member_id("M3");
  *survey.add_members() = member;
  return survey;
}

v1::Member Child(const std::string& born) {
  v1::Member child;
  child.set_full_name("Nguyễn Ngọc Hân");
  child.set_sex(v1::SEX_FEMALE);
  child.set_date_of_birth(born);
  child.set_relation_to_head(v1::RELATION_TO_HEAD_CHILD);
  child.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  child.set_nutrition(v1::NUTRITION_NORMAL);
  child.set_enrolled_in_school(true);
  child.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  return child;
}

TEST(ValidateSurveySnapshotTest, AcceptsACompleteSnapshot) {
  EXPECT_THAT(ValidateSurveySnapshot(SnapshotWith(Child("2015-03-01")), testkit::Rules()), IsEmpty());
}

struct MissingFactCase {
  std::string name;
  int review_year;
  std::function<void(v1::Member&)> spoil;
  std::string field;  // empty: nothing is missing
};

class MissingFactTest : public ::testing::TestWithParam<MissingFactCase> {};

TEST_P(MissingFactTest, IsReportedOnlyWhereTheYearsStandardNeedsIt) {
  v1::Member member = Child("2012-03-01");  // 13 on the survey date in 2025, 15 in 2027
  GetParam().spoil(member);
  v1::Survey survey = SnapshotWith(member);
  survey.set_review_year(GetParam().review_year);
  survey.set_survey_date(std::to_string(GetParam().review_year) + "-10-07");
  const FieldViolations violations = ValidateSurveySnapshot(survey, testkit::Rules());
  if (GetParam().field.empty()) {
    EXPECT_THAT(violations, IsEmpty());
  } else {
    EXPECT_THAT(violations,
                ElementsAre(testkit::IsViolation(GetParam().field, "member M3 (Nguyễn Ngọc Hân")));
  }
}

INSTANTIATE_TEST_SUITE_P(
    ByStandard, MissingFactTest,
    ::testing::Values(MissingFactCase{"ChildNutritionUnderDecree07", 2025,
                                      [](v1::Member& m) { m.clear_nutrition(); }, "members[0].nutrition"},
                      MissingFactCase{"ChildNutritionUnderDecree351", 2027,
                                      [](v1::Member& m) { m.clear_nutrition(); }, "members[0].nutrition"},
                      MissingFactCase{"NoNutritionIndicatorInDecision59", 2019,
                                      [](v1::Member& m) { m.clear_nutrition(); }, ""},
                      MissingFactCase{"EmploymentOfAWorkingAgeMember", 2030,
                                      [](v1::Member& m) {
                                        m.set_date_of_birth("1990-01-01");
                                        m.clear_employment();
                                      },
                                      "members[0].employment"},
                      MissingFactCase{"NoEmploymentIndicatorInDecision59", 2019,
                                      [](v1::Member& m) {
                                        m.set_date_of_birth("1990-01-01");
                                        m.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
                                        m.clear_employment();
                                      },
                                      ""},
                      MissingFactCase{"NoEmploymentNeededWhenUnableToWork", 2025,
                                      [](v1::Member& m) {
                                        m.set_date_of_birth("1990-01-01");
                                        m.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
                                        m.set_lost_working_capacity(true);
                                        m.clear_employment();
                                      },
                                      ""},
                      MissingFactCase{"EducationOfAYoungAdultOutOfSchool", 2025,
                                      [](v1::Member& m) {
                                        m.set_date_of_birth("2005-01-01");
                                        m.set_enrolled_in_school(false);
                                        m.clear_education_level();
                                      },
                                      "members[0].education_level"},
                      MissingFactCase{"NoEducationNeededInSchool", 2025,
                                      [](v1::Member& m) {
                                        m.set_date_of_birth("2005-01-01");
                                        m.clear_education_level();
                                        m.set_enrolled_in_school(true);
                                      },
                                      ""},
                      MissingFactCase{"SexOfAWorkingAgeMember", 2025,
                                      [](v1::Member& m) {
                                        m.set_date_of_birth("1990-01-01");
                                        m.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
                                        m.clear_sex();
                                      },
                                      "members[0].sex"},
                      MissingFactCase{"BornAfterTheSurvey", 2025,
                                      [](v1::Member& m) { m.set_date_of_birth("2025-12-01"); },
                                      "members[0].date_of_birth"}),
    [](const auto& info) { return info.param.name; });

TEST(ValidateRecordedSurveyTest, RefusesASnapshotMissingAChildsNutrition) {
  v1::Survey survey = SnapshotWith(Child("2015-03-01"));
  survey.set_survey_id("SV-2025-000001-1");
  survey.set_household_id("HH-000001");
  survey.set_area_type(v1::AREA_TYPE_URBAN);
  survey.set_residential_group("TDP-05");
  survey.mutable_members(0)->set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  EXPECT_THAT(ValidateRecordedSurvey(survey, testkit::kToday, testkit::Rules()), IsEmpty());
  survey.mutable_members(0)->clear_nutrition();
  EXPECT_THAT(ValidateRecordedSurvey(survey, testkit::kToday, testkit::Rules()),
              Contains(testkit::IsViolation("members[0].nutrition", "required")));
}

}  // namespace
}  // namespace ansinh::registry
