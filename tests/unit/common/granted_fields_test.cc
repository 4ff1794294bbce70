// The marked fields a consumer's grant names (personal_data/granted_fields.h):
// names as the data inventory writes them, and every other marked field
// cleared at every depth, unmarked ones kept.
#include "personal_data/granted_fields.h"

#include <gtest/gtest.h>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::personal_data {
namespace {

TEST(GrantedFieldsTest, AFieldIsNamedByItsMessageAndOnlyMarkedFieldsAreFound) {
  EXPECT_EQ(MarkedFieldName(*v1::Member::descriptor()->FindFieldByName("full_name")), "Member.full_name");
  EXPECT_EQ(MarkedFieldNamed("Member.full_name"), v1::Member::descriptor()->FindFieldByName("full_name"));
  EXPECT_EQ(MarkedFieldNamed("Household.address"), v1::Household::descriptor()->FindFieldByName("address"));
  EXPECT_NE(MarkedFieldNamed("SupportRecord.amount_vnd"), nullptr);
  EXPECT_EQ(MarkedFieldNamed("Member.sex"), nullptr) << "unmarked: no grant needed";
  EXPECT_EQ(MarkedFieldNamed("Member.no_such_field"), nullptr);
  EXPECT_EQ(MarkedFieldNamed("NoSuchMessage.full_name"), nullptr);
  EXPECT_EQ(MarkedFieldNamed("ansinh.v1.Member.full_name"), nullptr) << "named without the package";
  EXPECT_EQ(MarkedFieldNamed("full_name"), nullptr);
  EXPECT_EQ(MarkedFieldNamed("Member."), nullptr);
  EXPECT_EQ(MarkedFieldNamed(""), nullptr);
}

TEST(GrantedFieldsTest, EveryMarkedFieldNotGrantedIsClearedAtEveryDepth) {
  v1::HouseholdRegistered event;
  v1::Household& household = *event.mutable_household();
  household.set_household_id("HH-000001");
  household.set_address("số 12 kiệt 45 Nguyễn Sinh Cung");
  household.set_residential_group("TDP-05");
  for (const char* name : {"Nguyễn Thị Hương", "Trần Văn Bình"}) {
    v1::Member& member = *household.add_members();
    member.set_member_id(std::string("M-") + name);
    member.set_full_name(name);
    member.set_national_id("046080000001");
    member.set_date_of_birth("1978-03-02");
    member.set_has_disability(true);
    member.set_sex(v1::SEX_FEMALE);
  }

  const int cleared = ClearMarkedFieldsExcept(event, {"Member.full_name"});

  EXPECT_EQ(cleared, 1 + 2 * 3) << "the address, and three fields of each member";
  EXPECT_TRUE(household.address().empty());
  EXPECT_EQ(household.residential_group(), "TDP-05");
  for (const v1::Member& member : household.members()) {
    EXPECT_FALSE(member.full_name().empty());
    EXPECT_FALSE(member.member_id().empty());
    EXPECT_EQ(member.sex(), v1::SEX_FEMALE);
    EXPECT_TRUE(member.national_id().empty());
    EXPECT_TRUE(member.date_of_birth().empty());
    EXPECT_FALSE(member.has_disability());
  }
  // Nothing granted: nothing marked is left.
  ClearMarkedFieldsExcept(event, {});
  EXPECT_TRUE(household.members(0).full_name().empty());
}

}  // namespace
}  // namespace ansinh::personal_data
