// Malformed requests, every RPC: the RPCs are read from the generated
// descriptors, so a new one without a row here fails the test. Each row is a
// request in text format that a ward officer (allowed everywhere but where
// noted) sends; the answer must be INVALID_ARGUMENT with a google.rpc.BadRequest
// naming the expected fields, and no event stream may have grown.
#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "bad_request.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "rpc_catalog.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AllApiRpcs;
using testkit::CallRpc;
using testkit::ParseRequest;
using testkit::Rpc;
using testkit::ServersOf;
using testkit::ViolatedFields;
using testkit::WardStack;

struct Malformed {
  const char* rpc;
  const char* request;              // text format
  std::vector<std::string> fields;  // each must be named in the BadRequest
};

// One (or more) malformed request per RPC.
const std::vector<Malformed>& MalformedRequests() {
  static const std::vector<Malformed> rows = {
      // Registry.
      {"ansinh.v1.Registry/CreateHousehold",
       "household { residential_group: 'nowhere' }",
       {"household.residential_group"}},
      {"ansinh.v1.Registry/GetHousehold", "code: 'not a code'", {"code"}},
      {"ansinh.v1.Registry/GetHousehold", "", {"household_id"}},
      {"ansinh.v1.Registry/UpdateHousehold", "", {"household_id", "expected_version"}},
      {"ansinh.v1.Registry/AddMember", "", {"household_id", "expected_version"}},
      {"ansinh.v1.Registry/UpdateMember", "", {"household_id", "expected_version", "member.member_id"}},
      {"ansinh.v1.Registry/RemoveMember", "", {"household_id", "expected_version", "member_id", "reason"}},
      {"ansinh.v1.Registry/RecordSurvey", "", {"survey.household_id"}},
      {"ansinh.v1.Registry/ListHouseholds", "page { page_size: 501 }", {"page.page_size"}},
      {"ansinh.v1.Registry/ListHouseholds",
       "page { page_token: 'x' } residential_group: 'none'",
       {"page.page_token", "residential_group"}},
      {"ansinh.v1.Registry/SearchHouseholds", "query: 'huong' page { page_size: 501 }", {"page.page_size"}},
      {"ansinh.v1.Registry/SearchHouseholds", "", {"query"}},
      {"ansinh.v1.Registry/MoveOut", "", {"household_id", "expected_version", "reason"}},
      {"ansinh.v1.Registry/Dissolve", "", {"household_id", "expected_version", "reason"}},
      {"ansinh.v1.Registry/GetHouseholdRecord", "", {"household_id"}},
      {"ansinh.v1.Registry/EraseHousehold", "", {"household_id", "expected_version", "reason", "reference"}},
      // Classification.
      {"ansinh.v1.Classification/OpenRound", "", {"review_year"}},
      {"ansinh.v1.Classification/RecordMeeting", "", {"round_id"}},
      {"ansinh.v1.Classification/RecordGroupMeeting", "", {"round_id", "meeting_date", "decisions"}},
      {"ansinh.v1.Classification/RecordGroupMeeting",
       "round_id: 'R-2025' meeting_date: '2025-11-10' decisions { household_id: 'H1' attendees: 10 agreed: "
       "11 } "
       "decisions { household_id: 'H1' attendees: 0 }",
       {"decisions[0].agreed", "decisions[1].household_id", "decisions[1].attendees"}},
      {"ansinh.v1.Classification/PostResults", "", {"round_id"}},
      {"ansinh.v1.Classification/FileComplaint", "", {"round_id"}},
      {"ansinh.v1.Classification/ApproveRound", "", {"round_id", "decision_number", "decision_date"}},
      {"ansinh.v1.Classification/ApproveRound",
       "round_id: 'R-2025' decision_number: '125/QĐ-UBND' decision_date: '2999-01-01'",
       {"decision_date"}},
      {"ansinh.v1.Classification/AddToRoundList", "", {"round_id", "household_id", "reason", "note"}},
      {"ansinh.v1.Classification/RecordListDecision", "", {"round_id", "household_id"}},
      {"ansinh.v1.Classification/RecordListDecision",
       "round_id: 'R-2025' household_id: 'HH-000001' decided_on: 'soon'",
       {"decided_on"}},
      {"ansinh.v1.Classification/ListRoundHouseholds", "", {"round_id"}},
      {"ansinh.v1.Classification/ListRoundHouseholds",
       "round_id: 'R-2025' page { page_size: 501 }",
       {"page.page_size"}},
      {"ansinh.v1.Classification/GetRoundProgress", "", {"round_id"}},
      {"ansinh.v1.Classification/ListRounds", "page { page_size: 501 }", {"page.page_size"}},
      {"ansinh.v1.Classification/ClassifyHousehold", "", {"household_id"}},
      {"ansinh.v1.Classification/WhatIf", "", {"standard_id"}},
      {"ansinh.v1.Classification/GetOfficialStatus", "", {"household_id"}},
      {"ansinh.v1.Classification/ListHouseholdStatuses", "page { page_size: 501 }", {"page.page_size"}},
      // Assignment.
      {"ansinh.v1.Assignment/ListHelpers", "organization_id: 'no-such-organization'", {"organization_id"}},
      {"ansinh.v1.Assignment/UpsertOrganization", "", {"organization", "reason"}},
      {"ansinh.v1.Assignment/UpsertHelper", "", {"helper", "reason"}},
      {"ansinh.v1.Assignment/GetCase", "case_id: 'not-a-case'", {"case_id"}},
      {"ansinh.v1.Assignment/GetCaseByHousehold", "", {"household_id"}},
      {"ansinh.v1.Assignment/ListCases", "page { page_size: 501 }", {"page.page_size"}},
      {"ansinh.v1.Assignment/ListCases", "organization_id: 'no-such-organization'", {"organization_id"}},
      {"ansinh.v1.Assignment/AssignHelper", "", {"case_id"}},
      {"ansinh.v1.Assignment/RequestTransfer", "case_id: 'not-a-case'", {"case_id"}},
      {"ansinh.v1.Assignment/AcceptTransfer", "", {"case_id"}},
      {"ansinh.v1.Assignment/DeclineTransfer", "", {"case_id"}},
      {"ansinh.v1.Assignment/RecordNeed", "", {"case_id"}},
      {"ansinh.v1.Assignment/UpdateNeedStatus", "", {"case_id"}},
      {"ansinh.v1.Assignment/RecordSupport", "", {"case_id"}},
      {"ansinh.v1.Assignment/RecordVisit", "", {"case_id"}},
      {"ansinh.v1.Assignment/GetWorkload", "organization_id: 'no-such-organization'", {"organization_id"}},
      // Livelihood models and emergencies (assignment).
      {"ansinh.v1.Assignment/UpsertLivelihoodModel", "", {"model", "reason"}},
      {"ansinh.v1.Assignment/UpsertLivelihoodModel",
       "model { model_id: 'Bò' organization_id: 'no-such-organization' started_on: '2999-01-01' "
       "resources_vnd: -1 }",
       {"model.model_id", "model.name", "model.kind", "model.organization_id", "model.started_on",
        "model.resources_vnd", "reason"}},
      {"ansinh.v1.Assignment/ListLivelihoodModels",
       "organization_id: 'no-such-organization'",
       {"organization_id"}},
      {"ansinh.v1.Assignment/JoinLivelihoodModel", "", {"model_id", "household_ids", "joined_on", "reason"}},
      {"ansinh.v1.Assignment/JoinLivelihoodModel",
       "model_id: 'no-such-model' household_ids: 'HH-000001' household_ids: 'HH-000001' joined_on: "
       "'2999-01-01'",
       {"model_id", "household_ids[1]", "joined_on", "reason"}},
      {"ansinh.v1.Assignment/LeaveLivelihoodModel", "", {"model_id", "household_id", "left_on", "reason"}},
      {"ansinh.v1.Assignment/DeclareEmergency", "", {"emergency", "reason"}},
      {"ansinh.v1.Assignment/DeclareEmergency",
       "emergency { kind: EMERGENCY_KIND_OTHER began_on: 'soon' } reason: 'r'",
       {"emergency.name", "emergency.began_on", "emergency.residential_groups", "emergency.description"}},
      {"ansinh.v1.Assignment/EndEmergency", "", {"emergency_id", "ended_on", "reason"}},
      {"ansinh.v1.Assignment/MarkAffected", "", {"emergency_id", "household_ids", "affected_on", "reason"}},
      {"ansinh.v1.Assignment/MarkAffected",
       "emergency_id: 'EMG-2025-1' household_ids: 'HH-000001' all_in_affected_groups: true affected_on: "
       "'2025-13-01'",
       {"emergency_id", "household_ids", "affected_on", "reason"}},
      // Monitoring.
      {"ansinh.v1.Monitoring/GetDashboard", "as_of: 'yesterday'", {"as_of"}},
      {"ansinh.v1.Monitoring/GetScorecard", "review_year: 1800", {"review_year"}},
      {"ansinh.v1.Monitoring/SetExternalFigure", "", {"key"}},
      {"ansinh.v1.Monitoring/GetHouseholdTimeline", "", {"household_id"}},
      {"ansinh.v1.Monitoring/RecordSubjectAccessExport", "member_id: 'M1'", {"household_id"}},
      {"ansinh.v1.Monitoring/GetHouseholdTimeline",
       "household_id: 'HH-000001' page { page_size: 501 }",
       {"page.page_size"}},
      {"ansinh.v1.Monitoring/VerifyAudit", "checkpoint { }", {"checkpoint.head_hash"}},
      {"ansinh.v1.Monitoring/ListCheckpoints", "page { page_size: 501 }", {"page.page_size"}},
      {"ansinh.v1.Monitoring/ExportAudit", "", {"format"}},
      {"ansinh.v1.Monitoring/ExportScorecard", "", {"format"}},
      {"ansinh.v1.Monitoring/ExportHouseholdHistory", "", {"household_id", "format"}},
      {"ansinh.v1.Monitoring/ListAlerts", "as_of: 'soon'", {"as_of"}},
      {"ansinh.v1.Monitoring/GetOutcomes", "from: '2025-02-30'", {"dimension", "from"}},
      {"ansinh.v1.Monitoring/GetResolutionReport", "first_year: 2025 last_year: 2021", {"last_year"}},
      {"ansinh.v1.Monitoring/GetSeen", "last_events: 101", {"last_events"}},
      {"ansinh.v1.Monitoring/GetConsistencyProof", "second_size: 999999999", {"first_size", "second_size"}},
      {"ansinh.v1.Monitoring/GetInclusionProof", "tree_size: 999999999", {"sequence", "tree_size"}},
      {"ansinh.v1.Monitoring/ListAuditLeaves", "count: 10001", {"count"}},
      {"ansinh.v1.Monitoring/StreamAuditExport", "", {"format"}},
      // Operations, on every service.
      {"ansinh.v1.Operations/ListDeadLetters", "page { page_size: 501 }", {"page.page_size"}},
      {"ansinh.v1.Operations/ReplayDeadLetters", "", {"group"}},
      // Token administration, on the registry.
      {"ansinh.v1.TokenAdmin/IssueToken", "", {"role"}},
      {"ansinh.v1.TokenAdmin/RevokeToken", "", {"token_id"}},
      // Correction requests, on the registry.
      {"ansinh.v1.Corrections/RecordCorrectionRequest",
       "field: 'code'",
       {"household_id", "field", "reason", "requested_by", "received_date"}},
      {"ansinh.v1.Corrections/RecordCorrectionRequest",
       "household_id: 'HH-000001' member_id: 'M1' field: 'has_disability' requested_value: 'maybe' "
       "reason: 'x' requested_by: 'x' received_date: '2025-13-01'",
       {"requested_value", "received_date"}},
      {"ansinh.v1.Corrections/AcceptCorrectionRequest",
       "request_id: 'HH-000001'",
       {"request_id", "expected_version"}},
      {"ansinh.v1.Corrections/RejectCorrectionRequest", "", {"request_id", "reason"}},
      {"ansinh.v1.Corrections/ListCorrectionRequests",
       "page { page_size: 501 page_token: 'x' }",
       {"page.page_size", "page.page_token"}},
      // Staff accounts, on the registry.
      {"ansinh.v1.Accounts/CreateAccount",
       "",
       {"account.username", "account.display_name", "account.role", "password"}},
      {"ansinh.v1.Accounts/UpdateAccount", "username: 'Not Valid'", {"username", "display_name", "role"}},
      {"ansinh.v1.Accounts/SetPassword", "password: 'short'", {"username", "password"}},
      // Outside consumers' grants, on the registry.
      {"ansinh.v1.ConsumerGrants/SetGrant",
       "grant { event_types: 'no.such_type.v1' fields: 'Member.sex' }",
       {"grant.consumer_id", "grant.display_name", "grant.purpose", "grant.event_types[0]",
        "grant.fields[0]"}},
      {"ansinh.v1.ConsumerGrants/RevokeGrant", "consumer_id: 'Not An Id'", {"consumer_id"}},
  };
  return rows;
}

