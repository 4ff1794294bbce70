#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>

#include "assignment/core/needs.h"
#include "assignment/core/support_records.h"
#include "test_world.h"

namespace ansinh::assignment {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testkit::Staff;
using testkit::World;

class NeedsAndSupportTest : public ::testing::Test {
 protected:
  OperationContext Context() const { return world_.Context(Staff("womens-union"), "2025-06-01"); }

  v1::RecordNeedRequest NeedRequest(v1::NeedType type) const {
    v1::RecordNeedRequest request;
    request.set_case_id(case_.case_id());
    request.set_type(type);
    request.set_reason("họp tổ dân phố ngày 20/5");
    return request;
  }

  v1::Case WithLoanNeed() {
    Result<CaseChange> change = RecordNeed(case_, NeedRequest(v1::NEED_TYPE_LOAN), Context());
    EXPECT_TRUE(change.ok()) << change.error().message;
    return change.value().updated_case;
  }

  v1::RecordSupportRequest Credit(const v1::Case& target) const {
    v1::RecordSupportRequest request;
    request.set_case_id(target.case_id());
    request.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
    request.set_amount_vnd(50'000'000);
    request.set_provider("VBSP");
    request.set_delivered_on("2025-05-30");
    request.set_credit_programme(v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
    request.set_savings_group("Tổ TK&VV Hội Phụ nữ TDP-01");
    request.set_reason("giải ngân vay hộ nghèo");
    return request;
  }

  World world_;
  v1::Case case_ = world_.Open("HH-000001");
};

TEST_F(NeedsAndSupportTest, TheHistoryNamesNeedsAndSupportWithoutTheirSensitiveFacts) {
  // The history's words are unmarked and reach every reader of the case: the
  // need's description and the support's amount stay in their marked fields.
  v1::RecordNeedRequest request = NeedRequest(v1::NEED_TYPE_HEALTH_INSURANCE);
  request.set_description("thẻ BHYT cho bà nội, bị tiểu đường");
  Result<CaseChange> need = RecordNeed(case_, request, Context());
  ASSERT_TRUE(need.ok()) << need.error().message;
  const std::string need_detail = need.value().updated_case.history().rbegin()->detail();
  EXPECT_THAT(need_detail, HasSubstr("need N1"));
  EXPECT_EQ(need_detail.find("tiểu đường"), std::string::npos) << need_detail;

  Result<CaseChange> support = RecordSupport(case_, Credit(case_), Context());
  ASSERT_TRUE(support.ok()) << support.error().message;
  const std::string support_detail = support.value().updated_case.history().rbegin()->detail();
  EXPECT_THAT(support_detail, HasSubstr("support S1"));
  EXPECT_EQ(support_detail.find("50000000"), std::string::npos) << support_detail;
  EXPECT_EQ(support.value().updated_case.support_records(0).amount_vnd(), 50'000'000);
}

TEST_F(NeedsAndSupportTest, RecordNeedAppendsAnOpenNeed) {
  v1::RecordNeedRequest request = NeedRequest(v1::NEED_TYPE_VOCATIONAL_TRAINING);
  request.set_description("học nghề may cho con gái");
  const Result<CaseChange> change = RecordNeed(case_, request, Context());
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Need& need = change.value().updated_case.needs(0);
  EXPECT_EQ(need.need_id(), "N1");
  EXPECT_EQ(need.status(), v1::NEED_STATUS_OPEN);
  EXPECT_EQ(need.recorded_on(), "2025-06-01");
  EXPECT_EQ(need.recorded_by().organization_id(), "womens-union");
  EXPECT_THAT(testkit::EventTypes(change.value()), ElementsAre("assignment.need_recorded.v1"));
  const auto& payload = std::get<v1::NeedRecorded>(change.value().events[0].payload);
  EXPECT_EQ(payload.need().type(), v1::NEED_TYPE_VOCATIONAL_TRAINING);
  EXPECT_EQ(payload.organization_id(), "womens-union");
  EXPECT_EQ(payload.category(), v1::POVERTY_CATEGORY_POOR);
  // The second need gets the next id.
  const Result<CaseChange> second =
      RecordNeed(change.value().updated_case, NeedRequest(v1::NEED_TYPE_LOAN), Context());
  EXPECT_EQ(second.value().updated_case.needs(1).need_id(), "N2");
}

TEST_F(NeedsAndSupportTest, RecordNeedValidation) {
  v1::RecordNeedRequest request;
  request.set_case_id(case_.case_id());
  const Result<CaseChange> empty = RecordNeed(case_, request, Context());
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(testkit::ViolationFields(empty.error()), ElementsAre("type", "reason"));

  const Result<CaseChange> other = RecordNeed(case_, NeedRequest(v1::NEED_TYPE_OTHER), Context());
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(testkit::ViolationFields(other.error()), ElementsAre("description"));
}

TEST_F(NeedsAndSupportTest, NeedIsMarkedMetOnce) {
  const v1::Case with_need = WithLoanNeed();
  v1::UpdateNeedStatusRequest request;
  request.set_case_id(with_need.case_id());
  request.set_need_id("N1");
  request.set_status(v1::NEED_STATUS_MET);
  request.set_reason("đã vay được vốn");
  const Result<CaseChange> change = UpdateNeedStatus(with_need, request, Context());
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change.value().updated_case.needs(0).status(), v1::NEED_STATUS_MET);
  EXPECT_EQ(change.value().updated_case.needs(0).status_changed_on(), "2025-06-01");
  const auto& payload = std::get<v1::NeedStatusChanged>(change.value().events[0].payload);
  EXPECT_EQ(payload.previous_status(), v1::NEED_STATUS_OPEN);
  EXPECT_EQ(payload.status(), v1::NEED_STATUS_MET);
  EXPECT_EQ(payload.need_type(), v1::NEED_TYPE_LOAN);

