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

}  // namespace ansinh::testkit
