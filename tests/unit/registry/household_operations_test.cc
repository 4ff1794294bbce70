#include "registry/core/household_operations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;

v1::UpdateHouseholdRequest NewAddressAndGroup() {
  v1::UpdateHouseholdRequest request;
  request.set_household_id("HH-000007");
  request.set_expected_version(3);
  request.set_address("số 3 Trần Hưng Đạo, phường Hương Xuân");
  request.set_residential_group("TDP-07");
  return request;
}

v1::Household Ended(v1::HouseholdStatus status) {
  v1::Household household = testkit::RegisteredHousehold();
  household.set_status(status);
  return household;
}

TEST(RefuseUnlessActiveTest, OnlyAnActiveHouseholdChanges) {
  EXPECT_FALSE(RefuseUnlessActive(testkit::RegisteredHousehold()).has_value());
  const std::optional<Error> refused = RefuseUnlessActive(Ended(v1::HOUSEHOLD_STATUS_DISSOLVED));
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused->message, "household HH-000007 is no longer active");
}

TEST(UpdateHouseholdTest, TheEventCarriesTheHouseholdAfterAndTheGroupBefore) {
  Result<HouseholdChange> change = UpdateHousehold(testkit::RegisteredHousehold(), NewAddressAndGroup());

  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.version(), 4u);
  EXPECT_EQ(change->after.address(), "số 3 Trần Hưng Đạo, phường Hương Xuân");
  EXPECT_EQ(change->after.residential_group(), "TDP-07");
  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.household_updated.v1");
  const auto& updated = std::get<v1::HouseholdUpdated>(change->events[0]);
  EXPECT_THAT(updated.changed_fields(), ElementsAre("address", "residential_group"));
  EXPECT_EQ(updated.previous_residential_group(), "TDP-05");
  // The whole household after the change, version included.
  EXPECT_EQ(updated.household().SerializeAsString(), change->after.SerializeAsString());
}

TEST(UpdateHouseholdTest, ANewHeadChangesTheRelations) {
  v1::UpdateHouseholdRequest request;
  request.set_household_id("HH-000007");
  request.set_expected_version(3);
  request.set_head_member_id("M2");
  v1::MemberRelation* former = request.add_relations();
  former->set_member_id("M1");
  former->set_relation_to_head(v1::RELATION_TO_HEAD_SPOUSE);

  Result<HouseholdChange> change = UpdateHousehold(testkit::RegisteredHousehold(), request);

  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.head_member_id(), "M2");
  EXPECT_EQ(change->after.members(1).relation_to_head(), v1::RELATION_TO_HEAD_HEAD);
  EXPECT_EQ(change->after.members(0).relation_to_head(), v1::RELATION_TO_HEAD_SPOUSE);
  EXPECT_THAT(std::get<v1::HouseholdUpdated>(change->events[0]).changed_fields(),
              ElementsAre("head_member_id"));
}

TEST(UpdateHouseholdTest, RefusesAnEndedHouseholdAndAChangeOfNothing) {
  Result<HouseholdChange> ended =
      UpdateHousehold(Ended(v1::HOUSEHOLD_STATUS_MOVED_OUT), NewAddressAndGroup());
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ended.error().message, "household HH-000007 is no longer active");

  v1::UpdateHouseholdRequest same;
  same.set_household_id("HH-000007");
  same.set_expected_version(3);
  same.set_address(testkit::RegisteredHousehold().address());
  Result<HouseholdChange> nothing = UpdateHousehold(testkit::RegisteredHousehold(), same);
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(nothing.error().violations, ElementsAre(testkit::IsViolation("address", "changes nothing")));
}

TEST(EndHouseholdTest, MovingOutEndsTheHouseholdWithTheReason) {
  Result<HouseholdChange> change = MoveOut(testkit::RegisteredHousehold(), "moved to Đà Nẵng", "2026-12-07");

  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.status(), v1::HOUSEHOLD_STATUS_MOVED_OUT);
  EXPECT_EQ(change->after.departed_on(), "2026-12-07") << "its retention runs from today";
  EXPECT_EQ(change->after.version(), 4u);
  EXPECT_EQ(change->after.members_size(), 4);
  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.household_moved_out.v1");
  const auto& moved = std::get<v1::HouseholdMovedOut>(change->events[0]);
  EXPECT_EQ(moved.household_id(), "HH-000007");
  EXPECT_EQ(moved.household_version(), 4u);
  EXPECT_EQ(moved.residential_group(), "TDP-05");
  EXPECT_EQ(moved.reason(), "moved to Đà Nẵng");
}

TEST(EndHouseholdTest, DissolvingEndsTheHouseholdWithTheReason) {
  Result<HouseholdChange> change =
      Dissolve(testkit::RegisteredHousehold(), "merged into HH-000003", "2026-12-07");

  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.status(), v1::HOUSEHOLD_STATUS_DISSOLVED);
  EXPECT_EQ(change->after.departed_on(), "2026-12-07");
  EXPECT_EQ(change->after.version(), 4u);
  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.household_dissolved.v1");
  const auto& dissolved = std::get<v1::HouseholdDissolved>(change->events[0]);
  EXPECT_EQ(dissolved.household_version(), 4u);
  EXPECT_EQ(dissolved.reason(), "merged into HH-000003");
}

TEST(EndHouseholdTest, AHouseholdEndsOnce) {
  Result<HouseholdChange> again =
      Dissolve(Ended(v1::HOUSEHOLD_STATUS_MOVED_OUT), "duplicate record", "2026-12-07");

  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().message, "household HH-000007 is already HOUSEHOLD_STATUS_MOVED_OUT");

  Result<HouseholdChange> moved_again = MoveOut(Ended(v1::HOUSEHOLD_STATUS_DISSOLVED), "left", "2026-12-07");
  ASSERT_FALSE(moved_again.ok());
  EXPECT_EQ(moved_again.error().message, "household HH-000007 is already HOUSEHOLD_STATUS_DISSOLVED");
}

}  // namespace
}  // namespace ansinh::registry
