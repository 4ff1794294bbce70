#include "household_builders.h"

namespace ansinh::testkit {

v1::Household OneMemberHousehold(const SampleHead& head, const SampleAddress& where) {
  v1::Household household;
  household.set_address(where.address);
  household.set_residential_group(where.residential_group);
  v1::Member& member = *household.add_members();
  member.set_full_name(head.full_name);
  member.set_sex(head.sex);
  member.set_date_of_birth(head.date_of_birth);
  member.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  member.set_national_id(head.national_id);
  member.set_has_health_insurance(true);
  member.set_education_level(head.education_level);
  member.set_employment(head.employment);
  if (head.nutrition != v1::NUTRITION_UNSPECIFIED) member.set_nutrition(head.nutrition);
  return household;
}

v1::Survey PeriodicSurvey(const std::string& household_id, const SampleSurvey& facts) {
  v1::Survey survey;
  survey.set_household_id(household_id);
  survey.set_review_year(facts.review_year);
  survey.set_kind(v1::REVIEW_KIND_PERIODIC);
  survey.set_walls(facts.walls);
  survey.set_columns(v1::MATERIAL_QUALITY_DURABLE);
  survey.set_roof(v1::MATERIAL_QUALITY_NON_DURABLE);
  survey.set_floor_area_m2(facts.floor_area_m2);
  survey.set_water_source(v1::WATER_SOURCE_TAP);
  survey.set_latrine(v1::LATRINE_TYPE_SEPTIC);
  survey.set_uses_telecom(true);
  survey.add_information_devices(v1::INFORMATION_DEVICE_SMARTPHONE);
  survey.set_waste_treatment(v1::WASTE_TREATMENT_COLLECTED);
  survey.set_has_income_per_capita(true);
  survey.set_income_per_capita_vnd(facts.income_per_capita_vnd);
  survey.set_surveyor(facts.surveyor);
  survey.set_survey_date(facts.survey_date);
  return survey;
}

}  // namespace ansinh::testkit