// RPCs whose request cannot be malformed, with the reason.
const std::map<std::string, std::string>& Exempt() {
  static const std::map<std::string, std::string> rpcs = {
      {"ansinh.v1.Classification/ListStandards", "the request has no fields"},
      {"ansinh.v1.Registry/RunRetention", "the request is one bool; every value is valid"},
      {"ansinh.v1.Assignment/ListOrganizations", "the request is one bool; every value is valid"},
      {"ansinh.v1.Assignment/ListEmergencies", "the request is one bool; every value is valid"},
      {"ansinh.v1.Monitoring/IssueCheckpoint", "the request has no fields"},
      {"ansinh.v1.Monitoring/GetTreeHead", "the request is one bool; every value is valid"},
      {"ansinh.v1.Operations/GetServiceInfo", "the request has no fields"},
      {"ansinh.v1.Operations/Ping", "the request has no fields"},
      {"ansinh.v1.TokenAdmin/ListTokens", "the request has no fields"},
      {"ansinh.v1.Accounts/SignIn",
       "only the service role may call it, so a ward officer is refused before the request is read; "
       "registry_accounts_test sends it malformed"},
      {"ansinh.v1.Accounts/SignOut", "the request has no fields"},
      {"ansinh.v1.Accounts/ListAccounts", "the request has no fields"},
      {"ansinh.v1.ConsumerGrants/ListGrants", "the request has no fields"},
      {"ansinh.v1.Events/Subscribe", "the request is one bool; every value is valid"},
      {"ansinh.v1.Events/Acknowledge",
       "only an outside consumer may call it, so a ward officer is refused before the request is read; "
       "registry_event_subscription_test sends it malformed"},
  };
  return rpcs;
}

