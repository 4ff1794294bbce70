#include "registry/core/household_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

TEST(ValidateHouseholdTest, AcceptsAValidHousehold) {
  EXPECT_THAT(ValidateHousehold(testkit::ValidHousehold(), testkit::kToday), IsEmpty());
}

struct BadHouseholdCase {
  std::string name;
  std::function<void(v1::Household&)> spoil;
  std::string field;
  std::string description_part;
};

class BadHouseholdTest : public ::testing::TestWithParam<BadHouseholdCase> {};

TEST_P(BadHouseholdTest, NamesTheField) {
  v1::Household household = testkit::ValidHousehold();
  GetParam().spoil(household);
  EXPECT_THAT(ValidateHousehold(household, testkit::kToday),
              ElementsAre(testkit::IsViolation(GetParam().field, GetParam().description_part)));
}

v1::Member& M(v1::Household& h, int i) { return *h.mutable_members(i); }

INSTANTIATE_TEST_SUITE_P(
    EveryKindOfBadInput, BadHouseholdTest,
    ::testing::Values(
        BadHouseholdCase{"EmptyName", [](auto& h) { M(h, 0).set_full_name(""); },
                         "members[0].full_name", "required"},
        BadHouseholdCase{"BlankName", [](auto& h) { M(h, 0).set_full_name(" \t "); },
                         "members[0].full_name", "required"},
        BadHouseholdCase{"ShortCccd", [](auto& h) { M(h, 1).set_national_id("04618300432"); },
                         "members[1].national_id", "exactly 12 digits"},
        BadHouseholdCase{"LongCccd", [](auto& h) { M(h, 1).set_national_id("0461830043210"); },
                         "members[1].national_id", "exactly 12 digits"},
        BadHouseholdCase{"CccdWithLetters",
                         [](auto& h) { M(h, 1).set_national_id("04618300432O"); },
                         "members[1].national_id", "exactly 12 digits"},
        BadHouseholdCase{"AdultWithoutCccd", [](auto& h) { M(h, 0).clear_national_id(); },
                         "members[0].national_id", "required from age 14"},
        BadHouseholdCase{"FourteenYearOldWithoutCccd",
                         [](auto& h) {
                           M(h, 3).set_date_of_birth("2012-03-15");  // 14 today
                           M(h, 3).set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
                         },
                         "members[3].national_id", "required from age 14"},
        BadHouseholdCase{"ChildWithoutNutrition", [](auto& h) { M(h, 3).clear_nutrition(); },
                         "members[3].nutrition", "required"},
        BadHouseholdCase{"FifteenYearOldWithoutNutrition",
                         [](auto& h) {
                           M(h, 3).set_date_of_birth("2010-09-01");
                           M(h, 3).set_national_id("046310000123");
                           M(h, 3).set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
                           M(h, 3).clear_nutrition();
                         },
                         "members[3].nutrition", "required"},
        BadHouseholdCase{"MalformedBirthDate",
                         [](auto& h) { M(h, 0).set_date_of_birth("02/04/1980"); },
                         "members[0].date_of_birth", "YYYY-MM-DD"},
        BadHouseholdCase{"ImpossibleBirthDate",
                         [](auto& h) { M(h, 0).set_date_of_birth("1980-02-30"); },
                         "members[0].date_of_birth", "YYYY-MM-DD"},
        BadHouseholdCase{"MissingBirthDate", [](auto& h) { M(h, 0).clear_date_of_birth(); },
                         "members[0].date_of_birth", "required"},
        BadHouseholdCase{"FutureBirthDate",
                         [](auto& h) { M(h, 3).set_date_of_birth("2026-03-16"); },
                         "members[3].date_of_birth", "in the future"},
        BadHouseholdCase{"AncientBirthDate",
                         [](auto& h) { M(h, 0).set_date_of_birth("1899-12-31"); },
                         "members[0].date_of_birth", "before 1900-01-01"},
        BadHouseholdCase{"SexUnspecified", [](auto& h) { M(h, 0).clear_sex(); }, "members[0].sex",
                         "required"},
        BadHouseholdCase{"SexUnknown", [](auto& h) { M(h, 0).set_sex(static_cast<v1::Sex>(99)); },
                         "members[0].sex", "unknown value 99"},
        BadHouseholdCase{"RelationUnspecified", [](auto& h) { M(h, 2).clear_relation_to_head(); },
                         "members[2].relation_to_head", "required"},
        BadHouseholdCase{"EmploymentUnspecified", [](auto& h) { M(h, 1).clear_employment(); },
                         "members[1].employment", "required"},
        BadHouseholdCase{"EducationUnspecifiedFromAgeSix",
                         [](auto& h) { M(h, 2).clear_education_level(); },
                         "members[2].education_level", "required"},
        BadHouseholdCase{
            "EducationUnknownUnderSix",
            [](auto& h) { M(h, 3).set_education_level(static_cast<v1::EducationLevel>(42)); },
            "members[3].education_level", "unknown value 42"},
        BadHouseholdCase{"NutritionUnknown",
                         [](auto& h) { M(h, 3).set_nutrition(static_cast<v1::Nutrition>(7)); },
                         "members[3].nutrition", "unknown value 7"},
        BadHouseholdCase{"NegativeAllowance",
                         [](auto& h) { M(h, 1).set_monthly_social_allowance_vnd(-1); },
                         "members[1].monthly_social_allowance_vnd", "negative"},
        BadHouseholdCase{"BlankAddress", [](auto& h) { h.set_address("  "); }, "address",
                         "required"},
        BadHouseholdCase{"EmptyResidentialGroup", [](auto& h) { h.clear_residential_group(); },
                         "residential_group", "required"},
        BadHouseholdCase{"ResidentialGroupWithoutNumber",
                         [](auto& h) { h.set_residential_group("TDP"); }, "residential_group",
                         "must end with the group's number"},
        BadHouseholdCase{"AreaTypeUnspecified", [](auto& h) { h.clear_area_type(); }, "area_type",
                         "required"},
        BadHouseholdCase{"StatusUnknown",
                         [](auto& h) { h.set_status(static_cast<v1::HouseholdStatus>(12)); },
                         "status", "unknown value 12"},
        BadHouseholdCase{"NoMembers", [](auto& h) { h.clear_members(); }, "members",
                         "at least one member"},
        BadHouseholdCase{
            "NoHead", [](auto& h) { M(h, 0).set_relation_to_head(v1::RELATION_TO_HEAD_SIBLING); },
            "members", "exactly one head"},
        BadHouseholdCase{"TwoHeads",
                         [](auto& h) { M(h, 1).set_relation_to_head(v1::RELATION_TO_HEAD_HEAD); },
                         "members[1].relation_to_head", "members[0] is already the head"},
        BadHouseholdCase{"DuplicateCccd",
                         [](auto& h) { M(h, 2).set_national_id(M(h, 0).national_id()); },
                         "members[2].national_id", "same CCCD as members[0]"},
        BadHouseholdCase{"DuplicateMemberId",
                         [](auto& h) {
                           M(h, 0).set_member_id("M1");
                           M(h, 3).set_member_id("M1");
                         },
                         "members[3].member_id", "same member_id as members[0]"},
        BadHouseholdCase{"HeadMemberIdNamesNobody", [](auto& h) { h.set_head_member_id("M7"); },
                         "head_member_id", "names no member"},
        BadHouseholdCase{"HeadMemberIdNamesAChild",
                         [](auto& h) {
                           M(h, 0).set_member_id("M1");
                           M(h, 2).set_member_id("M3");
                           h.set_head_member_id("M3");
                         },
                         "head_member_id", "members[2], whose relation_to_head is not"}),
    [](const auto& info) { return info.param.name; });

