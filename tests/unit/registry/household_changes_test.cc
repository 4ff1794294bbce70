#include "registry/core/household_changes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "registry/core/new_household.h"
#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// M1 head, M2 spouse, M3 student, M4 young child.
v1::Household Registered() { return PrepareNewHousehold(testkit::ValidHousehold(), "HH-000007", "T05-007"); }

// A record that was valid when registered and is no longer: its child has
// turned 14 and has no CCCD yet.
v1::Household GrownOutOfItsRecord() {
  v1::Household household = Registered();
  household.mutable_members(3)->set_date_of_birth("2011-01-10");
  household.mutable_members(3)->set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  return household;
}

v1::UpdateHouseholdRequest Update() {
  v1::UpdateHouseholdRequest request;
  request.set_household_id("HH-000007");
  request.set_expected_version(3);
  return request;
}

v1::MemberRelation Relation(const std::string& member_id, v1::RelationToHead relation) {
  v1::MemberRelation item;
  item.set_member_id(member_id);
  item.set_relation_to_head(relation);
  return item;
}

struct BadUpdateCase {
  std::string name;
  std::function<void(v1::UpdateHouseholdRequest&)> spoil;
  std::string field;
  std::string description_part;
};

class BadUpdateRequestTest : public ::testing::TestWithParam<BadUpdateCase> {};

TEST_P(BadUpdateRequestTest, NamesTheField) {
  v1::UpdateHouseholdRequest request = Update();
  request.set_address("số 14 Lý Thái Tổ");
  GetParam().spoil(request);
  EXPECT_THAT(ValidateUpdateRequest(request),
              ElementsAre(testkit::IsViolation(GetParam().field, GetParam().description_part)));
}

INSTANTIATE_TEST_SUITE_P(
    EveryKindOfBadInput, BadUpdateRequestTest,
    ::testing::Values(
        BadUpdateCase{"NoHousehold", [](auto& r) { r.clear_household_id(); }, "household_id", "required"},
        BadUpdateCase{"NoVersion", [](auto& r) { r.set_expected_version(0); }, "expected_version",
                      "the version you read"},
        BadUpdateCase{"NothingToChange", [](auto& r) { r.clear_address(); }, "address", "nothing to change"},
        BadUpdateCase{"BlankAddress", [](auto& r) { r.set_address("   "); }, "address", "only spaces"},
        BadUpdateCase{"GroupWithoutNumber", [](auto& r) { r.set_residential_group("TDP"); },
                      "residential_group", "number"},
        BadUpdateCase{"RelationsWithoutHead",
                      [](auto& r) { *r.add_relations() = Relation("M1", v1::RELATION_TO_HEAD_SPOUSE); },
                      "relations", "only with a new head_member_id"},
        BadUpdateCase{"RelationHead",
                      [](auto& r) {
                        r.set_head_member_id("M2");
                        *r.add_relations() = Relation("M1", v1::RELATION_TO_HEAD_HEAD);
                      },
                      "relations[0].relation_to_head", "only head_member_id"},
        BadUpdateCase{"RelationUnknown",
                      [](auto& r) {
                        r.set_head_member_id("M2");
                        *r.add_relations() = Relation("M1", static_cast<v1::RelationToHead>(42));
                      },
                      "relations[0].relation_to_head", "unknown value 42"},
        BadUpdateCase{"RelationOfTheNewHead",
                      [](auto& r) {
                        r.set_head_member_id("M2");
                        *r.add_relations() = Relation("M2", v1::RELATION_TO_HEAD_SPOUSE);
                      },
                      "relations[0].member_id", "becomes the head"},
        BadUpdateCase{"RelationTwice",
                      [](auto& r) {
                        r.set_head_member_id("M2");
                        *r.add_relations() = Relation("M1", v1::RELATION_TO_HEAD_SPOUSE);
                        *r.add_relations() = Relation("M1", v1::RELATION_TO_HEAD_PARENT);
                      },
                      "relations[1].member_id", "twice"}),
    [](const auto& info) { return info.param.name; });

TEST(ApplyUpdateTest, AnAddressChangeIsNotBlockedByARecordThatAgedOutOfValidity) {
  v1::UpdateHouseholdRequest request = Update();
  request.set_address("số 14 Lý Thái Tổ, phường Hương Xuân");
  const HouseholdUpdate update = ApplyUpdate(GrownOutOfItsRecord(), request);
  EXPECT_THAT(update.violations, IsEmpty());
  EXPECT_THAT(update.changed_fields, ElementsAre("address"));
  EXPECT_EQ(update.after.address(), "số 14 Lý Thái Tổ, phường Hương Xuân");
}

TEST(ApplyUpdateTest, ChangesTheHeadAndTheRelations) {
  v1::UpdateHouseholdRequest request = Update();
  request.set_head_member_id("M2");
  *request.add_relations() = Relation("M1", v1::RELATION_TO_HEAD_SPOUSE);
  request.set_residential_group("TDP-07");
  const HouseholdUpdate update = ApplyUpdate(Registered(), request);
  ASSERT_THAT(update.violations, IsEmpty());
  EXPECT_THAT(update.changed_fields, ElementsAre("residential_group", "head_member_id"));
  EXPECT_EQ(update.after.head_member_id(), "M2");
  EXPECT_EQ(update.after.members(1).relation_to_head(), v1::RELATION_TO_HEAD_HEAD);
  EXPECT_EQ(update.after.members(0).relation_to_head(), v1::RELATION_TO_HEAD_SPOUSE);
  EXPECT_EQ(update.after.members(2).relation_to_head(), v1::RELATION_TO_HEAD_CHILD);
}

