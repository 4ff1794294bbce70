// Staff operations and queries against a real Redis and the real
// ansinh-assignment binary: the helper rules, transfers, needs, support and
// visits, bad input, the case queries and the directory.
#include "assignment_test_fixture.h"

namespace ansinh::assignment::testkit {
namespace {

constexpr auto kDay = std::chrono::hours(24);

class AssignmentOperationsTest : public AssignmentServiceTest {
 protected:
  grpc::Status Assign(const std::string& case_id, const std::string& helper_id, const std::string& token,
                      v1::Case* response) {
    v1::AssignHelperRequest request;
    request.set_case_id(case_id);
    request.set_helper_id(helper_id);
    request.set_reason("closest helper");
    auto context = AuthorizedContext(token);
    return client().AssignHelper(context.get(), request, response);
  }

  grpc::Status RequestTransfer(const std::string& case_id, const std::string& to, const std::string& token) {
    v1::RequestTransferRequest request;
    request.set_case_id(case_id);
    request.set_to_organization_id(to);
    request.set_reason("the household works in the fields");
    v1::Case response;
    auto context = AuthorizedContext(token);
    return client().RequestTransfer(context.get(), request, &response);
  }

  // Asserts that a refused call left the case and the event stream as they were.
  void ExpectUnchanged(const v1::Case& before, size_t events_before) {
    const v1::Case after = GetCase(before.case_id(), tokens_.officer);
    EXPECT_EQ(after.version(), before.version());
    EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
    EXPECT_EQ(AssignmentEvents().size(), events_before);
  }
};

TEST_F(AssignmentOperationsTest, HelperRulesRefuseAnotherOrganizationsInactiveOrFullHelpers) {
  StartService();
  const v1::Case first = OpenCase("HH-000001", "TDP-01");
  const v1::Case second = OpenCase("HH-000002", "TDP-01");

  v1::Case assigned;
  ASSERT_TRUE(Assign(first.case_id(), "women-01", tokens_.womens_union_staff, &assigned).ok());
  EXPECT_EQ(assigned.helper_id(), "women-01");
  EXPECT_EQ(assigned.version(), first.version() + 1);
  EXPECT_EQ(assigned.history(assigned.history_size() - 1).action(), v1::CASE_ACTION_HELPER_ASSIGNED);
  EXPECT_EQ(assigned.history(assigned.history_size() - 1).actor().name(), "Lê Thị Mai");
  EXPECT_EQ(assigned.history(assigned.history_size() - 1).reason(), "closest helper");
  EXPECT_EQ(EventTypesOf(first.case_id()).back(), "assignment.helper_assigned.v1");

  const size_t events_before = AssignmentEvents().size();
  struct Refusal {
    std::string helper;
    grpc::StatusCode code;
    std::string message_part;
  };
  for (const Refusal& refusal : std::vector<Refusal>{
           {"farmers-01", grpc::StatusCode::FAILED_PRECONDITION, "belongs to farmers-union"},
           {"women-03", grpc::StatusCode::FAILED_PRECONDITION, "inactive"},
           {"women-01", grpc::StatusCode::FAILED_PRECONDITION, "maximum of 1"},
           {"nobody-99", grpc::StatusCode::INVALID_ARGUMENT, "names no helper"},
       }) {
    v1::Case response;
    const grpc::Status status = Assign(second.case_id(), refusal.helper, tokens_.officer, &response);
    EXPECT_EQ(status.error_code(), refusal.code) << refusal.helper << ": " << status.error_message();
    EXPECT_NE(status.error_message().find(refusal.message_part), std::string::npos) << status.error_message();
  }
  ExpectUnchanged(second, events_before);

  // Replacing the helper moves the load from one helper to the other.
  v1::Case replaced;
  ASSERT_TRUE(Assign(first.case_id(), "women-02", tokens_.officer, &replaced).ok());
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:helpers", "women-01"}).str, "0");
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:helpers", "women-02"}).str, "1");
  ASSERT_TRUE(Assign(second.case_id(), "women-01", tokens_.officer, &assigned).ok())
      << "women-01 has room again";
}

TEST_F(AssignmentOperationsTest, ADeclinedTransferLeavesTheCaseWhereItWas) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  v1::Case assigned;
  ASSERT_TRUE(Assign(opened.case_id(), "women-02", tokens_.womens_union_staff, &assigned).ok());
  ASSERT_TRUE(RequestTransfer(opened.case_id(), "farmers-union", tokens_.womens_union_staff).ok());

