#include "registry/core/member_operations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A baby girl born this year: valid as a new member.
v1::Member BabyGirl() {
  v1::Member member;
  member.set_full_name("Nguyễn Ngọc Mai");
  member.set_sex(v1::SEX_FEMALE);
  member.set_date_of_birth("2026-01-20");
  member.set_relation_to_head(v1::RELATION_TO_HEAD_GRANDCHILD);
  member.set_has_health_insurance(true);
  member.set_employment(v1::EMPLOYMENT_NOT_IN_LABOUR_FORCE);
  member.set_nutrition(v1::NUTRITION_NORMAL);
  return member;
}

v1::Household EndedHousehold() {
  v1::Household household = testkit::RegisteredHousehold();
  household.set_status(v1::HOUSEHOLD_STATUS_MOVED_OUT);
  return household;
}

v1::AddMemberRequest Joining(const v1::Member& member) {
  v1::AddMemberRequest request;
  request.set_household_id("HH-000007");
  request.set_expected_version(3);
  *request.mutable_member() = member;
  return request;
}

v1::UpdateMemberRequest Replacing(const v1::Member& member) {
  v1::UpdateMemberRequest request;
  request.set_household_id("HH-000007");
  request.set_expected_version(3);
  *request.mutable_member() = member;
  return request;
}

v1::RemoveMemberRequest Leaving(const std::string& member_id) {
  v1::RemoveMemberRequest request;
  request.set_household_id("HH-000007");
  request.set_expected_version(3);
  request.set_member_id(member_id);
  request.set_reason("married and moved to her husband's household");
  return request;
}

TEST(NextMemberIdTest, NeverGivesARemovedMembersIdAgain) {
  v1::Household household = testkit::RegisteredHousehold();
  EXPECT_EQ(NextMemberId(household), "M5");
  // M4 left; M2 left too: the next is still one above the highest.
  household.mutable_members()->DeleteSubrange(3, 1);
  household.mutable_members()->DeleteSubrange(1, 1);
  EXPECT_EQ(NextMemberId(household), "M4");
  household.mutable_members(1)->set_member_id("M11");
  EXPECT_EQ(NextMemberId(household), "M12");
  EXPECT_EQ(NextMemberId(v1::Household()), "M1");
}

TEST(AddMemberTest, TheNewcomerTakesTheNextIdAndTheEventCarriesTheNewVersion) {
  const v1::Household before = testkit::RegisteredHousehold();

  Result<HouseholdChange> change = AddMember(before, Joining(BabyGirl()), testkit::kToday);

  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Household& after = change->after;
  EXPECT_EQ(after.version(), 4u);
  ASSERT_EQ(after.members_size(), 5);
  EXPECT_EQ(after.members(4).member_id(), "M5");
  EXPECT_EQ(after.members(4).full_name(), "Nguyễn Ngọc Mai");
  EXPECT_FALSE(change->recorded_survey.has_value());
  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.member_added.v1");
  const auto& added = std::get<v1::MemberAdded>(change->events[0]);
  EXPECT_EQ(added.household_id(), "HH-000007");
  EXPECT_EQ(added.member().member_id(), "M5");
  EXPECT_EQ(added.household_version(), 4u);
  EXPECT_EQ(added.residential_group(), "TDP-05");
  // The household as read is left as it was.
  EXPECT_EQ(before.members_size(), 4);
  EXPECT_EQ(before.version(), 3u);
}

TEST(AddMemberTest, AnEndedHouseholdTakesNoNewMember) {
  Result<HouseholdChange> change = AddMember(EndedHousehold(), Joining(BabyGirl()), testkit::kToday);

  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(change.error().message, "household HH-000007 is no longer active");
}

TEST(AddMemberTest, RefusesASecondHeadAndAnotherMembersCccd) {
  v1::Member newcomer = BabyGirl();
  newcomer.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  newcomer.set_national_id("046183004321");  // M2's

  Result<HouseholdChange> change =
      AddMember(testkit::RegisteredHousehold(), Joining(newcomer), testkit::kToday);

  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(change.error().violations,
              ElementsAre(testkit::IsViolation("member.relation_to_head", "cannot be the head"),
                          testkit::IsViolation("member.national_id", "same CCCD as member M2")));
}

