// Policy loans with their VBSP programme and savings-and-loan group, and
// health-insurance cards with the state's share, through the real
// ansinh-assignment binary: what is stored and published, and the refusals
// that name each bad field and change nothing.
#include "assignment_test_fixture.h"

namespace ansinh::assignment::testkit {
namespace {

using ansinh::testkit::Violations;
using FieldList = std::vector<std::pair<std::string, std::string>>;

class AssignmentSupportProgrammesTest : public AssignmentServiceTest {
 protected:
  static v1::RecordSupportRequest PoorHouseholdLoan(const std::string& case_id) {
    v1::RecordSupportRequest request;
    request.set_case_id(case_id);
    request.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
    request.set_amount_vnd(50'000'000);
    request.set_provider("VBSP");
    request.set_delivered_on(WardDate());
    request.set_credit_programme(v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
    request.set_savings_group("Tổ TK&VV Hội Phụ nữ TDP-01");
    request.set_savings_group_organization_id("womens-union");
    request.set_reason("đã giải ngân");
    return request;
  }

  static v1::RecordSupportRequest HealthInsuranceCard(const std::string& case_id, int state_share) {
    v1::RecordSupportRequest request;
    request.set_case_id(case_id);
    request.set_type(v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD);
    request.set_provider("BHXH thị xã");
    request.set_delivered_on(WardDate());
    request.set_state_share_percent(state_share);
    request.set_reason("cấp thẻ BHYT năm 2026");
    return request;
  }

  grpc::Status Record(const v1::RecordSupportRequest& request, v1::RecordSupportResponse* response) {
    auto context = AuthorizedContext(tokens_.womens_union_staff);
    return client().RecordSupport(context.get(), request, response);
  }

  // The support records carried by the SupportRecorded events of `case_id`.
  std::vector<v1::SupportRecord> PublishedSupport(const std::string& case_id) {
    std::vector<v1::SupportRecord> records;
    for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
      if (envelope.aggregate_id() != case_id || envelope.event_type() != "assignment.support_recorded.v1") {
        continue;
      }
      v1::SupportRecorded payload;
      EXPECT_TRUE(envelope.payload().UnpackTo(&payload));
      records.push_back(payload.support());
    }
    return records;
  }
};

TEST_F(AssignmentSupportProgrammesTest, LoanAndCardAreStoredAndPublishedWithTheirFacts) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");

  v1::RecordSupportResponse loan;
  const grpc::Status loan_status = Record(PoorHouseholdLoan(opened.case_id()), &loan);
  ASSERT_TRUE(loan_status.ok()) << loan_status.error_message();
  EXPECT_EQ(loan.support().credit_programme(), v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  EXPECT_EQ(loan.support().savings_group(), "Tổ TK&VV Hội Phụ nữ TDP-01");
  EXPECT_EQ(loan.support().savings_group_organization_id(), "womens-union");
  EXPECT_FALSE(loan.support().has_state_share_percent());

  v1::RecordSupportResponse card;
  const grpc::Status card_status = Record(HealthInsuranceCard(opened.case_id(), 100), &card);
  ASSERT_TRUE(card_status.ok()) << card_status.error_message();
  ASSERT_TRUE(card.support().has_state_share_percent());
  EXPECT_EQ(card.support().state_share_percent(), 100);
  EXPECT_EQ(card.support().credit_programme(), v1::CREDIT_PROGRAMME_UNSPECIFIED);

  // What an auditor reads back is what was recorded, and so is what the
  // events carry to monitoring.
  const v1::Case stored = GetCase(opened.case_id(), tokens_.auditor);
  ASSERT_EQ(stored.support_records_size(), 2);
  EXPECT_EQ(stored.support_records(0).SerializeAsString(), loan.support().SerializeAsString());
  EXPECT_EQ(stored.support_records(1).SerializeAsString(), card.support().SerializeAsString());
  const std::vector<v1::SupportRecord> published = PublishedSupport(opened.case_id());
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0].SerializeAsString(), loan.support().SerializeAsString());
  EXPECT_EQ(published[1].SerializeAsString(), card.support().SerializeAsString());
  EXPECT_NE(stored.history(stored.history_size() - 2).detail().find("programme POOR_HOUSEHOLDS"),
            std::string::npos)
      << stored.history(stored.history_size() - 2).detail();
  EXPECT_NE(stored.history(stored.history_size() - 1).detail().find("state pays 100%"), std::string::npos)
      << stored.history(stored.history_size() - 1).detail();
}

TEST_F(AssignmentSupportProgrammesTest, RefusalsNameEachBadFieldAndChangeNothing) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  const size_t events_before = AssignmentEvents().size();
  v1::RecordSupportResponse response;

  v1::RecordSupportRequest bare = PoorHouseholdLoan(opened.case_id());
  bare.clear_credit_programme();
  bare.clear_savings_group();
  bare.set_savings_group_organization_id("no-such-union");
  grpc::Status status = Record(bare, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status),
            (std::vector<std::string>{"credit_programme", "savings_group", "savings_group_organization_id"}))
      << status.error_message();

  v1::RecordSupportRequest wrong_programme = PoorHouseholdLoan(opened.case_id());
  wrong_programme.set_credit_programme(v1::CREDIT_PROGRAMME_NEAR_POOR_HOUSEHOLDS);
  status = Record(wrong_programme, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      Violations(status),
      (FieldList{{"credit_programme",
                  "near-poor households (cho vay hộ cận nghèo) lends to officially NEAR_POOR households; "
                  "case CASE-HH-000001-1 is OPEN, category POOR"}}));

  status = Record(HealthInsuranceCard(opened.case_id(), 80), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Violations(status),
            (FieldList{{"state_share_percent", "must be 100 for a POOR household (got 80)"}}));

  v1::RecordSupportRequest card_without_share = HealthInsuranceCard(opened.case_id(), 0);
  card_without_share.clear_state_share_percent();
  card_without_share.set_savings_group("Tổ TK&VV Hội Phụ nữ TDP-01");
  status = Record(card_without_share, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), (std::vector<std::string>{"savings_group", "state_share_percent"}))
      << status.error_message();

  EXPECT_EQ(AssignmentEvents().size(), events_before) << "a refused call publishes nothing";
  const v1::Case unchanged = GetCase(opened.case_id(), tokens_.auditor);
  EXPECT_EQ(unchanged.version(), opened.version());
  EXPECT_EQ(unchanged.support_records_size(), 0);
}

TEST_F(AssignmentSupportProgrammesTest, AnEscapedHouseholdBorrowsFromTheNewlyEscapedProgramme) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  PublishStatus(
      {"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_AVERAGE, v1::TRANSITION_ESCAPED_POVERTY, 2025, 2});
  const v1::Case followed =
      WaitForCase("HH-000001", [](const v1::Case& c) { return c.state() == v1::CASE_STATE_FOLLOW_UP; });
  ASSERT_EQ(followed.case_id(), opened.case_id());

  v1::RecordSupportResponse response;
  grpc::Status status = Record(PoorHouseholdLoan(followed.case_id()), &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"credit_programme"}) << status.error_message();

  v1::RecordSupportRequest loan = PoorHouseholdLoan(followed.case_id());
  loan.set_credit_programme(v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS);
  status = Record(loan, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.support().credit_programme(), v1::CREDIT_PROGRAMME_NEWLY_ESCAPED_HOUSEHOLDS);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
