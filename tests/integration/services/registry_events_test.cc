// The registry's events: exactly one per change, none for a refused request,
// in order per household with aggregate versions 1, 2, 3..., each carrying
// what a consumer needs (the household, the member, the reason) and the
// caller as actor.
#include <gmock/gmock.h>

#include <map>

#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ::testing::ElementsAre;

class RegistryEventsTest : public RegistryTest {};

TEST_F(RegistryEventsTest, ExactlyOneEventPerChangeInOrderPerHousehold) {
  // Two households changed in an interleaved order, with refused requests
  // in between.
  const v1::Household first = Register(Family(1));
  const v1::Household second = Register(Family(10, "Lê Văn Đức"));

  v1::UpdateHouseholdRequest move_group;
  move_group.set_household_id(first.household_id());
  move_group.set_expected_version(1);
  move_group.set_residential_group("TDP-08");
  v1::UpdateHouseholdResponse updated;
  ASSERT_TRUE(stub_->UpdateHousehold(Officer().get(), move_group, &updated).ok());
  EXPECT_EQ(stub_->UpdateHousehold(Officer().get(), move_group, &updated).error_code(),
            grpc::StatusCode::ABORTED);  // stale: no event

  v1::AddMemberRequest add;
  add.set_household_id(second.household_id());
  add.set_expected_version(1);
  *add.mutable_member() =
      Adult("Lê Thị Tám", v1::SEX_FEMALE, "1948-08-08", v1::RELATION_TO_HEAD_PARENT, NationalId(12));
  v1::AddMemberResponse added;
  ASSERT_TRUE(stub_->AddMember(Officer().get(), add, &added).ok());
  add.mutable_member()->set_national_id("bad");
  add.set_expected_version(2);
  EXPECT_EQ(stub_->AddMember(Officer().get(), add, &added).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);  // invalid: no event

  v1::RecordSurveyRequest record;
  *record.mutable_survey() = Survey2025(first.household_id());
  v1::RecordSurveyResponse recorded;
  ASSERT_TRUE(stub_->RecordSurvey(Officer().get(), record, &recorded).ok());

  v1::UpdateMemberRequest change;
  change.set_household_id(second.household_id());
  change.set_expected_version(2);
  *change.mutable_member() = second.members(2);
  change.mutable_member()->set_has_health_insurance(false);
  v1::UpdateMemberResponse changed;
  ASSERT_TRUE(stub_->UpdateMember(Officer().get(), change, &changed).ok());

  v1::RemoveMemberRequest remove;
  remove.set_household_id(second.household_id());
  remove.set_expected_version(3);
  remove.set_member_id("M4");
  remove.set_reason("died 2026-03-02");
  v1::RemoveMemberResponse removed;
  ASSERT_TRUE(stub_->RemoveMember(Officer().get(), remove, &removed).ok());

  v1::MoveOutRequest move;
  move.set_household_id(first.household_id());
  move.set_expected_version(2);
  move.set_reason("moved to Huế city");
  v1::MoveOutResponse moved;
  ASSERT_TRUE(stub_->MoveOut(Officer().get(), move, &moved).ok());
  EXPECT_EQ(stub_->MoveOut(Officer().get(), move, &moved).error_code(),
            grpc::StatusCode::ABORTED);  // already changed: no event

  v1::DissolveRequest dissolve;
  dissolve.set_household_id(second.household_id());
  dissolve.set_expected_version(4);
  dissolve.set_reason("merged into HH-000001");
  v1::DissolveResponse dissolved;
  ASSERT_TRUE(stub_->Dissolve(Officer().get(), dissolve, &dissolved).ok());

  const std::vector<v1::EventEnvelope> events = Events();
  std::map<std::string, std::vector<std::string>> types;
  std::map<std::string, std::vector<uint64_t>> versions;
  std::map<std::string, v1::EventEnvelope> by_type;
  for (const v1::EventEnvelope& event : events) {
    types[event.aggregate_id()].push_back(event.event_type());
    versions[event.aggregate_id()].push_back(event.aggregate_version());
    by_type[event.event_type()] = event;
    EXPECT_EQ(event.aggregate_type(), "household");
    EXPECT_EQ(event.household_id(), event.aggregate_id());
    EXPECT_EQ(event.actor().role(), v1::ROLE_WARD_OFFICER);
    EXPECT_FALSE(event.actor().name().empty());
    EXPECT_FALSE(event.correlation_id().empty());
    EXPECT_TRUE(event.causation_id().empty());
  }
  EXPECT_EQ(events.size(), 9u);
  EXPECT_THAT(types[first.household_id()],
              ElementsAre("registry.household_registered.v1", "registry.household_updated.v1",
                          "registry.survey_recorded.v1", "registry.household_moved_out.v1"));
  EXPECT_THAT(versions[first.household_id()], ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(types[second.household_id()],
              ElementsAre("registry.household_registered.v1", "registry.member_added.v1",
                          "registry.member_updated.v1", "registry.member_removed.v1",
                          "registry.household_dissolved.v1"));
  EXPECT_THAT(versions[second.household_id()], ElementsAre(1, 2, 3, 4, 5));

  // What each event carries, so that no consumer has to call back.
  v1::HouseholdRegistered registered;
  ASSERT_TRUE(by_type["registry.household_registered.v1"].payload().UnpackTo(&registered));
  EXPECT_EQ(registered.household().members_size(), 3);
  EXPECT_EQ(registered.household().version(), 1u);
  v1::HouseholdUpdated household_updated;
  ASSERT_TRUE(by_type["registry.household_updated.v1"].payload().UnpackTo(&household_updated));
  EXPECT_THAT(household_updated.changed_fields(), ElementsAre("residential_group"));
  EXPECT_EQ(household_updated.previous_residential_group(), "TDP-05");
  EXPECT_EQ(household_updated.household().residential_group(), "TDP-08");
  EXPECT_EQ(household_updated.household().version(), 2u);
  v1::SurveyRecorded survey;
  ASSERT_TRUE(by_type["registry.survey_recorded.v1"].payload().UnpackTo(&survey));
  EXPECT_EQ(survey.survey().members_size(), 3);
  EXPECT_EQ(survey.survey().residential_group(), "TDP-08");
  EXPECT_EQ(survey.survey().area_type(), v1::AREA_TYPE_URBAN);
  EXPECT_EQ(survey.household_version(), 2u);
  v1::MemberAdded member_added;
  ASSERT_TRUE(by_type["registry.member_added.v1"].payload().UnpackTo(&member_added));
  EXPECT_EQ(member_added.member().member_id(), "M4");
  EXPECT_EQ(member_added.household_version(), 2u);
  EXPECT_EQ(member_added.residential_group(), "TDP-05");
  v1::MemberUpdated member_updated;
  ASSERT_TRUE(by_type["registry.member_updated.v1"].payload().UnpackTo(&member_updated));
  EXPECT_FALSE(member_updated.member().has_health_insurance());
  EXPECT_EQ(member_updated.household_version(), 3u);
  v1::MemberRemoved member_removed;
  ASSERT_TRUE(by_type["registry.member_removed.v1"].payload().UnpackTo(&member_removed));
  EXPECT_EQ(member_removed.member().full_name(), "Lê Thị Tám");
  EXPECT_EQ(member_removed.reason(), "died 2026-03-02");
  EXPECT_EQ(member_removed.household_version(), 4u);
  v1::HouseholdMovedOut moved_out;
  ASSERT_TRUE(by_type["registry.household_moved_out.v1"].payload().UnpackTo(&moved_out));
  EXPECT_EQ(moved_out.reason(), "moved to Huế city");
  EXPECT_EQ(moved_out.residential_group(), "TDP-08");
  EXPECT_EQ(moved_out.household_version(), 3u);
  v1::HouseholdDissolved household_dissolved;
  ASSERT_TRUE(by_type["registry.household_dissolved.v1"].payload().UnpackTo(&household_dissolved));
  EXPECT_EQ(household_dissolved.reason(), "merged into HH-000001");
  EXPECT_EQ(household_dissolved.household_version(), 5u);
}

TEST_F(RegistryEventsTest, AnImportPublishesARegistrationAndASurveyPerLandedRowOnly) {
  v1::ImportHouseholdsResponse response;
  {
    auto context = Officer();
    auto writer = stub_->ImportHouseholds(context.get(), &response);
    for (int i = 0; i < 3; ++i) {
      v1::ImportHouseholdsRequest row;
      *row.mutable_household() = Family(100 + 10 * i);
      *row.mutable_survey() = Survey2025("");
      if (i == 1) row.mutable_household()->mutable_members(0)->set_date_of_birth("2100-01-01");
      ASSERT_TRUE(writer->Write(row));
    }
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
  }
  EXPECT_EQ(response.imported_count(), 2);
  std::vector<std::pair<std::string, uint64_t>> seen;
  for (const v1::EventEnvelope& event : Events())
    seen.emplace_back(event.aggregate_id(), event.aggregate_version());
  EXPECT_THAT(seen, ElementsAre(std::pair<std::string, uint64_t>{"HH-000001", 1},
                                std::pair<std::string, uint64_t>{"HH-000001", 2},
                                std::pair<std::string, uint64_t>{"HH-000002", 1},
                                std::pair<std::string, uint64_t>{"HH-000002", 2}));
}

}  // namespace
}  // namespace ansinh::registry::testkit
