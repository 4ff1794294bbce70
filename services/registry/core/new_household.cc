#include "registry/core/new_household.h"

#include <utility>

namespace ansinh::registry {

v1::Household PrepareNewHousehold(v1::Household household, std::string household_id, std::string code) {
  household.set_household_id(std::move(household_id));
  household.set_code(std::move(code));
  household.set_status(v1::HOUSEHOLD_STATUS_ACTIVE);
  household.set_version(1);
  household.clear_head_member_id();
  for (int i = 0; i < household.members_size(); ++i) {
    v1::Member& member = *household.mutable_members(i);
    std::string member_id = "M";  // appended: GCC 12 -Wrestrict misreports "M" + to_string
    member_id += std::to_string(i + 1);
    member.set_member_id(std::move(member_id));
    if (member.relation_to_head() == v1::RELATION_TO_HEAD_HEAD && household.head_member_id().empty()) {
      household.set_head_member_id(member.member_id());
    }
  }
  return household;
}

}  // namespace ansinh::registry
