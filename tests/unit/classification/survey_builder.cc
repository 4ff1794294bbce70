#include "survey_builder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "classification/core/review_round.h"
#include "standards/standard_loader.h"

namespace ansinh::classification::testkit {

const StandardCatalog& RealCatalog() {
  static const StandardCatalog* catalog = [] {
    Result<StandardCatalog> loaded = LoadStandardsFromDirectory(ANSINH_STANDARDS_DIR);
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load the standards: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return new StandardCatalog(std::move(loaded).value());
  }();
  return *catalog;
}

const v1::Standard& RealStandard(const std::string& id) {
  const v1::Standard* standard = RealCatalog().FindById(id);
  if (standard == nullptr) {
    std::fprintf(stderr, "no standard %s\n", id.c_str());
    std::abort();
  }
  return *standard;
}

v1::Member Adult(const std::string& id, const std::string& name, v1::Sex sex,
                 const std::string& date_of_birth) {
  v1::Member member;
  member.set_member_id(id);
  member.set_full_name(name);
  member.set_sex(sex);
  member.set_date_of_birth(date_of_birth);
  member.set_has_health_insurance(true);
  member.set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
  member.set_employment(v1::EMPLOYMENT_WAGE_WITH_CONTRACT);
  member.set_nutrition(v1::NUTRITION_NORMAL);
  return member;
}

v1::Member Child(const std::string& id, const std::string& name, const std::string& date_of_birth) {
  v1::Member member;
  member.set_member_id(id);
  member.set_full_name(name);
  member.set_sex(v1::SEX_FEMALE);
  member.set_date_of_birth(date_of_birth);
  member.set_has_health_insurance(true);
  member.set_enrolled_in_school(true);
  member.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  member.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  member.set_nutrition(v1::NUTRITION_NORMAL);
  return member;
}

std::string BornYearsBefore(int age) {
  // Test ages are under 100, so the year always has four digits.
  return std::to_string(2025 - age) + "-10-01";
}

v1::Survey NonDeprivedSurvey(v1::AreaType area, int64_t income_vnd) {
  v1::Survey survey;
  survey.set_survey_id("SV-2025-1");
  survey.set_household_id("HH-1");
  survey.set_review_year(2025);
  survey.set_kind(v1::REVIEW_KIND_PERIODIC);
  survey.set_survey_date(kSurveyDate);
  survey.set_area_type(area);
  survey.set_residential_group("TDP-05");
  survey.set_walls(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_columns(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_roof(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_floor_area_m2(60);
  survey.set_water_source(v1::WATER_SOURCE_TAP);
  survey.set_latrine(v1::LATRINE_TYPE_SEPTIC);
  survey.set_uses_telecom(true);
  survey.add_information_devices(v1::INFORMATION_DEVICE_SMARTPHONE);
  survey.add_information_devices(v1::INFORMATION_DEVICE_TV);
  survey.set_waste_treatment(v1::WASTE_TREATMENT_COLLECTED);
  survey.set_untreated_illness(v1::UNTREATED_ILLNESS_NONE);
  survey.set_has_income_per_capita(true);
  survey.set_income_per_capita_vnd(income_vnd);
  *survey.add_members() = Adult("M1", "Nguyễn Văn Hùng", v1::SEX_MALE, BornYearsBefore(45));
  *survey.add_members() = Adult("M2", "Trần Thị Lan", v1::SEX_FEMALE, BornYearsBefore(42));
  return survey;
}

void DepriveDwelling(v1::Survey& survey, int count) {
  if (count >= 1) survey.set_uses_telecom(false);
  if (count >= 2) survey.set_water_source(v1::WATER_SOURCE_UNPROTECTED_DUG_WELL);
  if (count >= 3) survey.set_latrine(v1::LATRINE_TYPE_SIMPLE_PIT);
}

const v1::IndicatorResult& Verdict(const v1::ClassificationResult& result, v1::IndicatorKind kind) {
  for (const v1::IndicatorResult& verdict : result.indicators()) {
    if (verdict.kind() == kind) return verdict;
  }
  ADD_FAILURE() << "no verdict for " << v1::IndicatorKind_Name(kind);
  static const v1::IndicatorResult kNone;
  return kNone;
}

v1::ReviewRound OpenPeriodicRound() {
  OpenRoundInput input;
  input.round_id = "R-2025";
  input.review_year = 2025;
  input.kind = v1::REVIEW_KIND_PERIODIC;
  input.opened_by = "Lê Thị Thu";
  input.opened_date = "2025-09-01";
  Result<v1::ReviewRound> round = OpenRound(input, RealCatalog(), {});
  EXPECT_TRUE(round.ok()) << round.error().message;
  return round.ok() ? *round : v1::ReviewRound();
}

v1::RoundHousehold ProposedHousehold(const v1::ReviewRound& round, const std::string& household_id,
                                     bool poor) {
  v1::Survey survey = NonDeprivedSurvey(v1::AREA_TYPE_RURAL, 1500000);
  survey.set_household_id(household_id);
  survey.set_survey_id("SV-" + household_id);
  DepriveDwelling(survey, poor ? 3 : 0);
  Result<v1::RoundHousehold> household = RecordSurvey(round, nullptr, survey, RealCatalog());
  EXPECT_TRUE(household.ok()) << household.error().message;
  return household.ok() ? *household : v1::RoundHousehold();
}

MeetingInput Meeting(const std::string& date, int attendees, int agreed) {
  MeetingInput input;
  input.meeting_date = date;
  input.attendees = attendees;
  input.agreed = agreed;
  input.minutes_reference = "BB-01";
  input.recorded_by = "Lê Thị Thu";
  return input;
}

ApprovalInput Approval(const std::string& date, std::vector<v1::Exclusion> exclusions) {
  ApprovalInput input;
  input.approved_by = "Chủ tịch UBND";
  input.decision_number = "125/QĐ-UBND";
  input.decision_date = date;
  input.today = *ParseIsoDate(date);
  input.exclusions = std::move(exclusions);
  return input;
}

v1::Exclusion Excluded(const std::string& household_id, const std::string& reason) {
  v1::Exclusion exclusion;
  exclusion.set_household_id(household_id);
  exclusion.set_reason(reason);
  return exclusion;
}

}  // namespace ansinh::classification::testkit
