#pragma once

// Households the integration tests register when the household itself is not
// what they test: one head of household with the fields the registry checks,
// each defaulted so a test names only what matters to it.

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

}  // namespace ansinh::testkit
