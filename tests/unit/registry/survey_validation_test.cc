#include "registry/core/survey_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "registry/core/import/import_validation.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

TEST(ValidateSurveyTest, AcceptsAValidSurvey) {
  EXPECT_THAT(ValidateSurvey(testkit::ValidSurvey(), testkit::kToday, testkit::Rules()), IsEmpty());
}

TEST(ValidateSurveyTest, AcceptsAScoreAWithoutMeasuredIncome) {
  v1::Survey survey = testkit::ValidSurvey();
  survey.set_has_income_per_capita(false);
  survey.set_income_per_capita_vnd(0);
  survey.set_has_score_a(true);
  survey.set_score_a(0);
  EXPECT_THAT(ValidateSurvey(survey, testkit::kToday, testkit::Rules()), IsEmpty());
}

struct BadSurveyCase {
  std::string name;
  std::function<void(v1::Survey&)> spoil;
  std::string field;
  std::string description_part;
};

class BadSurveyTest : public ::testing::TestWithParam<BadSurveyCase> {};

TEST_P(BadSurveyTest, NamesTheField) {
  v1::Survey survey = testkit::ValidSurvey();
  GetParam().spoil(survey);
  EXPECT_THAT(ValidateSurvey(survey, testkit::kToday, testkit::Rules()),
              ElementsAre(testkit::IsViolation(GetParam().field, GetParam().description_part)));
}

INSTANTIATE_TEST_SUITE_P(
    EveryKindOfBadInput, BadSurveyTest,
    ::testing::Values(
        // The first list (2016) was decided by the periodic review held at the end of 2015.
        BadSurveyCase{"ReviewYearTooEarly", [](auto& s) { s.set_review_year(2014); }, "review_year",
                      "out of range 2015..2026"},
        BadSurveyCase{"ReviewYearInTheFuture", [](auto& s) { s.set_review_year(2027); }, "review_year",
                      "out of range"},
        BadSurveyCase{"KindUnspecified", [](auto& s) { s.clear_kind(); }, "kind", "required"},
        BadSurveyCase{"WallsUnspecified", [](auto& s) { s.clear_walls(); }, "walls", "required"},
        BadSurveyCase{"ColumnsUnspecified", [](auto& s) { s.clear_columns(); }, "columns", "required"},
        BadSurveyCase{"RoofUnknown", [](auto& s) { s.set_roof(static_cast<v1::MaterialQuality>(9)); }, "roof",
                      "unknown value 9"},
        BadSurveyCase{"NegativeArea", [](auto& s) { s.set_floor_area_m2(-0.5); }, "floor_area_m2",
                      "negative"},
        BadSurveyCase{"AreaNotANumber",
                      [](auto& s) { s.set_floor_area_m2(std::numeric_limits<double>::quiet_NaN()); },
                      "floor_area_m2", "not a number"},
        BadSurveyCase{"WaterSourceUnspecified", [](auto& s) { s.clear_water_source(); }, "water_source",
                      "required"},
        BadSurveyCase{"LatrineUnspecified", [](auto& s) { s.clear_latrine(); }, "latrine", "required"},
        BadSurveyCase{"UntreatedIllnessUnknown",
                      [](auto& s) { s.set_untreated_illness(static_cast<v1::UntreatedIllness>(7)); },
                      "untreated_illness", "unknown value 7"},
        BadSurveyCase{"InformationDeviceUnspecified",
                      [](auto& s) { s.add_information_devices(v1::INFORMATION_DEVICE_UNSPECIFIED); },
                      "information_devices[2]", "required"},
        BadSurveyCase{"WasteTreatmentUnknown",
                      [](auto& s) { s.set_waste_treatment(static_cast<v1::WasteTreatment>(8)); },
                      "waste_treatment", "unknown value 8"},
        BadSurveyCase{"NegativeIncome", [](auto& s) { s.set_income_per_capita_vnd(-1); },
                      "income_per_capita_vnd", "negative"},
        BadSurveyCase{"IncomeWithoutItsFlag",
                      [](auto& s) {
                        s.set_has_income_per_capita(false);
                        s.set_has_score_a(true);
                        s.set_score_a(150);
                      },
                      "income_per_capita_vnd", "has_income_per_capita is false"},
        BadSurveyCase{"ScoreWithoutItsFlag", [](auto& s) { s.set_score_a(150); }, "score_a",
                      "has_score_a is false"},
        BadSurveyCase{"ScoreAboveRange",
                      [](auto& s) {
                        s.set_has_score_a(true);
                        s.set_score_a(1001);
                      },
                      "score_a", "out of range 0..1000"},
        BadSurveyCase{"ScoreBelowRange",
                      [](auto& s) {
                        s.set_has_score_a(true);
                        s.set_score_a(-3);
                      },
                      "score_a", "out of range"},
        BadSurveyCase{"NeitherIncomeNorScore",
                      [](auto& s) {
                        s.set_has_income_per_capita(false);
                        s.set_income_per_capita_vnd(0);
                      },
                      "income_per_capita_vnd", "neither"},
        BadSurveyCase{"SurveyDateMissing", [](auto& s) { s.clear_survey_date(); }, "survey_date", "required"},
        BadSurveyCase{"SurveyDateMalformed", [](auto& s) { s.set_survey_date("7/10/2025"); }, "survey_date",
                      "YYYY-MM-DD"},
        BadSurveyCase{"SurveyDateInTheFuture", [](auto& s) { s.set_survey_date("2026-03-16"); },
                      "survey_date", "in the future"},
        BadSurveyCase{"AreaTypeUnknown", [](auto& s) { s.set_area_type(static_cast<v1::AreaType>(5)); },
                      "area_type", "unknown value 5"},
        BadSurveyCase{"BadSnapshotMember",
                      [](auto& s) {
                        *s.add_members() = testkit::ValidHousehold().members(0);
                        s.mutable_members(0)->clear_sex();
                      },
                      "members[0].sex", "required"}),
    [](const auto& info) { return info.param.name; });

