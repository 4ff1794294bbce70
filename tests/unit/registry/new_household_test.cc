#include "registry/core/new_household.h"

#include <gtest/gtest.h>

#include "registry/core/household_validation.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

TEST(PrepareNewHouseholdTest, AssignsIdentityAndReplacesCallerIds) {
  v1::Household input = testkit::ValidHousehold();
  input.set_household_id("HH-999999");
  input.set_version(7);
  input.mutable_members(1)->set_member_id("M9");
  // The head is not first: head_member_id must follow the relation.
  input.mutable_members()->SwapElements(0, 2);

  const v1::Household household = PrepareNewHousehold(input, "HH-000042", "T05-017");

  EXPECT_EQ(household.household_id(), "HH-000042");
  EXPECT_EQ(household.code(), "T05-017");
  EXPECT_EQ(household.status(), v1::HOUSEHOLD_STATUS_ACTIVE);
  EXPECT_EQ(household.version(), 1u);
  ASSERT_EQ(household.members_size(), 4);
  for (int i = 0; i < household.members_size(); ++i) {
    EXPECT_EQ(household.members(i).member_id(), "M" + std::to_string(i + 1));
  }
  EXPECT_EQ(household.head_member_id(), "M3");
  EXPECT_EQ(household.members(2).relation_to_head(), v1::RELATION_TO_HEAD_HEAD);
  EXPECT_TRUE(ValidateHousehold(household, testkit::kToday).empty());
}

}  // namespace
}  // namespace ansinh::registry
