#include "registry/core/review_year_facts.h"

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

// The classifier's standard files: the registry's table must say what they say.
std::vector<v1::Standard> LoadStandards() {
  std::vector<v1::Standard> standards;
  for (const auto& entry : std::filesystem::directory_iterator(ANSINH_STANDARDS_DIR)) {
    // retirement-ages.textproto holds the statutory retirement ages, not a
    // standard.
    if (entry.path().extension() != ".textproto" || entry.path().filename() == "retirement-ages.textproto") {
      continue;
    }
    std::ifstream file(entry.path());
    std::ostringstream text;
    text << file.rdbuf();
    v1::Standard standard;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text.str(), &standard)) << entry.path();
    standards.push_back(std::move(standard));
  }
  return standards;
}

const v1::Indicator* FindIndicator(const v1::Standard& standard, v1::IndicatorKind kind) {
  for (const v1::Indicator& indicator : standard.indicators()) {
    if (indicator.kind() == kind) return &indicator;
  }
  return nullptr;
}

TEST(ReviewYearFactsTest, AgreesWithTheClassifiersStandardFiles) {
  const std::vector<v1::Standard> standards = LoadStandards();
  ASSERT_GE(standards.size(), 3u);
  for (const v1::Standard& standard : standards) {
    bool score_a_everywhere = !standard.lines().empty();
    for (const v1::AreaLines& lines : standard.lines()) {
      score_a_everywhere = score_a_everywhere && lines.has_score_a();
    }
    const v1::Indicator* nutrition = FindIndicator(standard, v1::INDICATOR_KIND_NUTRITION);
    for (int year = standard.first_review_year(); year <= standard.last_review_year(); ++year) {
      SCOPED_TRACE(standard.id() + " " + std::to_string(year));
      const ReviewYearFacts facts = FactsForReviewYear(year);
      EXPECT_EQ(facts.measured_income_required, !score_a_everywhere);
      EXPECT_EQ(facts.waste_treatment_required,
                FindIndicator(standard, v1::INDICATOR_KIND_WASTE_TREATMENT) != nullptr);
      EXPECT_EQ(facts.employment_required, FindIndicator(standard, v1::INDICATOR_KIND_EMPLOYMENT) != nullptr);
      EXPECT_EQ(facts.nutrition_under_age,
                nutrition == nullptr ? 0 : nutrition->nutrition().child_age_under());
      EXPECT_EQ(facts.untreated_illness_required,
                FindIndicator(standard, v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS) != nullptr);
      EXPECT_GE(standard.working_age().min_age(), kWorkingAgeFrom);
      if (const v1::Indicator* education = FindIndicator(standard, v1::INDICATOR_KIND_ADULT_EDUCATION)) {
        for (const v1::EducationAgeBand& band : education->adult_education().bands()) {
          EXPECT_GE(band.min_age(), kAdultEducationFrom);
          EXPECT_LE(band.max_age(), kAdultEducationThrough);
        }
      }
    }
  }
}

v1::Survey SurveyFor(int year) {
  v1::Survey survey = testkit::ValidSurvey();
  survey.set_review_year(year);
  survey.set_survey_date(std::to_string(year) + "-10-07");
  return survey;
}

TEST(ReviewYearFactsTest, AScoreAAloneIsRefusedWhereTheStandardHasNoEquivalence) {
  for (int year : {2019, 2025, 2027}) {
    v1::Survey survey = SurveyFor(year);
    survey.set_waste_treatment(v1::WASTE_TREATMENT_COLLECTED);
    survey.set_untreated_illness(v1::UNTREATED_ILLNESS_NONE);
    survey.set_has_income_per_capita(false);
    survey.set_income_per_capita_vnd(0);
    survey.set_has_score_a(true);
    survey.set_score_a(150);
    if (year == 2025) {
      EXPECT_THAT(CheckSurveyFactsForReviewYear(survey), IsEmpty());
    } else {
      EXPECT_THAT(CheckSurveyFactsForReviewYear(survey),
                  ElementsAre(testkit::IsViolation("income_per_capita_vnd", "no score-A equivalence")))
          << year;
    }
  }
}

TEST(ReviewYearFactsTest, WasteTreatmentIsRequiredFrom2027) {
  EXPECT_THAT(CheckSurveyFactsForReviewYear(SurveyFor(2026)), IsEmpty());
  EXPECT_THAT(CheckSurveyFactsForReviewYear(SurveyFor(2027)),
              ElementsAre(testkit::IsViolation("waste_treatment", "Decree 351/2025")));
}

TEST(ReviewYearFactsTest, UntreatedIllnessIsRequiredUnderDecision59) {
  v1::Survey answered = SurveyFor(2021);
  answered.set_untreated_illness(v1::UNTREATED_ILLNESS_SOME_MEMBER);

  for (int year : {2016, 2021}) {
    EXPECT_THAT(CheckSurveyFactsForReviewYear(SurveyFor(year)),
                ElementsAre(testkit::IsViolation("untreated_illness", "Decision 59/2015")))
        << year;
  }
  EXPECT_THAT(CheckSurveyFactsForReviewYear(answered), IsEmpty());
  EXPECT_THAT(CheckSurveyFactsForReviewYear(SurveyFor(2022)), IsEmpty()) << "Decree 07/2021 does not ask";
}

TEST(ReviewYearFactsTest, ValidateSurveyChecksTheFactsOfItsYear) {
  const CivilDate in_2028{std::chrono::year(2028), std::chrono::January, std::chrono::day(10)};
  EXPECT_THAT(ValidateSurvey(SurveyFor(2027), in_2028),
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
  EXPECT_THAT(ValidateSurveySnapshot(SnapshotWith(Child("2015-03-01"))), IsEmpty());
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
  const FieldViolations violations = ValidateSurveySnapshot(survey);
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
  EXPECT_THAT(ValidateRecordedSurvey(survey, testkit::kToday), IsEmpty());
  survey.mutable_members(0)->clear_nutrition();
  EXPECT_THAT(ValidateRecordedSurvey(survey, testkit::kToday),
              Contains(testkit::IsViolation("members[0].nutrition", "required")));
}

}  // namespace
}  // namespace ansinh::registry