TEST(MalformedRequestsTest, EveryRpcHasAMalformedRequestOrAReasonWhyNot) {
  std::set<std::string> covered;
  for (const Malformed& row : MalformedRequests()) covered.insert(row.rpc);
  covered.insert("ansinh.v1.Registry/ImportHouseholds");  // MalformedImportRowIsRejected...
  std::set<std::string> served;
  for (const Rpc& rpc : AllApiRpcs()) {
    served.insert(rpc.name);
    EXPECT_TRUE(covered.count(rpc.name) + Exempt().count(rpc.name) == 1)
        << rpc.name << ": give it a malformed request or an exemption with a reason (and not both)";
  }
  for (const std::string& name : covered) EXPECT_EQ(served.count(name), 1u) << name << " is no RPC";
  for (const auto& [name, reason] : Exempt()) EXPECT_EQ(served.count(name), 1u) << name << " is no RPC";
}

class MalformedRequestsCallTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new WardStack();
    stack_->Start();
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  static std::map<std::string, long long> StreamLengths() { return stack_->StreamLengths(); }

  static const Rpc& Find(const std::string& name) {
    static const std::vector<Rpc> rpcs = AllApiRpcs();
    for (const Rpc& rpc : rpcs) {
      if (rpc.name == name) return rpc;
    }
    throw std::runtime_error("no RPC " + name);
  }

  static WardStack* stack_;
};