TEST(ValidateHouseholdTest, AcceptsConsistentHeadMemberId) {
  v1::Household household = testkit::ValidHousehold();
  household.mutable_members(0)->set_member_id("M1");
  household.set_head_member_id("M1");
  EXPECT_THAT(ValidateHousehold(household, testkit::kToday), IsEmpty());
}

TEST(ValidateHouseholdTest, ChildrenUnderFourteenMayHaveACccd) {
  v1::Household household = testkit::ValidHousehold();
  household.mutable_members(3)->set_national_id("046321000111");
  EXPECT_THAT(ValidateHousehold(household, testkit::kToday), IsEmpty());
}

TEST(ValidateHouseholdTest, ReportsEveryBadFieldAtOnce) {
  v1::Household household = testkit::ValidHousehold();
  household.clear_address();
  household.mutable_members(0)->set_full_name("");
  household.mutable_members(1)->set_national_id("123");
  household.mutable_members(2)->clear_sex();
  household.mutable_members(3)->set_date_of_birth("2030-01-01");
  EXPECT_THAT(ValidateHousehold(household, testkit::kToday),
              UnorderedElementsAre(testkit::IsViolation("address", "required"),
                                   testkit::IsViolation("members[0].full_name", "required"),
                                   testkit::IsViolation("members[1].national_id", "12 digits"),
                                   testkit::IsViolation("members[2].sex", "required"),
                                   testkit::IsViolation("members[3].date_of_birth", "in the future")));
}

TEST(ValidateMemberTest, PathsAreRelativeToTheMember) {
  v1::Member member = testkit::ValidHousehold().members(0);
  member.clear_sex();
  EXPECT_THAT(ValidateMember(member, testkit::kToday), ElementsAre(testkit::IsViolation("sex", "required")));
}

TEST(PrefixFieldPathsTest, PrefixesEveryPath) {
  const FieldViolations violations =
      PrefixFieldPaths("household", {{"members[1].sex", "required"}, {"", "whole"}, {"[2]", "indexed"}});
  EXPECT_THAT(violations,
              ElementsAre(FieldViolation{"household.members[1].sex", "required"},
                          FieldViolation{"household", "whole"}, FieldViolation{"household[2]", "indexed"}));
}

}  // namespace
}  // namespace ansinh::registry
