#include "registry/core/correction_requests.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <variant>

#include "registry_fixtures.h"

namespace ansinh::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using testkit::IsViolation;
using testkit::kToday;

v1::RecordCorrectionRequestRequest BirthDateOfM2(const std::string& value = "1983-11-02") {
  v1::RecordCorrectionRequestRequest request;
  request.set_household_id("HH-000007");
  request.set_member_id("M2");
  request.set_field("date_of_birth");
  request.set_requested_value(value);
  request.set_reason("ngày sinh ghi sai so với CCCD");
  request.set_requested_by("Trần Thị Hương, người được ghi");
  request.set_received_date("2026-03-10");
  return request;
}

v1::Actor Officer() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_WARD_OFFICER);
  actor.set_name("Trần Văn Bình");
  return actor;
}

v1::CorrectionRequest Recorded(const v1::RecordCorrectionRequestRequest& request) {
  return NewCorrectionRequest(request, "HH-000007-C1", Officer(), google::protobuf::Timestamp());
}

TEST(CorrectionRequestTest, AWellFormedRequestPasses) {
  EXPECT_THAT(ValidateCorrectionRequest(BirthDateOfM2(), kToday), IsEmpty());
  v1::RecordCorrectionRequestRequest address;
  address.set_household_id("HH-000007");
  address.set_field("address");
  address.set_requested_value("số 14 kiệt 5 Lý Thái Tổ");
  address.set_reason("số nhà mới");
  address.set_requested_by("chủ hộ");
  address.set_received_date("2026-03-15");
  EXPECT_THAT(ValidateCorrectionRequest(address, kToday), IsEmpty());
}

TEST(CorrectionRequestTest, EveryBadFieldIsNamedAtOnce) {
  v1::RecordCorrectionRequestRequest empty;
  EXPECT_THAT(ValidateCorrectionRequest(empty, kToday),
              UnorderedElementsAre(IsViolation("household_id", "required"), IsViolation("field", "required"),
                                   IsViolation("reason", "required"), IsViolation("requested_by", "required"),
                                   IsViolation("received_date", "required")));

  v1::RecordCorrectionRequestRequest wrong = BirthDateOfM2("2 tháng 11");
  wrong.set_received_date("2026-03-16");  // tomorrow
  EXPECT_THAT(ValidateCorrectionRequest(wrong, kToday),
              UnorderedElementsAre(IsViolation("requested_value", "YYYY-MM-DD"),
                                   IsViolation("received_date", "in the future")));

  wrong = BirthDateOfM2();
  wrong.set_member_id("");
  EXPECT_THAT(ValidateCorrectionRequest(wrong, kToday), ElementsAre(IsViolation("member_id", "required")));

  wrong.set_field("code");
  EXPECT_THAT(ValidateCorrectionRequest(wrong, kToday), ElementsAre(IsViolation("field", "survey facts")));

  wrong = BirthDateOfM2();
  wrong.set_field("address");
  EXPECT_THAT(ValidateCorrectionRequest(wrong, kToday),
              ElementsAre(IsViolation("member_id", "must be empty")));

  wrong = BirthDateOfM2("maybe");
  wrong.set_field("has_disability");
  EXPECT_THAT(ValidateCorrectionRequest(wrong, kToday),
              ElementsAre(IsViolation("requested_value", "true or false")));
  wrong.set_field("education_level");
  EXPECT_THAT(ValidateCorrectionRequest(wrong, kToday),
              ElementsAre(IsViolation("requested_value", "LOWER_SECONDARY")));
  wrong.set_field("monthly_social_allowance_vnd");
  wrong.set_requested_value("-5");
  EXPECT_THAT(ValidateCorrectionRequest(wrong, kToday),
              ElementsAre(IsViolation("requested_value", "digits")));
}

TEST(CorrectionRequestTest, IdsNameTheirHousehold) {
  EXPECT_EQ(CorrectionRequestId("HH-000123", 2), "HH-000123-C2");
  EXPECT_EQ(HouseholdOfCorrectionRequest("HH-000123-C2"), "HH-000123");
  EXPECT_EQ(HouseholdOfCorrectionRequest("HH-000123-C"), std::nullopt);
  EXPECT_EQ(HouseholdOfCorrectionRequest("HH-000123"), std::nullopt);
  EXPECT_EQ(HouseholdOfCorrectionRequest("-C4"), std::nullopt);
  EXPECT_EQ(HouseholdOfCorrectionRequest("HH-000123-Cx"), std::nullopt);
}