TEST(ApplyUpdateTest, RefusesWhatWouldBreakTheHousehold) {
  v1::UpdateHouseholdRequest no_place_for_the_former_head = Update();
  no_place_for_the_former_head.set_head_member_id("M2");
  EXPECT_THAT(ApplyUpdate(Registered(), no_place_for_the_former_head).violations,
              ElementsAre(testkit::IsViolation("relations", "former head M1 (Nguyễn Văn An)")));

  v1::UpdateHouseholdRequest stranger = Update();
  stranger.set_head_member_id("M9");
  *stranger.add_relations() = Relation("M8", v1::RELATION_TO_HEAD_CHILD);
  *stranger.add_relations() = Relation("M1", v1::RELATION_TO_HEAD_SPOUSE);
  EXPECT_THAT(ApplyUpdate(Registered(), stranger).violations,
              UnorderedElementsAre(testkit::IsViolation("head_member_id", "no member M9"),
                                   testkit::IsViolation("relations[0].member_id", "no member M8")));

  v1::UpdateHouseholdRequest same_head = Update();
  same_head.set_head_member_id("M1");
  *same_head.add_relations() = Relation("M2", v1::RELATION_TO_HEAD_OTHER_RELATIVE);
  EXPECT_THAT(ApplyUpdate(Registered(), same_head).violations,
              ElementsAre(testkit::IsViolation("relations", "already the head")));

  v1::UpdateHouseholdRequest nothing = Update();
  nothing.set_address(Registered().address());
  EXPECT_THAT(ApplyUpdate(Registered(), nothing).violations,
              ElementsAre(testkit::IsViolation("address", "changes nothing")));
}

v1::Member Newborn() {
  v1::Member baby;
  baby.set_full_name("Nguyễn Minh Khang");
  baby.set_sex(v1::SEX_MALE);
  baby.set_date_of_birth("2026-01-05");
  baby.set_relation_to_head(v1::RELATION_TO_HEAD_GRANDCHILD);
  baby.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  baby.set_has_health_insurance(true);
  baby.set_nutrition(v1::NUTRITION_NORMAL);
  return baby;
}

TEST(ValidateNewMemberTest, ChecksTheNewcomerNotTheOthers) {
  EXPECT_THAT(ValidateNewMember(GrownOutOfItsRecord(), Newborn(), testkit::kToday), IsEmpty());
}

TEST(ValidateNewMemberTest, ReportsEveryProblemOfTheNewcomer) {
  v1::Member member = Newborn();
  member.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  member.set_national_id("046080001234");  // M1's
  member.set_date_of_birth("2026-04-01");  // after kToday
  member.clear_full_name();
  EXPECT_THAT(ValidateNewMember(Registered(), member, testkit::kToday),
              UnorderedElementsAre(testkit::IsViolation("member.full_name", "required"),
                                   testkit::IsViolation("member.date_of_birth", "in the future"),
                                   testkit::IsViolation("member.relation_to_head", "cannot be the head"),
                                   testkit::IsViolation("member.national_id", "same CCCD as member M1")));
}

TEST(ValidateNewMemberTest, AChildNeedsANutritionStatus) {
  v1::Member member = Newborn();
  member.clear_nutrition();
  EXPECT_THAT(ValidateNewMember(Registered(), member, testkit::kToday),
              ElementsAre(testkit::IsViolation("member.nutrition", "required")));
}

TEST(ValidateMemberReplacementTest, KeepsTheHeadWhereItIs) {
  const v1::Household household = Registered();
  v1::Member head = household.members(0);
  head.set_relation_to_head(v1::RELATION_TO_HEAD_SPOUSE);
  EXPECT_THAT(ValidateMemberReplacement(household, 0, head, testkit::kToday),
              ElementsAre(testkit::IsViolation("member.relation_to_head", "the head keeps relation HEAD")));
  v1::Member spouse = household.members(1);
  spouse.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  EXPECT_THAT(ValidateMemberReplacement(household, 1, spouse, testkit::kToday),
              ElementsAre(testkit::IsViolation("member.relation_to_head", "only through UpdateHousehold")));
}

TEST(ValidateMemberReplacementTest, AMemberKeepsTheirOwnCccdButCannotTakeAnothers) {
  const v1::Household household = GrownOutOfItsRecord();
  v1::Member spouse = household.members(1);
  spouse.set_full_name("Trần Thị Hương Giang");
  EXPECT_THAT(ValidateMemberReplacement(household, 1, spouse, testkit::kToday), IsEmpty());
  spouse.set_national_id(household.members(0).national_id());
  EXPECT_THAT(ValidateMemberReplacement(household, 1, spouse, testkit::kToday),
              ElementsAre(testkit::IsViolation("member.national_id", "same CCCD as member M1")));
}

}  // namespace
}  // namespace ansinh::registry