WardStack* MalformedRequestsCallTest::stack_ = nullptr;

std::string Joined(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& field : fields) out += (out.empty() ? "" : ", ") + field;
  return "[" + out + "]";
}

TEST_F(MalformedRequestsCallTest, EachIsRefusedNamingItsFieldsAndChangesNothing) {
  // The directory seeds itself on first use; do that before counting.
  v1::ListOrganizationsRequest warm_up;
  ASSERT_TRUE(CallRpc(stack_->service("assignment").channel(),
                      *Find("ansinh.v1.Assignment/ListOrganizations").method, warm_up.SerializeAsString(),
                      stack_->tokens().officer)
                  .ok());
  const std::map<std::string, long long> before = StreamLengths();
  int calls = 0;
  for (const Malformed& row : MalformedRequests()) {
    const Rpc& rpc = Find(row.rpc);
    std::string error;
    std::unique_ptr<google::protobuf::Message> request = ParseRequest(*rpc.method, row.request, &error);
    ASSERT_NE(request, nullptr) << error;
    for (const std::string& server : ServersOf(rpc.method->service()->full_name())) {
      const grpc::Status status = CallRpc(stack_->service(server).channel(), *rpc.method,
                                          request->SerializeAsString(), stack_->tokens().officer);
      ++calls;
      const std::string where = row.rpc + std::string(" on ") + server + " with {" + row.request + "}";
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << where << ": " << status.error_code() << " " << status.error_message();
      const std::vector<std::string> named = ViolatedFields(status);
      for (const std::string& field : row.fields) {
        EXPECT_NE(std::find(named.begin(), named.end(), field), named.end())
            << where << ": BadRequest names " << Joined(named) << ", not " << field;
      }
    }
  }
  EXPECT_GT(calls, 50);
  EXPECT_EQ(StreamLengths(), before) << "a refused request published or dead-lettered an event";
}