  request.set_status(v1::NEED_STATUS_NO_LONGER_NEEDED);
  const Result<CaseChange> again = UpdateNeedStatus(change.value().updated_case, request, Context());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().message, "need N1 is already MET since 2025-06-01");
}

TEST_F(NeedsAndSupportTest, UpdateNeedStatusValidation) {
  const v1::Case with_need = WithLoanNeed();
  v1::UpdateNeedStatusRequest request;
  request.set_case_id(with_need.case_id());
  request.set_need_id("N7");
  request.set_status(v1::NEED_STATUS_OPEN);
  const Result<CaseChange> change = UpdateNeedStatus(with_need, request, Context());
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().violations, (FieldViolations{{"need_id", "case CASE-HH-000001-1 has no need N7"},
                                                        {"status", "must be MET or NO_LONGER_NEEDED"},
                                                        {"reason", "is required"}}));
}

TEST_F(NeedsAndSupportTest, SupportMeetingANeedMarksItMet) {
  const v1::Case with_need = WithLoanNeed();
  v1::RecordSupportRequest request = Credit(with_need);
  request.set_need_id("N1");
  request.set_marks_need_met(true);
  const Result<CaseChange> change = RecordSupport(with_need, request, Context());
  ASSERT_TRUE(change.ok()) << change.error().message;
  const v1::Case& updated = change.value().updated_case;
  ASSERT_EQ(updated.support_records_size(), 1);
  EXPECT_EQ(updated.support_records(0).support_id(), "S1");
  EXPECT_EQ(updated.support_records(0).amount_vnd(), 50'000'000);
  EXPECT_EQ(updated.support_records(0).provider(), "VBSP");
  EXPECT_EQ(updated.needs(0).status(), v1::NEED_STATUS_MET);
  EXPECT_THAT(updated.needs(0).support_ids(), ElementsAre("S1"));
  EXPECT_THAT(testkit::EventTypes(change.value()),
              ElementsAre("assignment.support_recorded.v1", "assignment.need_status_changed.v1"));
  EXPECT_EQ(std::get<v1::SupportRecorded>(change.value().events[0].payload).need_type(), v1::NEED_TYPE_LOAN);
  EXPECT_EQ(std::get<v1::NeedStatusChanged>(change.value().events[1].payload).support_id(), "S1");
  EXPECT_EQ(change.value().events[1].aggregate_version, updated.version());
  EXPECT_EQ(change.value().events[0].aggregate_version + 1, updated.version());
}

TEST_F(NeedsAndSupportTest, SupportWithoutANeedLeavesNeedsAlone) {
  const v1::Case with_need = WithLoanNeed();
  v1::RecordSupportRequest request = Credit(with_need);
  request.set_type(v1::SUPPORT_TYPE_FUND_FOR_THE_POOR_GIFT);
  request.set_amount_vnd(0);
  request.set_provider("Quỹ Vì người nghèo phường");
  request.clear_credit_programme();
  request.clear_savings_group();
  const Result<CaseChange> change = RecordSupport(with_need, request, Context());
  ASSERT_TRUE(change.ok()) << change.error().message;
  EXPECT_EQ(change.value().updated_case.needs(0).status(), v1::NEED_STATUS_OPEN);
  EXPECT_EQ(change.value().events.size(), 1u);
}

