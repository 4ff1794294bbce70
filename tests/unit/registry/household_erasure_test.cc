// Erasing a household's personal data: the record keeps only what is not
// personal, says why and when it was erased, and is erased once.
#include "registry/core/household_erasure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

ErasureOrder OnRequest() {
  return {v1::ERASURE_REASON_SUBJECT_REQUEST, "Đơn số 12/ĐN-UBND", "Cán bộ địa chính", "2026-12-07"};
}

TEST(HouseholdErasureTest, TheRecordKeepsOnlyWhatIsNotPersonal) {
  const v1::Household before = testkit::RegisteredHousehold();
  ASSERT_FALSE(before.members(0).full_name().empty());

  Result<HouseholdChange> change = EraseHousehold(before, OnRequest());

  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Household& after = change->after;
  EXPECT_TRUE(change->erases_personal_data);
  EXPECT_EQ(after.version(), before.version() + 1);
  EXPECT_TRUE(after.address().empty());
  ASSERT_EQ(after.members_size(), before.members_size()) << "the members keep their places";
  for (int i = 0; i < after.members_size(); ++i) {
    EXPECT_TRUE(after.members(i).full_name().empty());
    EXPECT_TRUE(after.members(i).national_id().empty());
    EXPECT_TRUE(after.members(i).date_of_birth().empty());
    EXPECT_EQ(after.members(i).member_id(), before.members(i).member_id());
  }
  EXPECT_EQ(after.household_id(), before.household_id());
  EXPECT_EQ(after.code(), before.code());
  EXPECT_EQ(after.residential_group(), before.residential_group());
  EXPECT_EQ(after.status(), before.status());
  EXPECT_EQ(after.erasure().reason(), v1::ERASURE_REASON_SUBJECT_REQUEST);
  EXPECT_EQ(after.erasure().erased_on(), "2026-12-07");
  EXPECT_EQ(after.erasure().erased_by(), "Cán bộ địa chính");
  EXPECT_EQ(after.erasure().reference(), "Đơn số 12/ĐN-UBND");

  ASSERT_EQ(change->events.size(), 1u);
  EXPECT_EQ(EventTypeOf(change->events[0]), "registry.household_erased.v1");
  const auto& erased = std::get<v1::HouseholdErased>(change->events[0]);
  EXPECT_EQ(erased.household_id(), before.household_id());
  EXPECT_EQ(erased.household_version(), after.version());
  EXPECT_EQ(erased.residential_group(), before.residential_group());
  EXPECT_EQ(erased.erasure().reason(), v1::ERASURE_REASON_SUBJECT_REQUEST);
}

TEST(HouseholdErasureTest, AHouseholdIsErasedOnce) {
  Result<HouseholdChange> first = EraseHousehold(testkit::RegisteredHousehold(), OnRequest());
  ASSERT_TRUE(first.ok());

  Result<HouseholdChange> again = EraseHousehold(first->after, OnRequest());

  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().key, "error.household.already_erased");
}

TEST(HouseholdErasureTest, RetentionEndsOnlyForAHouseholdThatLeft) {
  ErasureOrder retention = OnRequest();
  retention.reason = v1::ERASURE_REASON_RETENTION_ENDED;

  Result<HouseholdChange> active = EraseHousehold(testkit::RegisteredHousehold(), retention);
  ASSERT_FALSE(active.ok());
  EXPECT_EQ(active.error().key, "error.household.retention_not_begun");

  v1::Household left = testkit::RegisteredHousehold();
  left.set_status(v1::HOUSEHOLD_STATUS_MOVED_OUT);
  EXPECT_TRUE(EraseHousehold(left, retention).ok());
}

TEST(HouseholdErasureTest, OnlyAFormerMemberWhoseDataIsHeldIsErasedAlone) {
  const v1::Household household = testkit::RegisteredHousehold();
  v1::Survey survey;
  *survey.add_members() = household.members(0);
  v1::Member& former = *survey.add_members();
  former.set_member_id("M9");
  former.set_full_name("Trần Văn Cũ");
  former.set_national_id("046190000099");
  const std::vector<v1::Survey> surveys{survey};

  Result<HouseholdChange> current =
      EraseFormerMember(household, household.members(0).member_id(), surveys, OnRequest());
  ASSERT_FALSE(current.ok());
  EXPECT_EQ(current.error().key, "error.member.erase_current");
  Result<HouseholdChange> unknown = EraseFormerMember(household, "M42", surveys, OnRequest());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  Result<HouseholdChange> change = EraseFormerMember(household, "M9", surveys, OnRequest());
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->erased_member_id, "M9");
  ASSERT_EQ(change->kept_surveys.size(), 1u);
  EXPECT_TRUE(change->kept_surveys[0].members(1).full_name().empty()) << "the surveys are kept without M9";
  EXPECT_EQ(change->kept_surveys[0].members(0).full_name(), household.members(0).full_name());
  EXPECT_FALSE(change->erases_personal_data);
  EXPECT_EQ(change->after.version(), household.version() + 1);
  EXPECT_EQ(change->after.members_size(), household.members_size()) << "the record is unchanged";
  const auto& erased = std::get<v1::HouseholdErased>(change->events.at(0));
  EXPECT_EQ(erased.member_id(), "M9");

  v1::Survey stripped = survey;
  EraseMemberFromSurvey(stripped, "M9", erased.erasure());
  EXPECT_TRUE(stripped.members(1).full_name().empty());
  EXPECT_TRUE(stripped.members(1).national_id().empty());
  EXPECT_EQ(stripped.members(1).erasure().reference(), "Đơn số 12/ĐN-UBND");
  EXPECT_EQ(stripped.members(0).full_name(), household.members(0).full_name()) << "the others are kept";
  // Erased once: nothing of M9 is held any more.
  EXPECT_FALSE(EraseFormerMember(household, "M9", {stripped}, OnRequest()).ok());
}

}  // namespace
}  // namespace ansinh::registry