TEST(ValidateRecordedSurveyTest, RequiresTheFieldsTheRegistryFillsIn) {
  EXPECT_THAT(ValidateRecordedSurvey(testkit::ValidSurvey(), testkit::kToday, testkit::Rules()),
              UnorderedElementsAre(testkit::IsViolation("survey_id", "required"),
                                   testkit::IsViolation("household_id", "required"),
                                   testkit::IsViolation("area_type", "required"),
                                   testkit::IsViolation("residential_group", "required"),
                                   testkit::IsViolation("members", "snapshot")));
}

TEST(ValidateRecordedSurveyTest, AcceptsACompleteSurvey) {
  v1::Survey survey = testkit::ValidSurvey();
  const v1::Household household = testkit::ValidHousehold();
  survey.set_survey_id("SV-2025-000001-1");
  survey.set_household_id("HH-000001");
  survey.set_area_type(v1::AREA_TYPE_URBAN);
  survey.set_residential_group("TDP-05");
  *survey.mutable_members() = household.members();
  EXPECT_THAT(ValidateRecordedSurvey(survey, testkit::kToday, testkit::Rules()), IsEmpty());
}

TEST(ValidateImportRowTest, PrefixesHouseholdAndSurveyPaths) {
  v1::ImportHouseholdsRequest row;
  *row.mutable_household() = testkit::ValidHousehold();
  *row.mutable_survey() = testkit::ValidSurvey();
  EXPECT_THAT(ValidateImportRow(row, testkit::kToday, testkit::Rules()), IsEmpty());

  row.mutable_household()->mutable_members(1)->set_national_id("1");
  row.mutable_survey()->clear_walls();
  EXPECT_THAT(ValidateImportRow(row, testkit::kToday, testkit::Rules()),
              UnorderedElementsAre(testkit::IsViolation("household.members[1].national_id", "12 digits"),
                                   testkit::IsViolation("survey.walls", "required")));
}

TEST(ValidateImportRowTest, TheSurveyIsOptional) {
  v1::ImportHouseholdsRequest row;
  *row.mutable_household() = testkit::ValidHousehold();
  EXPECT_THAT(ValidateImportRow(row, testkit::kToday, testkit::Rules()), IsEmpty());
}

}  // namespace
}  // namespace ansinh::registry
