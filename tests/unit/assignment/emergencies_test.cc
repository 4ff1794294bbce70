// Emergencies declared and ended by ward officers, households marked
// affected on their cases, and support that names the model or the
// emergency it belongs to.
#include "assignment/core/emergencies.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "assignment/core/emergency_marks.h"
#include "assignment/core/model_participation.h"
#include "assignment/core/support_records.h"
#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Officer;
using testkit::Staff;
using testkit::World;

v1::DeclareEmergencyRequest OctoberFlood() {
  v1::DeclareEmergencyRequest request;
  v1::Emergency& emergency = *request.mutable_emergency();
  emergency.set_kind(v1::EMERGENCY_KIND_FLOOD);
  emergency.set_name("Lũ lụt tháng 10/2025");
  emergency.set_began_on("2025-10-27");
  emergency.add_residential_groups("TDP-01");
  emergency.add_residential_groups("TDP-02");
  request.set_reason("công văn số 12/UBND");
  return request;
}

class EmergencyTest : public ::testing::Test {
 protected:
  OperationContext Context(const v1::Actor& actor) const { return world_.Context(actor, "2025-11-03"); }

  v1::Emergency Declared() const {
    Result<EmergencyChange> change = DeclareEmergency(OctoberFlood(), {}, 0, Context(Officer()));
    EXPECT_TRUE(change.ok()) << change.error().message;
    return change.value().emergency;
  }

  v1::MarkAffectedRequest MarkRequest(const std::string& date = "2025-10-29") const {
    v1::MarkAffectedRequest request;
    request.set_emergency_id("EMG-2025-1");
    request.add_household_ids("HH-000001");
    request.set_affected_on(date);
    request.set_note("nhà ngập 1,2 m");
    request.set_reason("tổ trưởng báo");
    return request;
  }

  v1::RecordSupportRequest Relief(const v1::Case& target) const {
    v1::RecordSupportRequest request;
    request.set_case_id(target.case_id());
    request.set_type(v1::SUPPORT_TYPE_EMERGENCY_RELIEF);
    request.set_amount_vnd(2'000'000);
    request.set_provider("Ủy ban MTTQ phường");
    request.set_delivered_on("2025-10-30");
    request.set_emergency_id("EMG-2025-1");
    request.set_reason("cứu trợ sau lũ");
    return request;
  }

  World world_;
  v1::Case case_ = world_.Open("HH-000001", "2025-01-15");
};

TEST_F(EmergencyTest, ADeclarationGetsTheNextNumberOfItsYearAndItsEvent) {
  const Result<EmergencyChange> change = DeclareEmergency(OctoberFlood(), {}, 2, Context(Officer()));
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Emergency& emergency = change.value().emergency;
  EXPECT_EQ(emergency.emergency_id(), "EMG-2025-3");
  EXPECT_EQ(emergency.version(), 1u);
  EXPECT_EQ(emergency.declared_on(), "2025-11-03");
  EXPECT_EQ(emergency.declared_by().name(), Officer().name());
  ASSERT_EQ(change.value().events.size(), 1u);
  EXPECT_EQ(change.value().events[0].event_type, "assignment.emergency_declared.v1");
  EXPECT_EQ(change.value().events[0].aggregate_type, "emergency");
  EXPECT_EQ(change.value().events[0].aggregate_id, "EMG-2025-3");
}

TEST_F(EmergencyTest, TheSameDeclarationAgainIsTheStoredOne) {
  const v1::Emergency stored = Declared();
  v1::DeclareEmergencyRequest again = OctoberFlood();
  again.set_reason("gửi lại");
  const Result<EmergencyChange> change = DeclareEmergency(again, {stored}, 1, Context(Officer()));
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_TRUE(change.value().events.empty());
  EXPECT_EQ(change.value().emergency.emergency_id(), "EMG-2025-1");
}

