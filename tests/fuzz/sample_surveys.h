// Surveys the fuzzers classify: complete households (every fact any standard
// asks for is recorded), in protobuf text format so they read like the forms.
#pragma once

#include <google/protobuf/text_format.h>

#include <vector>

#include "ansinh/v1/household.pb.h"
#include "fuzz_check.h"

namespace ansinh::fuzz {

// An urban household of four with a measured income and three generations.
inline constexpr char kUrbanFamily[] = R"pb(
  survey_id: "SV-2025-000001-1"
  household_id: "HH-000001"
  review_year: 2025
  kind: REVIEW_KIND_PERIODIC
  area_type: AREA_TYPE_URBAN
  residential_group: "TDP-05"
  walls: MATERIAL_QUALITY_DURABLE
  columns: MATERIAL_QUALITY_DURABLE
  roof: MATERIAL_QUALITY_NON_DURABLE
  floor_area_m2: 30.5
  water_source: WATER_SOURCE_TAP
  latrine: LATRINE_TYPE_SEPTIC
  uses_telecom: true
  information_devices: INFORMATION_DEVICE_TV
  information_devices: INFORMATION_DEVICE_SMARTPHONE
  waste_treatment: WASTE_TREATMENT_COLLECTED
  has_income_per_capita: true
  income_per_capita_vnd: 1650000
  surveyor: "Lê Thị Mai"
  survey_date: "2025-10-07"
  members {
    member_id: "M1"
    full_name: "Nguyễn Văn An"
    sex: SEX_MALE
    date_of_birth: "1980-04-02"
    relation_to_head: RELATION_TO_HEAD_HEAD
    national_id: "046080001234"
    has_health_insurance: true
    education_level: EDUCATION_LEVEL_UPPER_SECONDARY
    employment: EMPLOYMENT_WAGE_WITHOUT_CONTRACT
  }
  members {
    member_id: "M2"
    full_name: "Trần Thị Hương"
    sex: SEX_FEMALE
    date_of_birth: "1983-11-20"
    relation_to_head: RELATION_TO_HEAD_SPOUSE
    national_id: "046183004321"
    has_health_insurance: true
    education_level: EDUCATION_LEVEL_LOWER_SECONDARY
    employment: EMPLOYMENT_SELF_EMPLOYED
  }
  members {
    member_id: "M3"
    full_name: "Nguyễn Ngọc Hân"
    sex: SEX_FEMALE
    date_of_birth: "2021-06-30"
    relation_to_head: RELATION_TO_HEAD_CHILD
    has_health_insurance: true
    employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE
    nutrition: NUTRITION_NORMAL
  }
  members {
    member_id: "M4"
    full_name: "Nguyễn Văn Bình"
    sex: SEX_MALE
    date_of_birth: "1948-01-15"
    relation_to_head: RELATION_TO_HEAD_PARENT
    national_id: "046048000777"
    has_health_insurance: true
    education_level: EDUCATION_LEVEL_PRIMARY
    employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE
    monthly_social_allowance_vnd: 360000
  }
)pb";

// A rural household scored on the Circular 07/2021 form only, deprived on
// its dwelling, with a stunted child, a pupil and a member unable to work.
inline constexpr char kRuralScored[] = R"pb(
  survey_id: "SV-2025-000002-1"
  household_id: "HH-000002"
  review_year: 2025
  kind: REVIEW_KIND_PERIODIC
  area_type: AREA_TYPE_RURAL
  residential_group: "TDP-02"
  walls: MATERIAL_QUALITY_NON_DURABLE
  columns: MATERIAL_QUALITY_NON_DURABLE
  roof: MATERIAL_QUALITY_NON_DURABLE
  floor_area_m2: 14
  water_source: WATER_SOURCE_UNPROTECTED_DUG_WELL
  latrine: LATRINE_TYPE_SIMPLE_PIT
  waste_treatment: WASTE_TREATMENT_UNSPECIFIED
  has_score_a: true
  score_a: 120
  surveyor: "Phan Văn Tú"
  survey_date: "2025-09-30"
  members {
    member_id: "M1"
    full_name: "Hồ Thị Lan"
    sex: SEX_FEMALE
    date_of_birth: "1975-02-11"
    relation_to_head: RELATION_TO_HEAD_HEAD
    national_id: "046175000111"
    education_level: EDUCATION_LEVEL_NONE
    employment: EMPLOYMENT_UNEMPLOYED
  }
  members {
    member_id: "M2"
    full_name: "Hồ Văn Tâm"
    sex: SEX_MALE
    date_of_birth: "2004-08-08"
    relation_to_head: RELATION_TO_HEAD_CHILD
    national_id: "046204000222"
    education_level: EDUCATION_LEVEL_PRIMARY
    employment: EMPLOYMENT_SELF_EMPLOYED
    lost_working_capacity: true
    has_disability: true
  }
  members {
    member_id: "M3"
    full_name: "Hồ Thị Na"
    sex: SEX_FEMALE
    date_of_birth: "2013-03-03"
    relation_to_head: RELATION_TO_HEAD_CHILD
    enrolled_in_school: true
    education_level: EDUCATION_LEVEL_PRIMARY
    employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE
    nutrition: NUTRITION_NORMAL
  }
  members {
    member_id: "M4"
    full_name: "Hồ Văn Bé"
    sex: SEX_MALE
    date_of_birth: "2022-12-01"
    relation_to_head: RELATION_TO_HEAD_GRANDCHILD
    employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE
    nutrition: NUTRITION_STUNTED
  }
)pb";

// A single elderly woman with both a measured income and a score A.
inline constexpr char kAloneElderly[] = R"pb(
  survey_id: "SV-2027-000003-1"
  household_id: "HH-000003"
  review_year: 2027
  kind: REVIEW_KIND_REGULAR
  area_type: AREA_TYPE_RURAL
  residential_group: "TDP-01"
  walls: MATERIAL_QUALITY_DURABLE
  columns: MATERIAL_QUALITY_DURABLE
  roof: MATERIAL_QUALITY_DURABLE
  floor_area_m2: 40
  water_source: WATER_SOURCE_DRILLED_WELL
  latrine: LATRINE_TYPE_SEMI_SEPTIC
  uses_telecom: true
  information_devices: INFORMATION_DEVICE_RADIO
  waste_treatment: WASTE_TREATMENT_COLLECTED
  has_income_per_capita: true
  income_per_capita_vnd: 900000
  has_score_a: true
  score_a: 150
  surveyor: "Lê Thị Mai"
  survey_date: "2027-01-20"
  members {
    member_id: "M1"
    full_name: "Võ Thị Sen"
    sex: SEX_FEMALE
    date_of_birth: "1940-05-05"
    relation_to_head: RELATION_TO_HEAD_HEAD
    national_id: "046140000333"
    has_health_insurance: true
    education_level: EDUCATION_LEVEL_NONE
    employment: EMPLOYMENT_NOT_IN_LABOUR_FORCE
  }
)pb";

inline v1::Survey ParseSampleSurvey(const char* text) {
  v1::Survey survey;
  ANSINH_FUZZ_CHECK(google::protobuf::TextFormat::ParseFromString(text, &survey), "a sample survey parses");
  return survey;
}

inline const std::vector<v1::Survey>& SampleSurveys() {
  static const std::vector<v1::Survey> surveys = {
      ParseSampleSurvey(kUrbanFamily), ParseSampleSurvey(kRuralScored), ParseSampleSurvey(kAloneElderly)};
  return surveys;
}

}  // namespace ansinh::fuzz
