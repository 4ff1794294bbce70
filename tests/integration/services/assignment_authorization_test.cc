// Who may do what, against a real Redis and the real ansinh-assignment
// binary: organization scoping, read-only roles, ward officers, and calls
// without a token. Every refusal changes nothing.
#include "assignment_test_fixture.h"
#include "bad_request.h"

namespace ansinh::assignment::testkit {
namespace {

class AssignmentAuthorizationTest : public AssignmentServiceTest {
 protected:
  // Every staff operation on `case_id` as `token`; the status of each.
  std::vector<std::pair<std::string, grpc::Status>> EveryWrite(const std::string& case_id,
                                                               const std::string& token) {
    std::vector<std::pair<std::string, grpc::Status>> statuses;
    v1::Case case_response;
    {
      v1::AssignHelperRequest request;
      request.set_case_id(case_id);
      request.set_helper_id("women-02");
      request.set_reason("r");
      auto context = AuthorizedContext(token);
      statuses.emplace_back("AssignHelper", client().AssignHelper(context.get(), request, &case_response));
    }
    {
      v1::RequestTransferRequest request;
      request.set_case_id(case_id);
      request.set_to_organization_id("farmers-union");
      request.set_reason("r");
      auto context = AuthorizedContext(token);
      statuses.emplace_back("RequestTransfer",
                            client().RequestTransfer(context.get(), request, &case_response));
    }
    {
      v1::RecordNeedRequest request;
      request.set_case_id(case_id);
      request.set_type(v1::NEED_TYPE_LOAN);
      request.set_reason("r");
      v1::RecordNeedResponse response;
      auto context = AuthorizedContext(token);
      statuses.emplace_back("RecordNeed", client().RecordNeed(context.get(), request, &response));
    }
    {
      v1::UpdateNeedStatusRequest request;
      request.set_case_id(case_id);
      request.set_need_id("N1");
      request.set_status(v1::NEED_STATUS_MET);
      request.set_reason("r");
      auto context = AuthorizedContext(token);
      statuses.emplace_back("UpdateNeedStatus",
                            client().UpdateNeedStatus(context.get(), request, &case_response));
    }
    {
      v1::RecordSupportRequest request;
      request.set_case_id(case_id);
      request.set_type(v1::SUPPORT_TYPE_HEALTH_INSURANCE_CARD);
      request.set_state_share_percent(100);
      request.set_provider("BHXH");
      request.set_delivered_on(WardDate());
      request.set_reason("r");
      v1::RecordSupportResponse response;
      auto context = AuthorizedContext(token);
      statuses.emplace_back("RecordSupport", client().RecordSupport(context.get(), request, &response));
    }
    {
      v1::RecordVisitRequest request;
      request.set_case_id(case_id);
      request.set_visited_on(WardDate());
      request.set_notes("n");
      request.set_observed_change(v1::OBSERVED_CHANGE_NO_CHANGE);
      request.set_reason("r");
      v1::RecordVisitResponse response;
      auto context = AuthorizedContext(token);
      statuses.emplace_back("RecordVisit", client().RecordVisit(context.get(), request, &response));
    }
    {
      v1::AcceptTransferRequest request;
      request.set_case_id(case_id);
      request.set_reason("r");
      auto context = AuthorizedContext(token);
      statuses.emplace_back("AcceptTransfer",
                            client().AcceptTransfer(context.get(), request, &case_response));
    }
    return statuses;
  }

  void ExpectAllDenied(const std::string& case_id, const std::string& token) {
    for (const auto& [method, status] : EveryWrite(case_id, token)) {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << method << ": " << status.error_message();
    }
  }
};

TEST_F(AssignmentAuthorizationTest, StaffOfAnotherOrganizationCannotReadOrTouchTheCase) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");  // Women's Union
  const size_t events_before = AssignmentEvents().size();

  ExpectAllDenied(opened.case_id(), tokens_.farmers_union_staff);