  const v1::Case pending = GetCase(opened.case_id(), tokens_.farmers_union_staff);
  ASSERT_TRUE(pending.has_pending_transfer()) << "the organization asked can read the case offered to it";
  EXPECT_EQ(pending.organization_id(), "womens-union") << "nothing moves before the answer";
  EXPECT_EQ(pending.helper_id(), "women-02");

  v1::DeclineTransferRequest decline;
  decline.set_case_id(opened.case_id());
  decline.set_reason("no member lives near TDP-01");
  v1::Case response;
  auto wrong = AuthorizedContext(tokens_.womens_union_staff);
  EXPECT_EQ(client().DeclineTransfer(wrong.get(), decline, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "only the organization asked answers";
  auto context = AuthorizedContext(tokens_.farmers_union_staff);
  ASSERT_TRUE(client().DeclineTransfer(context.get(), decline, &response).ok());

  EXPECT_EQ(response.organization_id(), "womens-union");
  EXPECT_EQ(response.helper_id(), "women-02");
  EXPECT_FALSE(response.has_pending_transfer());
  EXPECT_EQ(response.history(response.history_size() - 1).action(), v1::CASE_ACTION_TRANSFER_DECLINED);
  EXPECT_EQ(EventTypesOf(opened.case_id()).back(), "assignment.case_transfer_declined.v1");
  EXPECT_EQ(redis().Command({"SCARD", "ansinh:{p0}:assignment:index:transfer-to:farmers-union"}).integer, 0);
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:organizations", "womens-union"}).str, "1");

  v1::GetCaseRequest read;
  read.set_case_id(opened.case_id());
  auto after = AuthorizedContext(tokens_.farmers_union_staff);
  EXPECT_EQ(client().GetCase(after.get(), read, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << "once declined, the case is no longer offered to farmers-union";
}

TEST_F(AssignmentOperationsTest, AnAcceptedTransferMovesTheCaseAndItsLoadAndReleasesTheHelper) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  v1::Case assigned;
  ASSERT_TRUE(Assign(opened.case_id(), "women-02", tokens_.officer, &assigned).ok());
  EXPECT_EQ(RequestTransfer(opened.case_id(), "youth-union", tokens_.officer).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "an inactive organization receives no cases";
  ASSERT_TRUE(RequestTransfer(opened.case_id(), "farmers-union", tokens_.officer).ok());
  EXPECT_EQ(RequestTransfer(opened.case_id(), "fatherland-front", tokens_.officer).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "one pending transfer at a time";

  v1::AcceptTransferRequest accept;
  accept.set_case_id(opened.case_id());
  accept.set_reason("farmers-01 will visit");
  v1::Case moved;
  auto context = AuthorizedContext(tokens_.farmers_union_staff);
  ASSERT_TRUE(client().AcceptTransfer(context.get(), accept, &moved).ok());
  EXPECT_EQ(moved.organization_id(), "farmers-union");
  EXPECT_TRUE(moved.helper_id().empty());
  EXPECT_EQ(EventTypesOf(opened.case_id()).back(), "assignment.case_transferred.v1");
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:organizations", "womens-union"}).str, "0");
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:organizations", "farmers-union"}).str, "1");
  EXPECT_EQ(redis().Command({"HGET", "ansinh:{p0}:assignment:load:helpers", "women-02"}).str, "0");

  ASSERT_TRUE(Assign(opened.case_id(), "farmers-01", tokens_.farmers_union_staff, &assigned).ok());
  v1::GetCaseRequest read;
  read.set_case_id(opened.case_id());
  v1::Case response;
  auto former = AuthorizedContext(tokens_.womens_union_staff);
  EXPECT_EQ(client().GetCase(former.get(), read, &response).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AssignmentOperationsTest, NeedsSupportAndVisitsAreRecordedWithActorTimeAndReason) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  v1::Case assigned;
  ASSERT_TRUE(Assign(opened.case_id(), "women-02", tokens_.womens_union_staff, &assigned).ok());

  v1::RecordNeedRequest need;
  need.set_case_id(opened.case_id());
  need.set_type(v1::NEED_TYPE_LOAN);
  need.set_description("vay vốn nuôi bò 50 triệu");
  need.set_reason("asked at the visit");
  v1::RecordNeedResponse recorded;
  auto context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().RecordNeed(context.get(), need, &recorded).ok());
  EXPECT_EQ(recorded.need().need_id(), "N1");
  EXPECT_EQ(recorded.need().status(), v1::NEED_STATUS_OPEN);
  EXPECT_EQ(recorded.need().recorded_by().organization_id(), "womens-union");
  need.set_type(v1::NEED_TYPE_VOCATIONAL_TRAINING);
  need.set_description("học nghề may");
  context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().RecordNeed(context.get(), need, &recorded).ok());
  EXPECT_EQ(recorded.need().need_id(), "N2");

  v1::RecordSupportRequest support;
  support.set_case_id(opened.case_id());
  support.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
  support.set_amount_vnd(50'000'000);
  support.set_provider("VBSP");
  support.set_delivered_on(WardDate());
  support.set_credit_programme(v1::CREDIT_PROGRAMME_POOR_HOUSEHOLDS);
  support.set_savings_group("Tổ TK&VV Hội Phụ nữ TDP-01");
  support.set_need_id("N1");
  support.set_marks_need_met(true);
  support.set_reason("loan disbursed");
  v1::RecordSupportResponse supported;
  context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().RecordSupport(context.get(), support, &supported).ok());
  EXPECT_EQ(supported.support().support_id(), "S1");
  EXPECT_EQ(supported.updated_case().needs(0).status(), v1::NEED_STATUS_MET);
  ASSERT_EQ(supported.updated_case().needs(0).support_ids_size(), 1);
  EXPECT_EQ(supported.updated_case().needs(0).support_ids(0), "S1");

  v1::UpdateNeedStatusRequest withdraw;
  withdraw.set_case_id(opened.case_id());
  withdraw.set_need_id("N2");
  withdraw.set_status(v1::NEED_STATUS_NO_LONGER_NEEDED);
  withdraw.set_reason("found a job");
  v1::Case withdrawn;
  context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().UpdateNeedStatus(context.get(), withdraw, &withdrawn).ok());
  EXPECT_EQ(withdrawn.needs(1).status(), v1::NEED_STATUS_NO_LONGER_NEEDED);
  EXPECT_EQ(withdrawn.needs(1).status_reason(), "found a job");

  v1::RecordVisitRequest visit;
  visit.set_case_id(opened.case_id());
  visit.set_visited_on(WardDate());
  visit.set_notes("the cows are healthy");
  visit.set_observed_change(v1::OBSERVED_CHANGE_IMPROVED);
  visit.set_reason("monthly visit");
  v1::RecordVisitResponse visited;
  context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().RecordVisit(context.get(), visit, &visited).ok());
  EXPECT_EQ(visited.visit().visit_id(), "V1");
  EXPECT_EQ(visited.visit().helper_id(), "women-02") << "the case's helper when none is named";