TEST(CorrectionRequestTest, AMembersFieldChangesThroughUpdateMember) {
  const v1::Household household = testkit::RegisteredHousehold();
  const Result<HouseholdChange> change = ApplyCorrection(household, Recorded(BirthDateOfM2()), kToday);
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.version(), household.version() + 1);
  EXPECT_EQ(change->after.members(1).date_of_birth(), "1983-11-02");
  // Nothing else about the member, or anyone else, changed.
  v1::Household expected = household;
  expected.set_version(household.version() + 1);
  expected.mutable_members(1)->set_date_of_birth("1983-11-02");
  EXPECT_EQ(change->after.SerializeAsString(), expected.SerializeAsString());
  ASSERT_EQ(change->events.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<v1::MemberUpdated>(change->events[0]));
  EXPECT_EQ(std::get<v1::MemberUpdated>(change->events[0]).member().member_id(), "M2");

  v1::RecordCorrectionRequestRequest disability = BirthDateOfM2("có");
  disability.set_field("has_disability");
  const Result<HouseholdChange> flagged = ApplyCorrection(household, Recorded(disability), kToday);
  ASSERT_TRUE(flagged.ok()) << flagged.error().message;
  EXPECT_TRUE(flagged->after.members(1).has_disability());
}

TEST(CorrectionRequestTest, AHouseholdsFieldChangesThroughUpdateHousehold) {
  const v1::Household household = testkit::RegisteredHousehold();
  v1::RecordCorrectionRequestRequest request = BirthDateOfM2("số 14 kiệt 5 Lý Thái Tổ");
  request.set_member_id("");
  request.set_field("address");
  const Result<HouseholdChange> change = ApplyCorrection(household, Recorded(request), kToday);
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change->after.address(), "số 14 kiệt 5 Lý Thái Tổ");
  ASSERT_EQ(change->events.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<v1::HouseholdUpdated>(change->events[0]));
  EXPECT_THAT(std::get<v1::HouseholdUpdated>(change->events[0]).changed_fields(), ElementsAre("address"));
}

TEST(CorrectionRequestTest, TheRegistrysRefusalsStand) {
  const v1::Household household = testkit::RegisteredHousehold();
  // A CCCD of 11 digits is refused as UpdateMember refuses it, on the value asked for.
  v1::RecordCorrectionRequestRequest national_id = BirthDateOfM2("04618300432");
  national_id.set_field("national_id");
  Result<HouseholdChange> change = ApplyCorrection(household, Recorded(national_id), kToday);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(change.error().violations, ElementsAre(IsViolation("requested_value", "national_id")));

  // The same value as held changes nothing, and UpdateHousehold refuses that.
  v1::RecordCorrectionRequestRequest same = BirthDateOfM2(household.address());
  same.set_member_id("");
  same.set_field("address");
  change = ApplyCorrection(household, Recorded(same), kToday);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);

  // A member no longer in the household, a household that moved out.
  v1::RecordCorrectionRequestRequest gone = BirthDateOfM2();
  gone.set_member_id("M9");
  EXPECT_EQ(ApplyCorrection(household, Recorded(gone), kToday).error().code, ErrorCode::kNotFound);
  v1::Household moved = household;
  moved.set_status(v1::HOUSEHOLD_STATUS_MOVED_OUT);
  EXPECT_EQ(ApplyCorrection(moved, Recorded(BirthDateOfM2()), kToday).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(CorrectionRequestTest, ARequestIsHandledOnce) {
  const v1::CorrectionRequest open = Recorded(BirthDateOfM2());
  EXPECT_EQ(open.status(), v1::CORRECTION_STATUS_OPEN);
  EXPECT_EQ(open.recorded_by().name(), "Trần Văn Bình");

  const Result<v1::CorrectionRequest> accepted = AcceptCorrection(open, Officer(), kToday, 4);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted->status(), v1::CORRECTION_STATUS_ACCEPTED);
  EXPECT_EQ(accepted->handled_date(), "2026-03-15");
  EXPECT_EQ(accepted->household_version(), 4u);
  EXPECT_EQ(accepted->requested_value(), "1983-11-02");

  const Result<v1::CorrectionRequest> rejected = RejectCorrection(open, Officer(), kToday, "CCCD ghi đúng");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->status(), v1::CORRECTION_STATUS_REJECTED);
  EXPECT_EQ(rejected->rejection_reason(), "CCCD ghi đúng");

  for (const v1::CorrectionRequest& closed : {*accepted, *rejected}) {
    const Result<v1::CorrectionRequest> again = AcceptCorrection(closed, Officer(), kToday, 5);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(again.error().key, "error.correction.not_open");
    EXPECT_FALSE(RejectCorrection(closed, Officer(), kToday, "x").ok());
  }
}

}  // namespace
}  // namespace ansinh::registry