TEST_F(EmergencyTest, BadDeclarationsNameEachFieldAndOnlyOfficersDeclare) {
  v1::DeclareEmergencyRequest request;
  v1::Emergency& emergency = *request.mutable_emergency();
  emergency.set_kind(v1::EMERGENCY_KIND_OTHER);
  emergency.set_began_on("2025-11-04");
  emergency.set_ended_on("2025-10-01");
  const Result<EmergencyChange> bad = DeclareEmergency(request, {}, 0, Context(Officer()));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(testkit::ViolationFields(bad.error()),
              ElementsAre("emergency.name", "emergency.began_on", "emergency.residential_groups",
                          "emergency.description", "reason"));
  v1::DeclareEmergencyRequest backwards = OctoberFlood();
  backwards.mutable_emergency()->set_ended_on("2025-10-26");
  backwards.mutable_emergency()->add_residential_groups("TDP-01");
  EXPECT_THAT(testkit::ViolationFields(DeclareEmergency(backwards, {}, 0, Context(Officer())).error()),
              ElementsAre("emergency.ended_on", "emergency.residential_groups[2]"));

  const Result<EmergencyChange> by_staff =
      DeclareEmergency(OctoberFlood(), {}, 0, Context(Staff("womens-union")));
  ASSERT_FALSE(by_staff.ok());
  EXPECT_EQ(by_staff.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(by_staff.error().key, "error.emergency.officers_only");
  EXPECT_EQ(DeclareEmergency(OctoberFlood(), {}, 0, Context(testkit::Auditor())).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(EmergencyTest, EndingRecordsTheDayOnceAndRefusesAnother) {
  const v1::Emergency stored = Declared();
  v1::EndEmergencyRequest request;
  request.set_emergency_id("EMG-2025-1");
  request.set_ended_on("2025-11-01");
  request.set_reason("nước đã rút");
  const Result<EmergencyChange> ended = EndEmergency(request, &stored, Context(Officer()));
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_EQ(ended.value().emergency.ended_on(), "2025-11-01");
  EXPECT_EQ(ended.value().emergency.version(), 2u);
  ASSERT_EQ(ended.value().events.size(), 1u);
  EXPECT_EQ(ended.value().events[0].event_type, "assignment.emergency_ended.v1");
  EXPECT_FALSE(EmergencyOngoing(ended.value().emergency));

  const v1::Emergency after = ended.value().emergency;
  const Result<EmergencyChange> again = EndEmergency(request, &after, Context(Officer()));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value().events.empty());
  request.set_ended_on("2025-11-02");
  EXPECT_EQ(EndEmergency(request, &after, Context(Officer())).error().key, "error.emergency.already_ended");

  request.set_ended_on("2025-10-26");
  EXPECT_EQ(EndEmergency(request, &stored, Context(Officer())).error().violations,
            (FieldViolations{{"ended_on", "must not be before EMG-2025-1 began on 2025-10-27"}}));
  request.set_ended_on("2025-11-01");
  EXPECT_EQ(EndEmergency(request, nullptr, Context(Officer())).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(EndEmergency(request, &stored, Context(Staff("womens-union"))).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(EmergencyTest, MarkingAppendsTheMarkOnceWithItsHistoryAndEvent) {
  const v1::Emergency flood = Declared();
  const Result<CaseChange> marked = MarkAffected(case_, MarkRequest(), flood, Context(Staff("womens-union")));
  ASSERT_TRUE(marked.ok()) << marked.error().message;
  const v1::Case& updated = marked.value().updated_case;
  ASSERT_EQ(updated.emergency_marks_size(), 1);
  EXPECT_EQ(updated.emergency_marks(0).affected_on(), "2025-10-29");
  EXPECT_EQ(updated.emergency_marks(0).note(), "nhà ngập 1,2 m");
  EXPECT_EQ(updated.history().rbegin()->action(), v1::CASE_ACTION_MARKED_AFFECTED);
  EXPECT_EQ(updated.history().rbegin()->detail().find("ngập"), std::string::npos) << "the note stays marked";
  EXPECT_THAT(testkit::EventTypes(marked.value()), ElementsAre("assignment.household_affected.v1"));
  EXPECT_EQ(std::get<v1::HouseholdAffected>(marked.value().events[0].payload).mark().emergency_id(),
            "EMG-2025-1");

  const Result<CaseChange> again =
      MarkAffected(updated, MarkRequest("2025-10-30"), flood, Context(Officer()));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value().changed());
  EXPECT_EQ(MarkAffected(case_, MarkRequest(), flood, Context(Staff("farmers-union"))).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(EmergencyTest, TheMarkRequestIsCheckedOnce) {
  const v1::Emergency flood = Declared();
  v1::MarkAffectedRequest both = MarkRequest("2025-10-26");
  both.set_all_in_affected_groups(true);
  EXPECT_THAT(testkit::ViolationFields(
                  Error::InvalidArgument(CheckMarkAffectedRequest(both, &flood, testkit::D("2025-11-03")))),
              ElementsAre("household_ids", "affected_on"));
  v1::MarkAffectedRequest empty;
  EXPECT_THAT(testkit::ViolationFields(
                  Error::InvalidArgument(CheckMarkAffectedRequest(empty, nullptr, testkit::D("2025-11-03")))),
              ElementsAre("emergency_id", "household_ids", "affected_on", "reason"));
  v1::MarkAffectedRequest all = MarkRequest();
  all.clear_household_ids();
  all.set_all_in_affected_groups(true);
  EXPECT_TRUE(CheckMarkAffectedRequest(all, &flood, testkit::D("2025-11-03")).empty());
  EXPECT_THAT(CheckMarkAffectedRequest(MarkRequest("2025-11-04"), &flood, testkit::D("2025-11-03")),
              ElementsAre(FieldViolation{"affected_on",
                                         "must not be in the future (2025-11-04 is after today "
                                         "2025-11-03)"}));

  EXPECT_TRUE(InAffectedGroups(case_, flood));
  v1::Case elsewhere = case_;
  elsewhere.set_residential_group("TDP-07");
  EXPECT_FALSE(InAffectedGroups(elsewhere, flood));
}

TEST_F(EmergencyTest, ReliefNamesAnEmergencyThatStruckTheHousehold) {
  const v1::Emergency flood = Declared();
  // Not marked yet: refused, naming the field.
  const Result<CaseChange> unmarked = RecordSupport(case_, Relief(case_), Context(Officer()));
  ASSERT_FALSE(unmarked.ok());
  EXPECT_EQ(unmarked.error().violations,
            (FieldViolations{{"emergency_id", "household HH-000001 was not marked affected by EMG-2025-1"}}));

  const v1::Case marked = MarkAffected(case_, MarkRequest(), flood, Context(Officer())).value().updated_case;
  const Result<CaseChange> relief = RecordSupport(marked, Relief(marked), Context(Officer()));
  ASSERT_TRUE(relief.ok()) << relief.error().message;
  EXPECT_EQ(relief.value().updated_case.support_records(0).emergency_id(), "EMG-2025-1");
  EXPECT_THAT(relief.value().updated_case.history().rbegin()->detail(), HasSubstr("emergency EMG-2025-1"));

  v1::RecordSupportRequest housing = Relief(marked);
  housing.set_type(v1::SUPPORT_TYPE_HOUSING);
  EXPECT_EQ(RecordSupport(marked, housing, Context(Officer())).error().violations,
            (FieldViolations{{"emergency_id", "is only for emergency relief (type EMERGENCY_RELIEF)"}}));
  // Relief need not name an emergency (recorded before emergencies existed, or none declared).
  v1::RecordSupportRequest plain = Relief(marked);
  plain.clear_emergency_id();
  EXPECT_TRUE(RecordSupport(marked, plain, Context(Officer())).ok());
}

TEST_F(EmergencyTest, SupportNamesAModelTheHouseholdTakesPartInOnTheDay) {
  v1::LivelihoodModel model;
  model.set_model_id("ga-tdp01");
  model.set_started_on("2025-01-01");
  v1::JoinLivelihoodModelRequest join;
  join.set_model_id("ga-tdp01");
  join.add_household_ids("HH-000001");
  join.set_joined_on("2025-03-01");
  join.set_reason("họp tổ");
  const v1::Case joined = JoinLivelihoodModel(case_, join, model, Context(Officer())).value().updated_case;

  v1::RecordSupportRequest chicks;
  chicks.set_case_id(joined.case_id());
  chicks.set_type(v1::SUPPORT_TYPE_LIVELIHOOD_ASSETS);
  chicks.set_amount_vnd(3'000'000);
  chicks.set_provider("Hội Phụ nữ");
  chicks.set_delivered_on("2025-03-02");
  chicks.set_livelihood_model_id("ga-tdp01");
  chicks.set_reason("cấp 50 con gà giống");
  const Result<CaseChange> recorded = RecordSupport(joined, chicks, Context(Staff("womens-union")));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(recorded.value().updated_case.support_records(0).livelihood_model_id(), "ga-tdp01");
  const auto& payload = std::get<v1::SupportRecorded>(recorded.value().events[0].payload);
  EXPECT_EQ(payload.support().livelihood_model_id(), "ga-tdp01");
  EXPECT_EQ(payload.helper_id(), joined.helper_id());

  chicks.set_delivered_on("2025-02-28");
  EXPECT_EQ(RecordSupport(joined, chicks, Context(Officer())).error().violations,
            (FieldViolations{
                {"livelihood_model_id",
                 "household HH-000001 does not take part in livelihood model ga-tdp01 on 2025-02-28"}}));
  chicks.set_delivered_on("2025-03-02");
  chicks.set_livelihood_model_id("bo-tdp01");
  EXPECT_THAT(testkit::ViolationFields(RecordSupport(joined, chicks, Context(Officer())).error()),
              ElementsAre("livelihood_model_id"));
}

TEST_F(EmergencyTest, SupportRecordedNamesTheCasesHelper) {
  v1::Case helped = case_;
  helped.set_helper_id("women-01");
  v1::RecordSupportRequest gift;
  gift.set_case_id(helped.case_id());
  gift.set_type(v1::SUPPORT_TYPE_FUND_FOR_THE_POOR_GIFT);
  gift.set_provider("Quỹ Vì người nghèo");
  gift.set_delivered_on("2025-10-01");
  gift.set_reason("quà Tết");
  const Result<CaseChange> recorded = RecordSupport(helped, gift, Context(Officer()));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(std::get<v1::SupportRecorded>(recorded.value().events[0].payload).helper_id(), "women-01");
}

}  // namespace
}  // namespace ansinh::assignment
