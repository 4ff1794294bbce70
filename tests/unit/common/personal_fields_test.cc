// Sealing a message's personal fields: they leave the message at every depth,
// come back exactly, and stay sealed without the household's data key.
#include "personal_data/personal_fields.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/registry.pb.h"

namespace ansinh::personal_data {
namespace {

using google::protobuf::util::MessageDifferencer;

v1::Member SampleMember(const std::string& id, const std::string& name, const std::string& national_id) {
  v1::Member member;
  member.set_member_id(id);
  member.set_full_name(name);
  member.set_sex(v1::SEX_FEMALE);
  member.set_date_of_birth("1978-03-02");
  member.set_national_id(national_id);
  member.set_has_health_insurance(true);
  member.set_education_level(v1::EDUCATION_LEVEL_UPPER_SECONDARY);
  return member;
}

v1::Household SampleHousehold() {
  v1::Household household;
  household.set_household_id("HH-000123");
  household.set_address("12 Kiệt 45 Nguyễn Sinh Cung");
  household.set_residential_group("TDP-05");
  *household.add_members() = SampleMember("M-1", "Nguyễn Thị Hương", "046178000001");
  // A member with no personal field set keeps its place.
  v1::Member& child = *household.add_members();
  child.set_member_id("M-2");
  child.set_education_level(v1::EDUCATION_LEVEL_PRIMARY);
  *household.add_members() = SampleMember("M-3", "Trần Văn An", "046080000002");
  return household;
}

TEST(PersonalFieldsTest, TakingLeavesOnlyUnmarkedFieldsAndRestoringGivesTheMessageBack) {
  const v1::Household original = SampleHousehold();
  v1::Household household = original;

  std::unique_ptr<google::protobuf::Message> personal = TakePersonalFields(household);

  ASSERT_NE(personal, nullptr);
  EXPECT_TRUE(household.address().empty());
  ASSERT_EQ(household.members_size(), 3);
  for (const v1::Member& member : household.members()) {
    EXPECT_TRUE(member.full_name().empty());
    EXPECT_TRUE(member.national_id().empty());
    EXPECT_TRUE(member.date_of_birth().empty());
    EXPECT_FALSE(member.has_health_insurance()) << "sensitive fields go too";
    EXPECT_FALSE(member.member_id().empty()) << "ids stay";
  }
  EXPECT_EQ(household.household_id(), "HH-000123");
  EXPECT_EQ(household.residential_group(), "TDP-05");
  EXPECT_EQ(household.members(0).sex(), v1::SEX_FEMALE);
  EXPECT_EQ(household.members(1).education_level(), v1::EDUCATION_LEVEL_PRIMARY);

  const auto& taken = static_cast<const v1::Household&>(*personal);
  EXPECT_EQ(taken.address(), original.address());
  EXPECT_TRUE(taken.household_id().empty());
  ASSERT_EQ(taken.members_size(), 3) << "positions kept";
  EXPECT_EQ(taken.members(2).full_name(), "Trần Văn An");
  EXPECT_TRUE(taken.members(2).member_id().empty());

  ASSERT_TRUE(RestorePersonalFields(household, *personal));
  EXPECT_TRUE(MessageDifferencer::Equals(household, original)) << household.DebugString();
}

TEST(PersonalFieldsTest, AMessageWithNothingMarkedHasNothingToTake) {
  v1::Household household;
  household.set_household_id("HH-1");
  household.add_members()->set_member_id("M-1");
  EXPECT_EQ(TakePersonalFields(household), nullptr);
  EXPECT_EQ(household.members_size(), 1);
  EXPECT_FALSE(SealPersonalFields(household, "HH-1", NewAesKey()).has_value());
}

TEST(PersonalFieldsTest, FieldsOfAnotherShapeAreNotPutBack) {
  v1::Household household = SampleHousehold();
  std::unique_ptr<google::protobuf::Message> personal = TakePersonalFields(household);
  ASSERT_NE(personal, nullptr);
  household.mutable_members()->RemoveLast();
  const v1::Household before = household;

  EXPECT_FALSE(RestorePersonalFields(household, *personal));
  EXPECT_TRUE(MessageDifferencer::Equals(household, before)) << "unchanged";
}

TEST(PersonalFieldsTest, SealedFieldsOpenOnlyWithTheHouseholdsKeyForTheirOwnerAndType) {
  const v1::Household original = SampleHousehold();
  const AesKey key = NewAesKey();
  v1::Household household = original;

  const std::optional<v1::SealedPersonalFields> sealed = SealPersonalFields(household, "HH-000123", key);

  ASSERT_TRUE(sealed.has_value());
  EXPECT_EQ(sealed->key_owner(), "HH-000123");
  const std::string stored = household.SerializeAsString() + sealed->SerializeAsString();
  for (const std::string secret : {"Hương", "046178000001", "Kiệt 45", "1978-03-02"}) {
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret << " is stored in clear";
  }

  v1::Household without_key = household;
  EXPECT_FALSE(OpenPersonalFields(without_key, *sealed, NewAesKey())) << "an erased household's key is gone";
  EXPECT_TRUE(MessageDifferencer::Equals(without_key, household));
  v1::SealedPersonalFields moved = *sealed;
  moved.set_key_owner("HH-000999");
  EXPECT_FALSE(OpenPersonalFields(without_key, moved, key)) << "bound to its household";
  v1::Survey another_type;
  EXPECT_FALSE(OpenPersonalFields(another_type, *sealed, key)) << "bound to its message type";

  ASSERT_TRUE(OpenPersonalFields(household, *sealed, key));
  EXPECT_TRUE(MessageDifferencer::Equals(household, original));
}

TEST(PersonalFieldsTest, MarkedFieldsNestedInAMessageFieldAreSealedToo) {
  v1::CreateHouseholdRequest request;
  *request.mutable_household() = SampleHousehold();
  const v1::CreateHouseholdRequest original = request;
  const AesKey key = NewAesKey();

  const std::optional<v1::SealedPersonalFields> sealed = SealPersonalFields(request, "HH-000123", key);

  ASSERT_TRUE(sealed.has_value());
  EXPECT_TRUE(request.household().members(0).full_name().empty());
  ASSERT_TRUE(OpenPersonalFields(request, *sealed, key));
  EXPECT_TRUE(MessageDifferencer::Equals(request, original));
}

}  // namespace
}  // namespace ansinh::personal_data