  v1::GetCaseRequest get;
  get.set_case_id(opened.case_id());
  v1::Case response;
  auto context = AuthorizedContext(tokens_.farmers_union_staff);
  const grpc::Status denied = client().GetCase(context.get(), get, &response);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(denied.error_message().find("womens-union"), std::string::npos) << denied.error_message();
  v1::GetCaseByHouseholdRequest by_household;
  by_household.set_household_id("HH-000001");
  context = AuthorizedContext(tokens_.farmers_union_staff);
  EXPECT_EQ(client().GetCaseByHousehold(context.get(), by_household, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::ListCasesRequest list;
  v1::ListCasesResponse listed;
  context = AuthorizedContext(tokens_.farmers_union_staff);
  ASSERT_TRUE(client().ListCases(context.get(), list, &listed).ok());
  EXPECT_EQ(listed.cases_size(), 0);
  list.set_organization_id("womens-union");
  context = AuthorizedContext(tokens_.farmers_union_staff);
  const grpc::Status other_list = client().ListCases(context.get(), list, &listed);
  EXPECT_EQ(other_list.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Keyed, so the console and the CLI say it in the user's language.
  const ansinh::testkit::CatalogKey other_list_key = ansinh::testkit::CatalogKeyOf(other_list);
  EXPECT_EQ(other_list_key.key, "error.case.other_organization");
  EXPECT_EQ(other_list_key.args.at("requested"), "womens-union");
  EXPECT_EQ(other_list_key.args.at("scope"), "cases");
  v1::GetWorkloadRequest workload_request;
  workload_request.set_organization_id("womens-union");
  v1::GetWorkloadResponse workload;
  context = AuthorizedContext(tokens_.farmers_union_staff);
  EXPECT_EQ(client().GetWorkload(context.get(), workload_request, &workload).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  const v1::Case after = GetCase(opened.case_id(), tokens_.officer);
  EXPECT_EQ(after.SerializeAsString(), opened.SerializeAsString());
  EXPECT_EQ(AssignmentEvents().size(), events_before);

  // The case's own organization may act on it.
  v1::Case assigned;
  v1::AssignHelperRequest assign;
  assign.set_case_id(opened.case_id());
  assign.set_helper_id("women-02");
  assign.set_reason("closest helper");
  context = AuthorizedContext(tokens_.womens_union_staff);
  EXPECT_TRUE(client().AssignHelper(context.get(), assign, &assigned).ok());
}

TEST_F(AssignmentAuthorizationTest, AuditorsAndServicesReadEverythingButNeverWrite) {
  StartService();
  const v1::Case women = OpenCase("HH-000001", "TDP-01");
  const v1::Case farmers = OpenCase("HH-000002", "TDP-02");
  // An auditor's read of a case's history (marked: it repeats needs and
  // support) is itself recorded, as every auditor read of marked fields is;
  // nothing else may be published.
  const auto case_events = [this] {
    size_t count = 0;
    for (const v1::EventEnvelope& event : AssignmentEvents()) {
      if (event.event_type() != "assignment.personal_data_read.v1") ++count;
    }
    return count;
  };
  const size_t events_before = case_events();

  for (const std::string& token : {tokens_.auditor, tokens_.service}) {
    ExpectAllDenied(women.case_id(), token);
    EXPECT_EQ(GetCase(farmers.case_id(), token).organization_id(), "farmers-union");
    v1::ListCasesRequest list;
    v1::ListCasesResponse listed;
    auto context = AuthorizedContext(token);
    ASSERT_TRUE(client().ListCases(context.get(), list, &listed).ok());
    EXPECT_EQ(listed.cases_size(), 2);
  }
  EXPECT_EQ(case_events(), events_before);
  EXPECT_EQ(GetCase(women.case_id(), tokens_.officer).version(), women.version());
}

TEST_F(AssignmentAuthorizationTest, WardOfficersActOnTheCasesOfEveryOrganization) {
  StartService();
  const v1::Case women = OpenCase("HH-000001", "TDP-01");
  const v1::Case farmers = OpenCase("HH-000002", "TDP-02");
  for (const auto& [case_id, helper] : std::vector<std::pair<std::string, std::string>>{
           {women.case_id(), "women-02"}, {farmers.case_id(), "farmers-01"}}) {
    v1::AssignHelperRequest request;
    request.set_case_id(case_id);
    request.set_helper_id(helper);
    request.set_reason("assigned at the ward meeting");
    v1::Case response;
    auto context = AuthorizedContext(tokens_.officer);
    const grpc::Status status = client().AssignHelper(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.helper_id(), helper);
    EXPECT_EQ(response.history(response.history_size() - 1).actor().role(), v1::ROLE_WARD_OFFICER);
  }
}

TEST_F(AssignmentAuthorizationTest, ACallWithoutAValidTokenIsRefused) {
  StartService();
  OpenCase("HH-000001", "TDP-01");
  v1::GetCaseRequest request;
  request.set_case_id("CASE-HH-000001-1");
  v1::Case response;
  auto context = AuthorizedContext("not-a-token");
  EXPECT_EQ(client().GetCase(context.get(), request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
