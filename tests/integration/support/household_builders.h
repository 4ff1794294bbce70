#pragma once

// Households the integration tests register when the household itself is not
// what they test: one head of household with the fields the registry checks,
// each defaulted so a test names only what matters to it.

#include <cstdint>
#include <string>

#include "ansinh/v1/household.pb.h"

namespace ansinh::testkit {

struct SampleHead {
  std::string full_name = "Nguyễn Thị Hương";
  v1::Sex sex = v1::SEX_FEMALE;
  std::string date_of_birth = "1978-03-02";
  std::string national_id = "046178000001";
  v1::EducationLevel education_level = v1::EDUCATION_LEVEL_UPPER_SECONDARY;
  v1::Employment employment = v1::EMPLOYMENT_SELF_EMPLOYED;
  // Unset (NUTRITION_UNSPECIFIED) unless a test gives it.
  v1::Nutrition nutrition = v1::NUTRITION_UNSPECIFIED;
};

struct SampleAddress {
  std::string address = "12 Kiệt 45 Nguyễn Sinh Cung";
  std::string residential_group = "TDP-05";
};

// A household of one member, its head, with health insurance.
v1::Household OneMemberHousehold(const SampleHead& head = {}, const SampleAddress& where = {});

// The facts of a periodic survey a test varies; the dwelling is otherwise
// sound (tap water, septic latrine, a smartphone, collected waste).
struct SampleSurvey {
  int review_year = 2025;
  std::string survey_date = "2025-10-20";
  std::string surveyor = "Nguyễn Văn Khảo";
  int64_t income_per_capita_vnd = 1'200'000;
  // Non-durable walls and roof, 20 m²: with the income above, POOR under
  // Decree 07/2021; durable walls and 36 m² leave only the roof.
  v1::MaterialQuality walls = v1::MATERIAL_QUALITY_NON_DURABLE;
  double floor_area_m2 = 20;
};

// A complete periodic survey of `household_id` with a measured income.
v1::Survey PeriodicSurvey(const std::string& household_id, const SampleSurvey& facts = {});

}  // namespace ansinh::testkit