// ImportHouseholds reports bad rows in its response (each with a
// google.rpc.BadRequest) and lands the good ones: a malformed row is
// rejected naming its fields, and nothing is registered.
TEST_F(MalformedRequestsCallTest, MalformedImportRowIsRejectedNamingItsFieldsAndChangesNothing) {
  const std::map<std::string, long long> before = StreamLengths();
  const Rpc& rpc = Find("ansinh.v1.Registry/ImportHouseholds");
  std::string error;
  std::unique_ptr<google::protobuf::Message> row =
      ParseRequest(*rpc.method, "row_number: 7 household { residential_group: 'nowhere' }", &error);
  ASSERT_NE(row, nullptr) << error;
  std::string response_bytes;
  const grpc::Status status = CallRpc(stack_->service("registry").channel(), *rpc.method,
                                      row->SerializeAsString(), stack_->tokens().officer, &response_bytes);
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  v1::ImportHouseholdsResponse response;
  ASSERT_TRUE(response.ParseFromString(response_bytes));
  EXPECT_EQ(response.imported_count(), 0);
  EXPECT_EQ(response.rejected_count(), 1);
  ASSERT_EQ(response.results_size(), 1);
  EXPECT_EQ(response.results(0).row_number(), 7);
  std::vector<std::string> named;
  for (const auto& violation : response.results(0).rejected().field_violations())
    named.push_back(violation.field());
  EXPECT_NE(std::find(named.begin(), named.end(), "household.residential_group"), named.end())
      << Joined(named);
  EXPECT_EQ(StreamLengths(), before);
}

}  // namespace
}  // namespace ansinh