  const v1::Case final_case = GetCase(opened.case_id(), tokens_.auditor);
  EXPECT_EQ(final_case.SerializeAsString(), visited.updated_case().SerializeAsString());
  EXPECT_EQ(EventTypesOf(opened.case_id()),
            (std::vector<std::string>{"assignment.case_opened.v1", "assignment.organization_assigned.v1",
                                      "assignment.helper_assigned.v1", "assignment.need_recorded.v1",
                                      "assignment.need_recorded.v1", "assignment.support_recorded.v1",
                                      "assignment.need_status_changed.v1",
                                      "assignment.need_status_changed.v1", "assignment.visit_recorded.v1"}));
  // Every entry names who, when and why; versions agree with the events.
  std::vector<uint64_t> versions;
  for (const v1::EventEnvelope& envelope : AssignmentEvents()) {
    if (envelope.aggregate_id() == opened.case_id()) versions.push_back(envelope.aggregate_version());
  }
  EXPECT_EQ(versions, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  for (const v1::CaseHistoryEntry& entry : final_case.history()) {
    EXPECT_FALSE(entry.actor().name().empty());
    EXPECT_GT(entry.at().seconds(), 0);
    EXPECT_FALSE(entry.reason().empty());
  }
  EXPECT_EQ(final_case.history(final_case.history_size() - 1).actor().name(), "Lê Thị Mai");
}

TEST_F(AssignmentOperationsTest, BadInputAndIllegalOperationsGetClearErrorsAndChangeNothing) {
  StartService();
  const v1::Case opened = OpenCase("HH-000001", "TDP-01");
  const size_t events_before = AssignmentEvents().size();

  v1::RecordSupportRequest support;
  support.set_case_id(opened.case_id());
  support.set_type(v1::SUPPORT_TYPE_POLICY_CREDIT);
  support.set_amount_vnd(0);
  support.set_delivered_on(WardDate(kDay * 3));
  support.set_need_id("N7");
  v1::RecordSupportResponse supported;
  auto context = AuthorizedContext(tokens_.officer);
  grpc::Status status = client().RecordSupport(context.get(), support, &supported);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<std::string> fields = ViolatedFields(status);
  for (const char* field : {"amount_vnd", "provider", "delivered_on", "need_id", "reason"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end())
        << field << " in " << status.error_message();
  }

  v1::UpdateNeedStatusRequest update;
  update.set_case_id(opened.case_id());
  update.set_need_id("N1");
  update.set_status(v1::NEED_STATUS_MET);
  update.set_reason("met");
  v1::Case response;
  context = AuthorizedContext(tokens_.officer);
  EXPECT_EQ(client().UpdateNeedStatus(context.get(), update, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "no need N1 on the case";

  v1::DeclineTransferRequest decline;
  decline.set_case_id(opened.case_id());
  decline.set_reason("no");
  context = AuthorizedContext(tokens_.officer);
  status = client().DeclineTransfer(context.get(), decline, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("no pending transfer"), std::string::npos) << status.error_message();

  struct BadId {
    std::string case_id;
    grpc::StatusCode code;
  };
  for (const BadId& bad : std::vector<BadId>{{"", grpc::StatusCode::INVALID_ARGUMENT},
                                             {"HH-000001", grpc::StatusCode::INVALID_ARGUMENT},
                                             {"CASE-HH-000001-9", grpc::StatusCode::NOT_FOUND}}) {
    v1::RecordVisitRequest visit;
    visit.set_case_id(bad.case_id);
    visit.set_visited_on(WardDate());
    visit.set_notes("n");
    visit.set_reason("r");
    v1::RecordVisitResponse visited;
    context = AuthorizedContext(tokens_.officer);
    status = client().RecordVisit(context.get(), visit, &visited);
    EXPECT_EQ(status.error_code(), bad.code) << "\"" << bad.case_id << "\": " << status.error_message();
  }

  v1::ListCasesRequest list;
  list.set_organization_id("no-such-org");
  list.mutable_page()->set_page_size(-1);
  v1::ListCasesResponse listed;
  context = AuthorizedContext(tokens_.officer);
  status = client().ListCases(context.get(), list, &listed);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), (std::vector<std::string>{"organization_id", "page.page_size"}));

  ExpectUnchanged(opened, events_before);
}

TEST_F(AssignmentOperationsTest, CasesAreListedByOrganizationHelperWithoutHelperAndOverdueForAVisit) {
  StartService();
  // HH-000001 opened 100 days ago and was never visited: overdue (90 days).
  PublishStatus(
      {"HH-000001", "TDP-01", v1::POVERTY_CATEGORY_POOR, v1::TRANSITION_NEWLY_POOR, 2025, 1, 100 * kDay});
  WaitForVersion("HH-000001", 2);
  const v1::Case second = OpenCase("HH-000002", "TDP-01");
  OpenCase("HH-000003", "TDP-02");
  v1::Case assigned;
  ASSERT_TRUE(Assign(second.case_id(), "women-02", tokens_.officer, &assigned).ok());

  auto list = [&](const std::function<void(v1::ListCasesRequest&)>& filter) {
    v1::ListCasesRequest request;
    filter(request);
    v1::ListCasesResponse response;
    auto context = AuthorizedContext(tokens_.officer);
    const grpc::Status status = client().ListCases(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> ids;
    for (const v1::Case& found : response.cases()) ids.push_back(found.case_id());
    return ids;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(list([](auto&) {}), (Ids{"CASE-HH-000001-1", "CASE-HH-000002-1", "CASE-HH-000003-1"}));
  EXPECT_EQ(list([](auto& r) { r.set_organization_id("womens-union"); }),
            (Ids{"CASE-HH-000001-1", "CASE-HH-000002-1"}));
  EXPECT_EQ(list([](auto& r) { r.set_helper_id("women-02"); }), (Ids{"CASE-HH-000002-1"}));
  EXPECT_EQ(list([](auto& r) { r.set_without_helper(true); }), (Ids{"CASE-HH-000001-1", "CASE-HH-000003-1"}));
  EXPECT_EQ(list([](auto& r) { r.set_overdue_for_visit(true); }), (Ids{"CASE-HH-000001-1"}));
  EXPECT_EQ(list([](auto& r) { r.set_residential_group("TDP-02"); }), (Ids{"CASE-HH-000003-1"}));
  EXPECT_EQ(list([](auto& r) { r.set_state(v1::CASE_STATE_CLOSED); }), Ids{});

  // Paging: one case per page, the token is the last case id.
  v1::ListCasesRequest paged;
  paged.mutable_page()->set_page_size(2);
  v1::ListCasesResponse page;
  auto context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().ListCases(context.get(), paged, &page).ok());
  EXPECT_EQ(page.cases_size(), 2);
  EXPECT_EQ(page.page().total_size(), 3);
  ASSERT_EQ(page.page().next_page_token(), "CASE-HH-000002-1");
  paged.mutable_page()->set_page_token(page.page().next_page_token());
  context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().ListCases(context.get(), paged, &page).ok());
  ASSERT_EQ(page.cases_size(), 1);
  EXPECT_EQ(page.cases(0).case_id(), "CASE-HH-000003-1");
  EXPECT_TRUE(page.page().next_page_token().empty());

  // Staff see their own organization's cases only.
  v1::ListCasesRequest all;
  v1::ListCasesResponse staff_view;
  context = AuthorizedContext(tokens_.farmers_union_staff);
  ASSERT_TRUE(client().ListCases(context.get(), all, &staff_view).ok());
  ASSERT_EQ(staff_view.cases_size(), 1);
  EXPECT_EQ(staff_view.cases(0).case_id(), "CASE-HH-000003-1");

  v1::GetWorkloadRequest workload_request;
  v1::GetWorkloadResponse workload;
  context = AuthorizedContext(tokens_.auditor);
  ASSERT_TRUE(client().GetWorkload(context.get(), workload_request, &workload).ok());
  ASSERT_EQ(workload.organizations_size(), 3) << "the inactive youth-union is left out";
  EXPECT_EQ(workload.organizations(2).organization_id(), "womens-union") << "ordered by id";
  EXPECT_EQ(workload.organizations(2).open_cases(), 2);
  EXPECT_EQ(workload.organizations(2).capacity(), 10);
  EXPECT_EQ(workload.organizations(2).cases_without_helper(), 1);
  EXPECT_EQ(workload.organizations(2).cases_overdue_for_visit(), 1);
  EXPECT_EQ(workload.organizations(0).organization_id(), "farmers-union");
  EXPECT_EQ(workload.organizations(0).open_cases(), 1);
  EXPECT_EQ(workload.organizations(1).organization_id(), "fatherland-front");
  EXPECT_EQ(workload.organizations(1).open_cases(), 0);
  for (const v1::HelperWorkload& helper : workload.helpers()) {
    EXPECT_EQ(helper.open_cases(), helper.helper_id() == "women-02" ? 1 : 0) << helper.helper_id();
  }
}

TEST_F(AssignmentOperationsTest, TheDirectoryIsSeededOnceThenChangedOnlyThroughUpserts) {
  StartService();
  v1::ListOrganizationsRequest list_request;
  list_request.set_include_inactive(true);
  v1::ListOrganizationsResponse organizations;
  auto context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().ListOrganizations(context.get(), list_request, &organizations).ok());
  ASSERT_EQ(organizations.organizations_size(), 4);
  EXPECT_EQ(organizations.organizations(0).id(), "farmers-union");
  EXPECT_EQ(organizations.organizations(0).version(), 1u);
  const size_t seeded_events = AssignmentEvents().size();
  EXPECT_EQ(seeded_events, 8u) << "one upserted event per organization and helper of the file";