TEST(AddMemberTest, ChecksTheNewcomerAsOfTheDayGiven) {
  // On 2026-01-10 the baby born on 2026-01-20 is not born yet.
  const CivilDate earlier{std::chrono::year(2026), std::chrono::January, std::chrono::day(10)};

  Result<HouseholdChange> change = AddMember(testkit::RegisteredHousehold(), Joining(BabyGirl()), earlier);

  ASSERT_FALSE(change.ok());
  EXPECT_THAT(change.error().violations,
              ElementsAre(testkit::IsViolation("member.date_of_birth", "in the future")));
}

TEST(UpdateMemberTest, ReplacesTheMemberAndPublishesItAfter) {
  v1::Member student = testkit::RegisteredHousehold().members(2);
  student.set_enrolled_in_school(false);
  student.set_employment(v1::EMPLOYMENT_WAGE_WITH_CONTRACT);

  Result<HouseholdChange> change =
      UpdateMember(testkit::RegisteredHousehold(), Replacing(student), testkit::kToday);

  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.version(), 4u);
  EXPECT_FALSE(change->after.members(2).enrolled_in_school());
  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.member_updated.v1");
  const auto& updated = std::get<v1::MemberUpdated>(change->events[0]);
  EXPECT_EQ(updated.member().member_id(), "M3");
  EXPECT_EQ(updated.member().employment(), v1::EMPLOYMENT_WAGE_WITH_CONTRACT);
  EXPECT_EQ(updated.household_version(), 4u);
  EXPECT_EQ(updated.residential_group(), "TDP-05");
}

TEST(UpdateMemberTest, AnUnknownMemberIsNotFound) {
  v1::Member stranger = testkit::RegisteredHousehold().members(2);
  stranger.set_member_id("M9");

  Result<HouseholdChange> change =
      UpdateMember(testkit::RegisteredHousehold(), Replacing(stranger), testkit::kToday);

  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(change.error().message, "no member M9 in household HH-000007");
}

TEST(UpdateMemberTest, RefusesOnAnEndedHouseholdAndWhatBreaksTheHousehold) {
  v1::Member spouse = testkit::RegisteredHousehold().members(1);
  Result<HouseholdChange> ended = UpdateMember(EndedHousehold(), Replacing(spouse), testkit::kToday);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::kFailedPrecondition);

  spouse.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
  Result<HouseholdChange> second_head =
      UpdateMember(testkit::RegisteredHousehold(), Replacing(spouse), testkit::kToday);
  ASSERT_FALSE(second_head.ok());
  EXPECT_EQ(second_head.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(second_head.error().violations,
              ElementsAre(testkit::IsViolation("member.relation_to_head", "UpdateHousehold.head_member_id")));
}

TEST(RemoveMemberTest, TheEventCarriesTheMemberAsTheyWereAndTheReason) {
  Result<HouseholdChange> change = RemoveMember(testkit::RegisteredHousehold(), Leaving("M2"));

  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.version(), 4u);
  ASSERT_EQ(change->after.members_size(), 3);
  for (const v1::Member& member : change->after.members()) EXPECT_NE(member.member_id(), "M2");
  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.member_removed.v1");
  const auto& removed = std::get<v1::MemberRemoved>(change->events[0]);
  EXPECT_EQ(removed.member().member_id(), "M2");
  EXPECT_EQ(removed.member().full_name(), "Trần Thị Hương");
  EXPECT_EQ(removed.reason(), "married and moved to her husband's household");
  EXPECT_EQ(removed.household_version(), 4u);
  EXPECT_EQ(removed.household_id(), "HH-000007");
}

TEST(RemoveMemberTest, TheHeadStaysUntilSomeoneElseIsHead) {
  Result<HouseholdChange> change = RemoveMember(testkit::RegisteredHousehold(), Leaving("M1"));

  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(change.error().message,
            "member M1 is the head of household; make someone else head first (UpdateHousehold)");
  EXPECT_THAT(change.error().violations, IsEmpty());
}

TEST(RemoveMemberTest, RefusesAnUnknownMemberAndAnEndedHousehold) {
  Result<HouseholdChange> unknown = RemoveMember(testkit::RegisteredHousehold(), Leaving("M8"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().message, "no member M8 in household HH-000007");

  Result<HouseholdChange> ended = RemoveMember(EndedHousehold(), Leaving("M2"));
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ended.error().message, "household HH-000007 is no longer active");
}

}  // namespace
}  // namespace ansinh::registry
