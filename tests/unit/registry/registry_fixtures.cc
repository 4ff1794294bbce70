#include "registry_fixtures.h"

#include <fstream>
#include <sstream>

#include "registry/core/new_household.h"
#include "standards/standard_loader.h"

namespace ansinh::registry::testkit {
namespace {

v1::Member MakeMember(const std::string& name, v1::Sex sex, const std::string& birth,
                      v1::RelationToHead relation, const std::string& national_id) {
  v1::Member member;
  member.set_full_name(name);
  member.set_sex(sex);
  member.set_date_of_birth(birth);
  member.set_relation_to_head(relation);
  member.set_national_id(national_id);
  member.set_has_health_insurance(true);
  member.set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
  member.set_employment(v1::EMPLOYMENT_WAGE_WITH_CONTRACT);
  return member;
}

}  // namespace

v1::Household ValidHousehold() {
  v1::Household household;
  household.set_address("số 12 kiệt 5 Lý Thái Tổ, phường Hương Xuân");
  household.set_residential_group("TDP-05");
  household.set_area_type(v1::AREA_TYPE_URBAN);
  *household.add_members() =
      MakeMember("Nguyễn Văn An", v1::SEX_MALE, "1980-04-02", v1::RELATION_TO_HEAD_HEAD, "046080001234");
  *household.add_members() =
      MakeMember("Trần Thị Hương", v1::SEX_FEMALE, "1983-11-20", v1::RELATION_TO_HEAD_SPOUSE, "046183004321");
  v1::Member student =
      MakeMember("Nguyễn Minh Khoa", v1::SEX_MALE, "2005-09-01", v1::RELATION_TO_HEAD_CHILD, "046205000777");
  student.set_enrolled_in_school(true);
  student.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  *household.add_members() = student;
  v1::Member child =
      MakeMember("Nguyễn Ngọc Hân", v1::SEX_FEMALE, "2021-06-30", v1::RELATION_TO_HEAD_CHILD, "");
  child.set_education_level(v1::EDUCATION_LEVEL_UNSPECIFIED);
  child.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  child.set_nutrition(v1::NUTRITION_NORMAL);
  *household.add_members() = child;
  return household;
}

const SurveyRules& Rules() {
  static const SurveyRules rules = [] {
    Result<StandardCatalog> standards = LoadStandardsFromDirectory(ANSINH_STANDARDS_DIR);
    if (!standards.ok())
      throw std::runtime_error("the repository's standards do not load: " + standards.error().message);
    return SurveyRules(*standards);
  }();
  return rules;
}

v1::Survey ValidSurvey() {
  v1::Survey survey;
  survey.set_review_year(2025);
  survey.set_kind(v1::REVIEW_KIND_PERIODIC);
  survey.set_walls(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_columns(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_roof(v1::MATERIAL_QUALITY_NON_DURABLE);
  survey.set_floor_area_m2(48.5);
  survey.set_water_source(v1::WATER_SOURCE_TAP);
  survey.set_latrine(v1::LATRINE_TYPE_SEPTIC);
  survey.set_uses_telecom(true);
  survey.add_information_devices(v1::INFORMATION_DEVICE_TV);
  survey.add_information_devices(v1::INFORMATION_DEVICE_SMARTPHONE);
  survey.set_has_income_per_capita(true);
  survey.set_income_per_capita_vnd(1'850'000);
  survey.set_surveyor("Lê Thị Mai");
  survey.set_survey_date("2025-10-07");
  return survey;
}

v1::Household RegisteredHousehold() {
  v1::Household household = PrepareNewHousehold(ValidHousehold(), "HH-000007", "T05-007");
  household.set_version(3);
  return household;
}

std::string ReadTestData(const std::string& name) {
  std::ifstream file(std::string(ANSINH_REGISTRY_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace ansinh::registry::testkit
