// The life of a household over gRPC: register, read, change with optimistic
// concurrency, members, surveys, move out and dissolve; who may do what.
#include <gmock/gmock.h>

#include <map>

#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class RegistryHouseholdsTest : public RegistryTest {};

TEST_F(RegistryHouseholdsTest, CreateUpdateAndAStaleVersionIsRefusedWithoutChangingAnything) {
  const v1::Household created = Register(Family(1));
  EXPECT_EQ(created.household_id(), "HH-000001");
  EXPECT_EQ(created.code(), "T05-001");
  EXPECT_EQ(created.version(), 1u);
  EXPECT_EQ(created.status(), v1::HOUSEHOLD_STATUS_ACTIVE);
  EXPECT_EQ(created.area_type(), v1::AREA_TYPE_URBAN);
  EXPECT_EQ(created.head_member_id(), "M1");
  ASSERT_EQ(created.members_size(), 3);
  EXPECT_EQ(created.members(2).member_id(), "M3");

  v1::UpdateHouseholdRequest update;
  update.set_household_id(created.household_id());
  update.set_expected_version(1);
  update.set_address("số 14 kiệt 45 Nguyễn Sinh Cung, phường Hương Xuân");
  update.set_residential_group("TDP-07");
  v1::UpdateHouseholdResponse updated;
  ASSERT_TRUE(stub_->UpdateHousehold(Officer().get(), update, &updated).ok());
  EXPECT_EQ(updated.household().version(), 2u);
  EXPECT_EQ(updated.household().residential_group(), "TDP-07");
  EXPECT_EQ(updated.household().code(), "T05-001");  // codes never change

  // Another officer still holding version 1.
  const auto before = Snapshot();
  update.set_address("số 99 Hùng Vương");
  const grpc::Status stale = stub_->UpdateHousehold(Officer().get(), update, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(stale.error_message(), HasSubstr("version 2, not 1"));
  EXPECT_EQ(Snapshot(), before);
  const v1::Household now = Get(created.household_id());
  EXPECT_EQ(now.version(), 2u);
  EXPECT_EQ(now.address(), "số 14 kiệt 45 Nguyễn Sinh Cung, phường Hương Xuân");

  // By code, as said on the phone: case and zero padding do not matter.
  v1::GetHouseholdRequest by_code;
  by_code.set_code("t5-1");
  v1::GetHouseholdResponse found;
  ASSERT_TRUE(stub_->GetHousehold(Auditor().get(), by_code, &found).ok());
  EXPECT_EQ(found.household().household_id(), created.household_id());
  by_code.set_code("T05-002");
  EXPECT_EQ(stub_->GetHousehold(Auditor().get(), by_code, &found).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegistryHouseholdsTest, MembersComeAndGoAndTheHeadChangesHands) {
  const v1::Household created = Register(Family(10));
  v1::AddMemberRequest add;
  add.set_household_id(created.household_id());
  add.set_expected_version(1);
  *add.mutable_member() = Child("Trần Bảo Ngọc", v1::SEX_FEMALE, "2025-02-01");
  add.mutable_member()->clear_education_level();
  add.mutable_member()->set_enrolled_in_school(false);
  v1::AddMemberResponse added;
  ASSERT_TRUE(stub_->AddMember(Officer().get(), add, &added).ok());
  EXPECT_EQ(added.member_id(), "M4");
  EXPECT_EQ(added.household().version(), 2u);

  v1::UpdateMemberRequest change;
  change.set_household_id(created.household_id());
  change.set_expected_version(2);
  *change.mutable_member() = added.household().members(1);
  change.mutable_member()->set_employment(v1::EMPLOYMENT_WAGE_WITH_CONTRACT);
  v1::UpdateMemberResponse changed;
  ASSERT_TRUE(stub_->UpdateMember(Officer().get(), change, &changed).ok());
  EXPECT_EQ(changed.household().members(1).employment(), v1::EMPLOYMENT_WAGE_WITH_CONTRACT);

  // The head cannot be removed until someone else is head.
  v1::RemoveMemberRequest remove;
  remove.set_household_id(created.household_id());
  remove.set_expected_version(3);
  remove.set_member_id("M1");
  remove.set_reason("moved to Huế city");
  v1::RemoveMemberResponse removed;
  EXPECT_EQ(stub_->RemoveMember(Officer().get(), remove, &removed).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::UpdateHouseholdRequest new_head;
  new_head.set_household_id(created.household_id());
  new_head.set_expected_version(3);
  new_head.set_head_member_id("M2");
  v1::MemberRelation* relation = new_head.add_relations();
  relation->set_member_id("M1");
  relation->set_relation_to_head(v1::RELATION_TO_HEAD_SPOUSE);
  v1::UpdateHouseholdResponse headed;
  ASSERT_TRUE(stub_->UpdateHousehold(Officer().get(), new_head, &headed).ok());
  EXPECT_EQ(headed.household().head_member_id(), "M2");
  EXPECT_EQ(headed.household().members(0).relation_to_head(), v1::RELATION_TO_HEAD_SPOUSE);
  EXPECT_EQ(headed.household().members(1).relation_to_head(), v1::RELATION_TO_HEAD_HEAD);

  remove.set_expected_version(4);
  ASSERT_TRUE(stub_->RemoveMember(Officer().get(), remove, &removed).ok());
  EXPECT_EQ(removed.household().members_size(), 3);
  EXPECT_EQ(removed.household().version(), 5u);

  // The removed member's CCCD is free for the household they moved to.
  v1::Household elsewhere = Family(20, "Phan Văn Hùng");
  elsewhere.mutable_members(1)->set_national_id(NationalId(10));
  EXPECT_EQ(Register(elsewhere).members(1).national_id(), NationalId(10));
  // A new member gets a new id, never a removed one's.
  add.set_expected_version(5);
  *add.mutable_member() = Child("Trần Gia Hân", v1::SEX_FEMALE, "2020-02-01");
  ASSERT_TRUE(stub_->AddMember(Officer().get(), add, &added).ok());
  EXPECT_EQ(added.member_id(), "M5");
}

// A record that became incomplete with time (a child turned 14 without a
// CCCD yet) must not block changes that do not touch that member.
TEST_F(RegistryHouseholdsTest, ARecordThatAgedOutOfValidityStillTakesOtherChanges) {
  v1::Household created = Register(Family(30));
  // Written straight into Redis, as the record stands years after it was
  // registered: the child is now 15 and has no CCCD.
  created.mutable_members(2)->set_date_of_birth("2011-01-15");
  Redis().Command({"HSET", "ansinh:{p0}:registry:household:" + created.household_id(), "record",
                   created.SerializeAsString()});

  v1::UpdateHouseholdRequest update;
  update.set_household_id(created.household_id());
  update.set_expected_version(1);
  update.set_address("số 2 Kim Trà, phường Hương Xuân");
  v1::UpdateHouseholdResponse updated;
  const grpc::Status status = stub_->UpdateHousehold(Officer().get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();

  v1::AddMemberRequest add;
  add.set_household_id(created.household_id());
  add.set_expected_version(2);
  *add.mutable_member() =
      Adult("Lê Thị Hoa", v1::SEX_FEMALE, "1950-05-05", v1::RELATION_TO_HEAD_PARENT, NationalId(33));
  v1::AddMemberResponse added;
  ASSERT_TRUE(stub_->AddMember(Officer().get(), add, &added).ok());

  // Changing the child itself does require the CCCD.
  v1::UpdateMemberRequest change;
  change.set_household_id(created.household_id());
  change.set_expected_version(3);
  *change.mutable_member() = added.household().members(2);
  change.mutable_member()->set_has_health_insurance(false);
  v1::UpdateMemberResponse changed;
  const grpc::Status refused = stub_->UpdateMember(Officer().get(), change, &changed);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("member.national_id"));
  change.mutable_member()->set_national_id(NationalId(34));
  EXPECT_TRUE(stub_->UpdateMember(Officer().get(), change, &changed).ok());
}

TEST_F(RegistryHouseholdsTest, SurveysAreSnapshotsAndTheRecordKeepsThemAll) {
  const v1::Household created = Register(Family(40));
  v1::RecordSurveyRequest record;
  *record.mutable_survey() = Survey2025(created.household_id());
  v1::RecordSurveyResponse recorded;
  ASSERT_TRUE(stub_->RecordSurvey(Officer().get(), record, &recorded).ok());
  EXPECT_EQ(recorded.survey().survey_id(), "SV-2025-000001-1");
  EXPECT_EQ(recorded.survey().members_size(), 3);
  EXPECT_EQ(recorded.survey().area_type(), v1::AREA_TYPE_URBAN);
  EXPECT_EQ(recorded.survey().residential_group(), "TDP-05");
  EXPECT_EQ(recorded.household_version(), 1u);

  // A baby born after the survey date joins; the survey's correction, taken
  // later, snapshots the household as it was on the survey date.
  v1::AddMemberRequest add;
  add.set_household_id(created.household_id());
  add.set_expected_version(1);
  *add.mutable_member() = Child("Trần An Nhiên", v1::SEX_FEMALE, "2026-01-20");
  add.mutable_member()->clear_education_level();
  add.mutable_member()->set_enrolled_in_school(false);
  v1::AddMemberResponse added;
  ASSERT_TRUE(stub_->AddMember(Officer().get(), add, &added).ok());

  record.mutable_survey()->set_corrects_survey_id(recorded.survey().survey_id());
  record.mutable_survey()->set_floor_area_m2(42);
  record.set_expected_version(1);  // the surveyor's list is out of date
  EXPECT_EQ(stub_->RecordSurvey(Officer().get(), record, &recorded).error_code(), grpc::StatusCode::ABORTED);
  record.set_expected_version(2);
  ASSERT_TRUE(stub_->RecordSurvey(Officer().get(), record, &recorded).ok());
  EXPECT_EQ(recorded.survey().members_size(), 3);
  EXPECT_EQ(recorded.household_version(), 2u);

  v1::GetHouseholdRecordRequest request;
  request.set_household_id(created.household_id());
  v1::GetHouseholdRecordResponse full;
  ASSERT_TRUE(stub_->GetHouseholdRecord(Auditor().get(), request, &full).ok());
  EXPECT_EQ(full.household().members_size(), 4);
  ASSERT_EQ(full.surveys_size(), 2);
  EXPECT_EQ(full.surveys(0).floor_area_m2(), 36);
  EXPECT_EQ(full.surveys(1).corrects_survey_id(), full.surveys(0).survey_id());
  EXPECT_EQ(full.household().version(), 2u);  // a survey does not change the household
}

TEST_F(RegistryHouseholdsTest, MovingOutEndsTheHouseholdAndFreesItsNationalIds) {
  const v1::Household created = Register(Family(50));
  v1::MoveOutRequest move;
  move.set_household_id(created.household_id());
  move.set_expected_version(1);
  move.set_reason("moved to Huế city, 2026-06");
  v1::MoveOutResponse moved;
  ASSERT_TRUE(stub_->MoveOut(Officer().get(), move, &moved).ok());
  EXPECT_EQ(moved.household().status(), v1::HOUSEHOLD_STATUS_MOVED_OUT);
  EXPECT_EQ(moved.household().version(), 2u);

  v1::DissolveRequest dissolve;
  dissolve.set_household_id(created.household_id());
  dissolve.set_expected_version(2);
  dissolve.set_reason("sole member died");
  v1::DissolveResponse dissolved;
  EXPECT_EQ(stub_->Dissolve(Officer().get(), dissolve, &dissolved).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::RecordSurveyRequest record;
  *record.mutable_survey() = Survey2025(created.household_id());
  v1::RecordSurveyResponse recorded;
  EXPECT_EQ(stub_->RecordSurvey(Officer().get(), record, &recorded).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // The same people registered again elsewhere in the ward: their CCCDs are free.
  const v1::Household again = Register(Family(50));
  EXPECT_EQ(again.household_id(), "HH-000002");
  const v1::Household lone = Register([] {
    v1::Household household;
    household.set_address("số 5 Lý Thái Tổ");
    household.set_residential_group("TDP-09");
    *household.add_members() =
        Adult("Võ Văn Tâm", v1::SEX_MALE, "1948-01-01", v1::RELATION_TO_HEAD_HEAD, NationalId(59));
    return household;
  }());
  dissolve.set_household_id(lone.household_id());
  dissolve.set_expected_version(1);
  ASSERT_TRUE(stub_->Dissolve(Officer().get(), dissolve, &dissolved).ok());
  EXPECT_EQ(dissolved.household().status(), v1::HOUSEHOLD_STATUS_DISSOLVED);
  EXPECT_EQ(List("", v1::HOUSEHOLD_STATUS_ACTIVE).page().total_size(), 1);
  EXPECT_EQ(List("", v1::HOUSEHOLD_STATUS_MOVED_OUT).households(0).household_id(), "HH-000001");
  EXPECT_EQ(List("", v1::HOUSEHOLD_STATUS_DISSOLVED).households(0).household_id(), lone.household_id());
}

TEST_F(RegistryHouseholdsTest, OfficersWriteWhileStaffAndAuditorsOnlyRead) {
  const v1::Household created = Register(Family(60));
  auto before = Snapshot();
  const size_t events_before = Events().size();
  for (const std::string& reader : {tokens_.auditor, tokens_.womens_union_staff}) {
    v1::CreateHouseholdRequest create;
    *create.mutable_household() = Family(70);
    v1::CreateHouseholdResponse out;
    EXPECT_EQ(stub_->CreateHousehold(AuthorizedContext(reader).get(), create, &out).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::UpdateHouseholdRequest update;
    update.set_household_id(created.household_id());
    update.set_expected_version(1);
    update.set_address("số 1 Hùng Vương");
    v1::UpdateHouseholdResponse updated;
    EXPECT_EQ(stub_->UpdateHousehold(AuthorizedContext(reader).get(), update, &updated).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::RecordSurveyRequest record;
    *record.mutable_survey() = Survey2025(created.household_id());
    v1::RecordSurveyResponse recorded;
    EXPECT_EQ(stub_->RecordSurvey(AuthorizedContext(reader).get(), record, &recorded).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::MoveOutRequest move;
    move.set_household_id(created.household_id());
    move.set_expected_version(1);
    move.set_reason("test");
    v1::MoveOutResponse moved;
    EXPECT_EQ(stub_->MoveOut(AuthorizedContext(reader).get(), move, &moved).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    {
      v1::ImportHouseholdsResponse imported;
      auto context = AuthorizedContext(reader);
      auto writer = stub_->ImportHouseholds(context.get(), &imported);
      v1::ImportHouseholdsRequest row;
      *row.mutable_household() = Family(80);
      writer->Write(row);
      writer->WritesDone();
      EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
    }
    v1::ListHouseholdsRequest list;
    v1::ListHouseholdsResponse listed;
    EXPECT_TRUE(stub_->ListHouseholds(AuthorizedContext(reader).get(), list, &listed).ok());
    EXPECT_EQ(listed.households_size(), 1);
    v1::GetHouseholdRecordRequest record_request;
    record_request.set_household_id(created.household_id());
    v1::GetHouseholdRecordResponse full;
    EXPECT_TRUE(stub_->GetHouseholdRecord(AuthorizedContext(reader).get(), record_request, &full).ok());
  }
  // Nothing was written but the read log: each reader's two reads (the list
  // and the full record) were published for the audit chain
  // (docs/monitoring.md): the auditor's naming every marked field, the
  // staff's, once redacted, the sensitive facts they still received.
  auto after = Snapshot();
  after.erase(kRegistryStream);
  before.erase(kRegistryStream);
  EXPECT_EQ(after, before);
  const std::vector<v1::EventEnvelope> events = Events();
  ASSERT_EQ(events.size(), events_before + 4);
  std::map<v1::Role, int> reads_by_role;
  for (size_t i = events_before; i < events.size(); ++i) {
    EXPECT_EQ(events[i].event_type(), "registry.personal_data_read.v1");
    EXPECT_EQ(events[i].household_id(), created.household_id());
    ++reads_by_role[events[i].actor().role()];
    v1::PersonalDataRead read;
    ASSERT_TRUE(events[i].payload().UnpackTo(&read));
    ASSERT_EQ(read.households_size(), 1);
    // Paths from the response: "household..." in the record, "households..." in the list.
    const auto& fields = read.households(0).fields();
    using ::testing::EndsWith;
    if (events[i].actor().role() == v1::ROLE_AUDITOR) {
      EXPECT_THAT(fields, ::testing::Contains(EndsWith(".members.national_id"))) << read.rpc();
    } else {
      EXPECT_THAT(fields, ::testing::Contains(EndsWith(".members.has_health_insurance"))) << read.rpc();
      EXPECT_THAT(fields, ::testing::Not(::testing::Contains(EndsWith(".members.full_name")))) << read.rpc();
      EXPECT_THAT(fields, ::testing::Not(::testing::Contains(EndsWith(".members.national_id"))))
          << read.rpc();
    }
  }
  EXPECT_EQ(reads_by_role[v1::ROLE_AUDITOR], 2);
  EXPECT_EQ(reads_by_role[v1::ROLE_ORGANIZATION_STAFF], 2);
}

}  // namespace
}  // namespace ansinh::registry::testkit