struct SupportViolation {
  const char* name;
  void (*spoil)(v1::RecordSupportRequest*);
  const char* field;
  const char* description;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const SupportViolation& row, std::ostream* out) { *out << row.name; }

class SupportValidationTest : public NeedsAndSupportTest,
                              public ::testing::WithParamInterface<SupportViolation> {};

TEST_P(SupportValidationTest, NamesTheBadField) {
  const v1::Case with_need = WithLoanNeed();
  v1::RecordSupportRequest request = Credit(with_need);
  GetParam().spoil(&request);
  const Result<CaseChange> change = RecordSupport(with_need, request, Context());
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(change.error().violations, (FieldViolations{{GetParam().field, GetParam().description}}));
}

INSTANTIATE_TEST_SUITE_P(
    Fields, SupportValidationTest,
    ::testing::Values(
        SupportViolation{"MissingType", [](v1::RecordSupportRequest* r) { r->clear_type(); }, "type",
                         "must name a support type (POLICY_CREDIT, VOCATIONAL_TRAINING, ...)"},
        SupportViolation{"NegativeAmount", [](v1::RecordSupportRequest* r) { r->set_amount_vnd(-1); },
                         "amount_vnd", "must not be negative (got -1)"},
        SupportViolation{"CreditWithoutAmount", [](v1::RecordSupportRequest* r) { r->set_amount_vnd(0); },
                         "amount_vnd", "is required for policy credit (the loan amount in VND)"},
        SupportViolation{"MissingProvider", [](v1::RecordSupportRequest* r) { r->set_provider("  "); },
                         "provider", "is required"},
        SupportViolation{"FutureDate", [](v1::RecordSupportRequest* r) { r->set_delivered_on("2025-06-02"); },
                         "delivered_on", "must not be in the future (2025-06-02 is after today 2025-06-01)"},
        SupportViolation{"BadDate", [](v1::RecordSupportRequest* r) { r->set_delivered_on("30/05/2025"); },
                         "delivered_on", "must be a calendar date YYYY-MM-DD (got \"30/05/2025\")"},
        SupportViolation{"MissingDate", [](v1::RecordSupportRequest* r) { r->clear_delivered_on(); },
                         "delivered_on", "is required (YYYY-MM-DD)"},
        SupportViolation{"UnknownNeed", [](v1::RecordSupportRequest* r) { r->set_need_id("N9"); }, "need_id",
                         "case CASE-HH-000001-1 has no need N9"},
        SupportViolation{"MarksMetWithoutNeed",
                         [](v1::RecordSupportRequest* r) { r->set_marks_need_met(true); }, "marks_need_met",
                         "requires need_id: which need the support meets"},
        SupportViolation{"OtherWithoutDescription",
                         [](v1::RecordSupportRequest* r) {
                           r->set_type(v1::SUPPORT_TYPE_OTHER);
                           r->clear_credit_programme();
                           r->clear_savings_group();
                         },
                         "description", "is required"},
        SupportViolation{"MissingReason", [](v1::RecordSupportRequest* r) { r->clear_reason(); }, "reason",
                         "is required"}),
    [](const ::testing::TestParamInfo<SupportViolation>& info) { return info.param.name; });

TEST_F(NeedsAndSupportTest, MarkingAnAlreadyMetNeedIsAPreconditionFailure) {
  v1::Case with_need = WithLoanNeed();
  with_need.mutable_needs(0)->set_status(v1::NEED_STATUS_NO_LONGER_NEEDED);
  v1::RecordSupportRequest request = Credit(with_need);
  request.set_need_id("N1");
  request.set_marks_need_met(true);
  const Result<CaseChange> change = RecordSupport(with_need, request, Context());
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(change.error().message, HasSubstr("already NO_LONGER_NEEDED"));
}

TEST_F(NeedsAndSupportTest, ClosedCaseRefusesNeedsAndSupport) {
  case_.set_state(v1::CASE_STATE_CLOSED);
  case_.set_closed_on("2028-12-10");
  const Result<CaseChange> need = RecordNeed(case_, NeedRequest(v1::NEED_TYPE_LOAN), Context());
  ASSERT_FALSE(need.ok());
  EXPECT_EQ(need.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(need.error().message,
            "case CASE-HH-000001-1 was closed on 2028-12-10; recording a need is refused on a closed case");
  const Result<CaseChange> support = RecordSupport(case_, Credit(case_), Context());
  ASSERT_FALSE(support.ok());
  EXPECT_EQ(support.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace ansinh::assignment