  v1::UpsertHelperRequest helper_request;
  v1::Helper* helper = helper_request.mutable_helper();
  helper->set_id("women-04");
  helper->set_full_name("Võ Thị Sen");
  helper->set_organization_id("womens-union");
  helper->set_phone("+84900000104");
  helper->set_max_caseload(4);
  helper->set_active(true);
  helper_request.set_reason("new member");
  v1::UpsertHelperResponse saved;
  context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().UpsertHelper(context.get(), helper_request, &saved).ok());
  EXPECT_TRUE(saved.created());
  EXPECT_EQ(saved.helper().version(), 1u);
  context = AuthorizedContext(tokens_.womens_union_staff);
  ASSERT_TRUE(client().UpsertHelper(context.get(), helper_request, &saved).ok())
      << "an identical upsert is harmless";
  EXPECT_EQ(AssignmentEvents().size(), seeded_events + 1) << "and publishes nothing";

  helper->set_organization_id("farmers-union");
  context = AuthorizedContext(tokens_.womens_union_staff);
  EXPECT_EQ(client().UpsertHelper(context.get(), helper_request, &saved).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::UpsertOrganizationRequest organization_request;
  *organization_request.mutable_organization() = organizations.organizations(3);
  organization_request.mutable_organization()->set_capacity(60);
  organization_request.set_reason("more members");
  v1::UpsertOrganizationResponse organization_saved;
  context = AuthorizedContext(tokens_.womens_union_staff);
  EXPECT_EQ(
      client().UpsertOrganization(context.get(), organization_request, &organization_saved).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  organization_request.mutable_organization()->set_capacity(0);
  context = AuthorizedContext(tokens_.officer);
  grpc::Status status = client().UpsertOrganization(context.get(), organization_request, &organization_saved);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"organization.capacity"})
      << status.error_message();
  organization_request.mutable_organization()->set_capacity(60);
  context = AuthorizedContext(tokens_.officer);
  ASSERT_TRUE(client().UpsertOrganization(context.get(), organization_request, &organization_saved).ok());
  EXPECT_EQ(organization_saved.organization().version(), 2u);
  EXPECT_FALSE(organization_saved.created());
  const v1::EventEnvelope last = AssignmentEvents().back();
  EXPECT_EQ(last.event_type(), "assignment.organization_upserted.v1");
  EXPECT_EQ(last.aggregate_type(), "organization");
  EXPECT_EQ(last.aggregate_version(), 2u);
  EXPECT_EQ(last.actor().role(), v1::ROLE_WARD_OFFICER);

  // After a restart Redis stays the truth: no second seeding.
  StartService();
  v1::ListHelpersRequest helpers_request;
  helpers_request.set_organization_id("womens-union");
  v1::ListHelpersResponse helpers;
  context = AuthorizedContext(tokens_.auditor);
  ASSERT_TRUE(client().ListHelpers(context.get(), helpers_request, &helpers).ok());
  ASSERT_EQ(helpers.helpers_size(), 3) << "women-01, women-02 and the new women-04; women-03 is inactive";
  EXPECT_EQ(helpers.helpers(2).id(), "women-04");
  EXPECT_EQ(AssignmentEvents().size(), seeded_events + 2);
}

}  // namespace
}  // namespace ansinh::assignment::testkit
