// The authorization matrix: every RPC of every ansinh.v1 service (read from
// the generated descriptors) called by every kind of principal against the
// four real binaries. A caller without a valid token (none, unknown, expired,
// revoked) gets UNAUTHENTICATED; an authenticated role the RPC does not allow
// gets PERMISSION_DENIED; an allowed role gets anything else. The requests
// are empty (or minimal), so a service that validated before authorizing
// would answer a refused role with INVALID_ARGUMENT and fail here.
#include <gtest/gtest.h>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "ansinh/v1/field_options.pb.h"
#include "eventually.h"
#include "household_builders.h"
#include "rpc_catalog.h"
#include "ward_stack.h"

namespace ansinh {
namespace {

using testkit::AllApiRpcs;
using testkit::CallRpc;
using testkit::ParseRequest;
using testkit::Rpc;
using testkit::ServersOf;
using testkit::WardStack;

enum class Principal {
  kWardOfficer,
  kOrganizationStaff,  // of the Women's Union
  kAuditor,
  kService,
  kOutsideConsumer,  // with a grant
  kNoToken,
  kUnknownToken,
  kExpiredToken,
  kRevokedToken,
};

constexpr Principal kAllPrincipals[] = {
    Principal::kWardOfficer,  Principal::kOrganizationStaff, Principal::kAuditor,
    Principal::kService,      Principal::kOutsideConsumer,   Principal::kNoToken,
    Principal::kUnknownToken, Principal::kExpiredToken,      Principal::kRevokedToken,
};

constexpr Principal kOfficer = Principal::kWardOfficer;
constexpr Principal kStaff = Principal::kOrganizationStaff;
constexpr Principal kAuditor = Principal::kAuditor;
constexpr Principal kService = Principal::kService;
constexpr Principal kOutsideConsumer = Principal::kOutsideConsumer;

const char* NameOf(Principal principal) {
  switch (principal) {
    case Principal::kWardOfficer:
      return "officer";
    case Principal::kOrganizationStaff:
      return "staff";
    case Principal::kAuditor:
      return "auditor";
    case Principal::kService:
      return "service";
    case Principal::kOutsideConsumer:
      return "consumer";
    case Principal::kNoToken:
      return "no-token";
    case Principal::kUnknownToken:
      return "unknown";
    case Principal::kExpiredToken:
      return "expired";
    case Principal::kRevokedToken:
      return "revoked";
  }
  return "?";
}

bool Authenticated(Principal principal) {
  return principal == kOfficer || principal == kStaff || principal == kAuditor || principal == kService ||
         principal == kOutsideConsumer;
}

// Who may call each RPC. The request is empty unless `request` says
// otherwise: an organization-scoped RPC gets a request about the staff
// member's own organization, so that the role alone decides.
struct Row {
  const char* rpc;
  std::set<Principal> allowed;
  const char* request = "";
};

const std::set<Principal> kEveryRole = {kOfficer, kStaff, kAuditor, kService};
const std::set<Principal> kOfficers = {kOfficer};
const std::set<Principal> kCaseWorkers = {kOfficer, kStaff};
// Ward figures, alerts and household histories: the people who work with
// households and those who supervise them; services consume events instead.
const std::set<Principal> kPeople = {kOfficer, kStaff, kAuditor};
const std::set<Principal> kAuditReaders = {kOfficer, kAuditor};

const std::vector<Row>& ExpectedMatrix() {
  static const std::vector<Row> rows = {
      // Registry: ward officers change the registry; every role reads
      // (organization staff get redacted records, registry_redaction_test).
      {"ansinh.v1.Registry/CreateHousehold", kOfficers},
      {"ansinh.v1.Registry/GetHousehold", kEveryRole},
      {"ansinh.v1.Registry/UpdateHousehold", kOfficers},
      {"ansinh.v1.Registry/AddMember", kOfficers},
      {"ansinh.v1.Registry/UpdateMember", kOfficers},
      {"ansinh.v1.Registry/RemoveMember", kOfficers},
      {"ansinh.v1.Registry/RecordSurvey", kOfficers},
      {"ansinh.v1.Registry/ListHouseholds", kEveryRole},
      {"ansinh.v1.Registry/SearchHouseholds", kEveryRole},
      {"ansinh.v1.Registry/MoveOut", kOfficers},
      {"ansinh.v1.Registry/Dissolve", kOfficers},
      {"ansinh.v1.Registry/EraseHousehold", kOfficers},
      {"ansinh.v1.Registry/RunRetention", kOfficers},
      {"ansinh.v1.Registry/ImportHouseholds", kOfficers},
      {"ansinh.v1.Registry/GetHouseholdRecord", kEveryRole},
      // Correction requests (on the registry): ward officers record and
      // handle a data subject's requests; auditors read them too.
      {"ansinh.v1.Corrections/RecordCorrectionRequest", kOfficers},
      {"ansinh.v1.Corrections/AcceptCorrectionRequest", kOfficers},
      {"ansinh.v1.Corrections/RejectCorrectionRequest", kOfficers},
      {"ansinh.v1.Corrections/ListCorrectionRequests", kAuditReaders},
      // Classification: only ward officers run the review procedure.
      {"ansinh.v1.Classification/OpenRound", kOfficers},
      {"ansinh.v1.Classification/RecordMeeting", kOfficers},
      {"ansinh.v1.Classification/RecordGroupMeeting", kOfficers},
      {"ansinh.v1.Classification/PostResults", kOfficers},
      {"ansinh.v1.Classification/FileComplaint", kOfficers},
      {"ansinh.v1.Classification/ApproveRound", kOfficers},
      {"ansinh.v1.Classification/AddToRoundList", kOfficers},
      {"ansinh.v1.Classification/RecordListDecision", kOfficers},
      {"ansinh.v1.Classification/ListRoundHouseholds", kEveryRole},
      {"ansinh.v1.Classification/GetRoundProgress", kEveryRole},
      {"ansinh.v1.Classification/ListRounds", kEveryRole},
      {"ansinh.v1.Classification/ClassifyHousehold", kEveryRole},
      {"ansinh.v1.Classification/WhatIf", kEveryRole},
      {"ansinh.v1.Classification/GetOfficialStatus", kEveryRole},
      {"ansinh.v1.Classification/ListHouseholdStatuses", kEveryRole},
      {"ansinh.v1.Classification/ListStandards", kEveryRole},
      // Assignment: officers and staff act on cases (staff only on their
      // organization's: assignment_authorization_test); every role reads.
      {"ansinh.v1.Assignment/ListOrganizations", kEveryRole},
      {"ansinh.v1.Assignment/ListHelpers", kEveryRole},
      {"ansinh.v1.Assignment/UpsertOrganization", kOfficers},
      {"ansinh.v1.Assignment/UpsertHelper", kCaseWorkers, "helper { organization_id: 'womens-union' }"},
      {"ansinh.v1.Assignment/GetCase", kEveryRole},
      {"ansinh.v1.Assignment/GetCaseByHousehold", kEveryRole},
      {"ansinh.v1.Assignment/ListCases", kEveryRole},
      {"ansinh.v1.Assignment/AssignHelper", kCaseWorkers},
      {"ansinh.v1.Assignment/RequestTransfer", kCaseWorkers},
      {"ansinh.v1.Assignment/AcceptTransfer", kCaseWorkers},
      {"ansinh.v1.Assignment/DeclineTransfer", kCaseWorkers},
      {"ansinh.v1.Assignment/RecordNeed", kCaseWorkers},
      {"ansinh.v1.Assignment/UpdateNeedStatus", kCaseWorkers},
      {"ansinh.v1.Assignment/RecordSupport", kCaseWorkers},
      {"ansinh.v1.Assignment/RecordVisit", kCaseWorkers},
      {"ansinh.v1.Assignment/GetWorkload", kEveryRole},
      // Livelihood models and emergencies (assignment): ward officers and the
      // staff of the organization that runs a model change it; households
      // join, leave and are marked affected by officers and staff (their
      // organization's cases); only ward officers declare and end an
      // emergency.
      {"ansinh.v1.Assignment/UpsertLivelihoodModel", kCaseWorkers,
       "model { organization_id: 'womens-union' }"},
      {"ansinh.v1.Assignment/ListLivelihoodModels", kEveryRole},
      {"ansinh.v1.Assignment/JoinLivelihoodModel", kCaseWorkers},
      {"ansinh.v1.Assignment/LeaveLivelihoodModel", kCaseWorkers},
      {"ansinh.v1.Assignment/DeclareEmergency", kOfficers},
      {"ansinh.v1.Assignment/EndEmergency", kOfficers},
      {"ansinh.v1.Assignment/ListEmergencies", kEveryRole},
      {"ansinh.v1.Assignment/MarkAffected", kCaseWorkers},
      // Monitoring.
      {"ansinh.v1.Monitoring/GetDashboard", kPeople},
      {"ansinh.v1.Monitoring/GetScorecard", kPeople},
      {"ansinh.v1.Monitoring/SetExternalFigure", kOfficers},
      {"ansinh.v1.Monitoring/GetHouseholdTimeline", kPeople},
      {"ansinh.v1.Monitoring/VerifyAudit", kAuditReaders},
      // The one write an auditor makes: a checkpoint seals the audit chain's
      // head so a later edit is detectable. It changes no household or case,
      // and leaving it to ward officers alone would let the audited party
      // decide when the log is sealed.
      {"ansinh.v1.Monitoring/IssueCheckpoint", kAuditReaders},
      {"ansinh.v1.Monitoring/ListCheckpoints", kAuditReaders},
      {"ansinh.v1.Monitoring/ExportAudit", kAuditReaders},
      {"ansinh.v1.Monitoring/ExportScorecard", kPeople},
      {"ansinh.v1.Monitoring/ExportHouseholdHistory", kPeople},
      // A subject access export: the officers who answer the subject, and
      // auditors, who may read everything (each export is itself recorded).
      {"ansinh.v1.Monitoring/RecordSubjectAccessExport", kAuditReaders},
      {"ansinh.v1.Monitoring/ListAlerts", kPeople},
      {"ansinh.v1.Monitoring/GetOutcomes", kPeople},
      {"ansinh.v1.Monitoring/GetResolutionReport", kPeople},
      {"ansinh.v1.Monitoring/GetSeen", kEveryRole},
      // Signing a tree head is, like a checkpoint, a write auditors make:
      // it seals the log so that a later rewrite is detectable.
      {"ansinh.v1.Monitoring/GetTreeHead", kAuditReaders},
      {"ansinh.v1.Monitoring/GetConsistencyProof", kAuditReaders},
      {"ansinh.v1.Monitoring/GetInclusionProof", kAuditReaders},
      {"ansinh.v1.Monitoring/ListAuditLeaves", kAuditReaders},
      {"ansinh.v1.Monitoring/StreamAuditExport", kAuditReaders},
      // Operations, on every service.
      {"ansinh.v1.Operations/GetServiceInfo", kEveryRole},
      {"ansinh.v1.Operations/ListDeadLetters", kAuditReaders},
      {"ansinh.v1.Operations/ReplayDeadLetters", kOfficers},
      // Accounts: only the console (a service) trades a password for a
      // session token; anyone may end their own session (a token that is no
      // session is refused as FAILED_PRECONDITION); the rest is the
      // ward officers' (ServiceWideRules).
      {"ansinh.v1.Accounts/SignIn", {kService}},
      {"ansinh.v1.Accounts/SignOut", kEveryRole},
      // Outside consumers (docs/events.md): ward officers grant, auditors may
      // see what was granted; the events reach only a consumer with a grant,
      // which may call nothing else (every other row leaves it out).
      {"ansinh.v1.ConsumerGrants/SetGrant", kOfficers},
      {"ansinh.v1.ConsumerGrants/RevokeGrant", kOfficers},
      {"ansinh.v1.ConsumerGrants/ListGrants", kAuditReaders},
      {"ansinh.v1.Events/Subscribe", {kOutsideConsumer}},
      {"ansinh.v1.Events/Acknowledge", {kOutsideConsumer}},
  };
  return rows;
}

// Services whose every RPC has one rule (unless a row above says
// otherwise): issuing and revoking the bearer tokens themselves, and
// administering staff accounts, is for ward officers only.
const std::map<std::string, std::set<Principal>>& ServiceWideRules() {
  static const std::map<std::string, std::set<Principal>> rules = {
      {"ansinh.v1.TokenAdmin", kOfficers},
      {"ansinh.v1.Accounts", kOfficers},
  };
  return rules;
}

// RPCs answered without authentication, each with the reason.
const std::map<std::string, std::string>& Unauthenticated() {
  static const std::map<std::string, std::string> rpcs = {
      {"ansinh.v1.Operations/Ping",
       "liveness and benchmark baseline: empty request and response, reveals nothing, like gRPC health"},
  };
  return rpcs;
}

// The rule for `rpc`, or nullopt when the matrix has none.
struct Rule {
  std::set<Principal> allowed;
  std::string request;
  bool unauthenticated = false;
};

std::optional<Rule> RuleFor(const std::string& rpc) {
  if (Unauthenticated().count(rpc) != 0) return Rule{{}, "", true};
  for (const Row& row : ExpectedMatrix()) {
    if (rpc == row.rpc) return Rule{row.allowed, row.request, false};
  }
  const std::string service = rpc.substr(0, rpc.find('/'));
  if (auto found = ServiceWideRules().find(service); found != ServiceWideRules().end()) {
    return Rule{found->second, "", false};
  }
  return std::nullopt;
}

TEST(AuthorizationMatrixTest, EveryRpcHasExactlyOneRuleAndEveryRuleNamesAnRpc) {
  const std::vector<Rpc> rpcs = AllApiRpcs();
  ASSERT_GT(rpcs.size(), 50u);
  std::set<std::string> served;
  for (const Rpc& rpc : rpcs) {
    served.insert(rpc.name);
    EXPECT_TRUE(RuleFor(rpc.name).has_value()) << rpc.name << " has no row in the authorization matrix";
    EXPECT_FALSE(ServersOf(rpc.method->service()->full_name()).empty())
        << rpc.name << ": no service binary is known to serve " << rpc.method->service()->full_name();
  }
  std::set<std::string> listed;
  for (const Row& row : ExpectedMatrix()) {
    EXPECT_TRUE(served.count(row.rpc) == 1) << row.rpc << " is in the matrix but is no RPC";
    EXPECT_TRUE(listed.insert(row.rpc).second) << row.rpc << " has two rows";
    EXPECT_EQ(Unauthenticated().count(row.rpc), 0u) << row.rpc << " is both authorized and unauthenticated";
  }
}

class AuthorizationMatrixCallTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new WardStack();
    stack_->Start();
    // The outside consumer's grant: without one it is refused everywhere.
    auto grants = v1::ConsumerGrants::NewStub(stack_->service("registry").channel());
    v1::SetGrantRequest request;
    v1::ConsumerGrant& grant = *request.mutable_grant();
    grant.set_consumer_id(testkit::TestTokens::kOutsideConsumerId);
    grant.set_display_name("the authorization matrix's consumer");
    grant.set_purpose("to be refused everything but its events");
    grant.add_event_types("classification.household_status_changed.v1");
    v1::SetGrantResponse response;
    const grpc::Status status =
        grants->SetGrant(testkit::AuthorizedContext(stack_->tokens().officer).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  static std::optional<std::string> TokenOf(Principal principal) {
    const testkit::TestTokens& tokens = stack_->tokens();
    switch (principal) {
      case Principal::kWardOfficer:
        return tokens.officer;
      case Principal::kOrganizationStaff:
        return tokens.womens_union_staff;
      case Principal::kAuditor:
        return tokens.auditor;
      case Principal::kService:
        return tokens.service;
      case Principal::kOutsideConsumer:
        return tokens.outside_consumer;
      case Principal::kNoToken:
        return std::nullopt;
      case Principal::kUnknownToken:
        return "no-such-token-9f2c";
      case Principal::kExpiredToken:
        return tokens.expired_officer;
      case Principal::kRevokedToken:
        return tokens.revoked_officer;
    }
    return std::nullopt;
  }

  static WardStack* stack_;
};

WardStack* AuthorizationMatrixCallTest::stack_ = nullptr;

// "ok", "unauthenticated", ... for the printed matrix.
std::string Short(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTH";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "DENIED";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "PRECOND";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPL";
    default:
      return "code" + std::to_string(static_cast<int>(code));
  }
}

TEST_F(AuthorizationMatrixCallTest, EveryPrincipalGetsWhatTheMatrixSaysOnEveryServer) {
  std::ostringstream printed;
  printed << "rpc@server";
  for (Principal principal : kAllPrincipals) printed << " | " << NameOf(principal);
  printed << "\n";
  int calls = 0;
  for (const Rpc& rpc : AllApiRpcs()) {
    const std::optional<Rule> rule = RuleFor(rpc.name);
    ASSERT_TRUE(rule.has_value()) << rpc.name << " has no row in the authorization matrix";
    std::string error;
    std::unique_ptr<google::protobuf::Message> request = ParseRequest(*rpc.method, rule->request, &error);
    ASSERT_NE(request, nullptr) << error;
    // A streaming call sends no message at all: authorization must not wait
    // for the first one.
    const std::optional<std::string> bytes =
        rpc.method->client_streaming() ? std::nullopt : std::optional(request->SerializeAsString());
    for (const std::string& server : ServersOf(rpc.method->service()->full_name())) {
      printed << rpc.name << "@" << server;
      for (Principal principal : kAllPrincipals) {
        const grpc::Status status =
            CallRpc(stack_->service(server).channel(), *rpc.method, bytes, TokenOf(principal));
        ++calls;
        printed << " | " << Short(status.error_code());
        const std::string where = rpc.name + " on " + server + " as " + NameOf(principal) + ": got " +
                                  Short(status.error_code()) + " (" + status.error_message() + ")";
        if (rule->unauthenticated) {
          EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << where;
          EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
          EXPECT_NE(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << where;
        } else if (!Authenticated(principal)) {
          EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << where;
        } else if (rule->allowed.count(principal) == 0) {
          EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
        } else {
          EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << where;
          EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
          // Allowed and still unanswered would mean a server that does not
          // serve the RPC the descriptors promise.
          EXPECT_NE(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << where;
        }
      }
      printed << "\n";
    }
  }
  EXPECT_GT(calls, 400);
  std::cout << printed.str();
}

// ---------------------------------------------------------------------------
// The field-policy column: every RPC called by every role with real data (a
// registered, surveyed and classified household of a residential group the
// Women's Union does not cover), and the actual response walked by
// reflection: no field marked personal or sensitive in the .proto files
// (proto/ansinh/v1/field_options.proto) carries a value for a role that may
// not receive it (docs/security.md, "Field policy").
// ---------------------------------------------------------------------------

// Who receives a marked field, as docs/security.md states it; written here
// on its own rather than taken from the service code it checks.
bool PolicyAllowsRoleToReceive(Principal principal, const v1::FieldPolicy& policy) {
  if (!policy.personal() && !policy.sensitive()) return true;
  if (principal == kStaff) return policy.staff_visible();
  return principal == kOfficer || principal == kAuditor || principal == kService;
}

// Every marked field that carries a value in `message`, as "path (personal,
// sensitive, staff_visible)" strings, split by whether `principal` may
// receive it.
struct MarkedFieldsSeen {
  std::vector<std::string> allowed;
  std::vector<std::string> forbidden;
};

void CollectMarkedFieldsSeen(const google::protobuf::Message& message, const std::string& prefix,
                             Principal principal, MarkedFieldsSeen& seen) {
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> present;
  reflection->ListFields(message, &present);
  for (const google::protobuf::FieldDescriptor* field : present) {
    const std::string path = prefix.empty() ? field->name() : prefix + "." + field->name();
    const v1::FieldPolicy& policy = field->options().GetExtension(v1::field);
    if (policy.personal() || policy.sensitive()) {
      (PolicyAllowsRoleToReceive(principal, policy) ? seen.allowed : seen.forbidden).push_back(path);
    }
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        CollectMarkedFieldsSeen(reflection->GetRepeatedMessage(message, field, i), path, principal, seen);
      }
    } else {
      CollectMarkedFieldsSeen(reflection->GetMessage(message, field), path, principal, seen);
    }
  }
}

// A household of a residential group the Women's Union does not cover
// (TDP-15: the Farmers' Union and the Front), with a measured income.
v1::Survey FieldPolicySurvey(const std::string& household_id) {
  return testkit::PeriodicSurvey(household_id, {.income_per_capita_vnd = 1'234'567});
}

constexpr const char* kFieldPolicyHeadName = "Hoàng Thị Xuân";
constexpr const char* kFieldPolicyHeadId = "046178009876";

class FieldPolicyMatrixTest : public ::testing::Test {
 protected:
  // A ward as far as every read RPC has something to say about the
  // household: a periodic round of 2025 in which it was surveyed, classified,
  // agreed, posted and approved, which opened its case, with a visit; and a
  // second household of the round whose result drew a complaint and was
  // excluded from the approval.
  static void SetUpTestSuite() {
    stack_ = new WardStack({{"classification", {"--today-override", "2025-11-03"}}});
    stack_->Start();
    const std::string officer = stack_->tokens().officer;
    auto classification = v1::Classification::NewStub(stack_->service("classification").channel());
    v1::OpenRoundRequest open;
    open.set_review_year(2025);
    open.set_kind(v1::REVIEW_KIND_PERIODIC);
    v1::OpenRoundResponse opened;
    grpc::Status status = classification->OpenRound(testkit::AuthorizedContext(officer).get(), open, &opened);
    ASSERT_TRUE(status.ok()) << status.error_message();
    round_id_ = opened.round().round_id();

    household_id_ = RegisterClassifiedHousehold(kFieldPolicyHeadName, kFieldPolicyHeadId);
    const std::string complained_id = RegisterClassifiedHousehold("Lý Văn Khiêm", "046176005555");
    ASSERT_FALSE(household_id_.empty());
    ASSERT_FALSE(complained_id.empty());
    for (const std::string& id : {household_id_, complained_id}) {
      v1::RecordMeetingRequest meeting;
      meeting.set_round_id(round_id_);
      meeting.set_household_id(id);
      meeting.set_meeting_date("2025-11-03");
      meeting.set_attendees(24);
      meeting.set_agreed(20);
      meeting.set_minutes_reference("BB-TDP15-2025-11");
      v1::RecordMeetingResponse met;
      ASSERT_TRUE(testkit::Eventually(
          [&] {
            return classification->RecordMeeting(testkit::AuthorizedContext(officer).get(), meeting, &met)
                .ok();
          },
          std::chrono::seconds(30)))
          << id << " never joined the round";
    }
    v1::PostResultsRequest post;
    post.set_round_id(round_id_);
    v1::PostResultsResponse posted;
    status = classification->PostResults(testkit::AuthorizedContext(officer).get(), post, &posted);
    ASSERT_TRUE(status.ok()) << status.error_message();
    v1::FileComplaintRequest complaint;
    complaint.set_round_id(round_id_);
    complaint.set_household_id(complained_id);
    complaint.set_complainant("Lý Thị Ngọc");
    complaint.set_content("my brother's income was counted with his son's wages");
    complaint.set_received_date("2025-11-03");
    v1::FileComplaintResponse filed;
    status = classification->FileComplaint(testkit::AuthorizedContext(officer).get(), complaint, &filed);
    ASSERT_TRUE(status.ok()) << status.error_message();

    // Decision 125/QĐ-UBND of 2025-11-07, after the complaint window,
    // entered on 2025-11-12.
    stack_->Restart("classification", {"--today-override", "2025-11-12"});
    classification = v1::Classification::NewStub(stack_->service("classification").channel());
    v1::ApproveRoundRequest approve;
    approve.set_round_id(round_id_);
    approve.set_decision_number("125/QĐ-UBND");
    approve.set_decision_date("2025-11-07");
    v1::Exclusion* excluded = approve.add_exclusions();
    excluded->set_household_id(complained_id);
    excluded->set_reason("the complaint is being verified");
    v1::ApproveRoundResponse approved;
    status = classification->ApproveRound(testkit::AuthorizedContext(officer).get(), approve, &approved);
    ASSERT_TRUE(status.ok()) << status.error_message();

    auto assignment = v1::Assignment::NewStub(stack_->service("assignment").channel());
    v1::Case opened_case;
    ASSERT_TRUE(testkit::Eventually(
        [&] {
          v1::GetCaseByHouseholdRequest request;
          request.set_household_id(household_id_);
          return assignment
              ->GetCaseByHousehold(testkit::AuthorizedContext(officer).get(), request, &opened_case)
              .ok();
        },
        std::chrono::seconds(30)))
        << "assignment opened no case";
    case_id_ = opened_case.case_id();
    v1::RecordVisitRequest visit;
    visit.set_case_id(case_id_);
    visit.set_visited_on("2025-11-10");
    visit.set_notes("the mother is bedridden since August; the family asked about a loan");
    visit.set_observed_change(v1::OBSERVED_CHANGE_NO_CHANGE);
    visit.set_reason("first visit");
    v1::RecordVisitResponse visited;
    status = assignment->RecordVisit(testkit::AuthorizedContext(officer).get(), visit, &visited);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // Registers a household of one member in TDP-15, records its survey and
  // waits until classification (and so monitoring) consumed it; the officer's
  // reads here are not logged. Returns its id, empty on failure.
  static std::string RegisterClassifiedHousehold(const std::string& head_name,
                                                 const std::string& national_id) {
    testkit::SampleHead head;
    head.full_name = head_name;
    head.national_id = national_id;
    testkit::SampleAddress where;
    where.residential_group = "TDP-15";
    auto registry = v1::Registry::NewStub(stack_->service("registry").channel());
    v1::CreateHouseholdRequest create;
    *create.mutable_household() = testkit::OneMemberHousehold(head, where);
    v1::CreateHouseholdResponse created;
    grpc::Status status = registry->CreateHousehold(
        testkit::AuthorizedContext(stack_->tokens().officer).get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    const std::string household_id = created.household().household_id();
    v1::RecordSurveyRequest record;
    *record.mutable_survey() = FieldPolicySurvey(household_id);
    v1::RecordSurveyResponse recorded;
    status =
        registry->RecordSurvey(testkit::AuthorizedContext(stack_->tokens().officer).get(), record, &recorded);
    EXPECT_TRUE(status.ok()) << status.error_message();
    auto classification = v1::Classification::NewStub(stack_->service("classification").channel());
    const bool classified = testkit::Eventually(
        [&] {
          v1::ClassifyHouseholdRequest request;
          request.set_household_id(household_id);
          v1::ClassifyHouseholdResponse response;
          return classification
              ->ClassifyHousehold(testkit::AuthorizedContext(stack_->tokens().officer).get(), request,
                                  &response)
              .ok();
        },
        std::chrono::seconds(20));
    EXPECT_TRUE(classified) << household_id << " was never classified";
    return status.ok() && classified ? household_id : "";
  }

  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }

  static std::string TokenFor(Principal principal) {
    switch (principal) {
      case Principal::kWardOfficer:
        return stack_->tokens().officer;
      case Principal::kOrganizationStaff:
        return stack_->tokens().womens_union_staff;
      case Principal::kAuditor:
        return stack_->tokens().auditor;
      default:
        return stack_->tokens().service;
    }
  }

  // The request of `method` about the seeded ward: every top-level field
  // naming a household, round, case or standard set to the seeded one, a
  // search for the head's name.
  static std::string RequestAboutTheHousehold(const google::protobuf::MethodDescriptor& method) {
    std::string error;
    std::unique_ptr<google::protobuf::Message> request = ParseRequest(method, "", &error);
    EXPECT_NE(request, nullptr) << error;
    if (request == nullptr) return "";
    const std::map<std::string, std::string> values = {{"household_id", household_id_},
                                                       {"round_id", round_id_},
                                                       {"case_id", case_id_},
                                                       {"standard_id", "decree-07-2021"},
                                                       {"query", kFieldPolicyHeadName}};
    for (const auto& [name, value] : values) {
      const google::protobuf::FieldDescriptor* field = request->GetDescriptor()->FindFieldByName(name);
      if (field != nullptr && !field->is_repeated() &&
          field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
        request->GetReflection()->SetString(request.get(), field, value);
      }
    }
    return request->SerializeAsString();
  }

  // The response `principal` receives from `method` about the household, or
  // nullptr when the call does not succeed.
  static std::unique_ptr<google::protobuf::Message> Receive(const Rpc& rpc, const std::string& server,
                                                            Principal principal) {
    std::string bytes;
    const grpc::Status status = CallRpc(stack_->service(server).channel(), *rpc.method,
                                        RequestAboutTheHousehold(*rpc.method), TokenFor(principal), &bytes);
    if (!status.ok()) return nullptr;
    const google::protobuf::Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(rpc.method->output_type());
    std::unique_ptr<google::protobuf::Message> response(prototype->New());
    EXPECT_TRUE(response->ParseFromString(bytes)) << rpc.name;
    return response;
  }

  static WardStack* stack_;
  static std::string household_id_;
  static std::string round_id_;
  static std::string case_id_;
};

WardStack* FieldPolicyMatrixTest::stack_ = nullptr;
std::string FieldPolicyMatrixTest::household_id_;
std::string FieldPolicyMatrixTest::round_id_;
std::string FieldPolicyMatrixTest::case_id_;

TEST_F(FieldPolicyMatrixTest, NoRoleReceivesAMarkedFieldItMayNotSeeFromAnyRpc) {
  std::ostringstream printed;
  printed << "marked fields received (allowed/forbidden), rpc@server | officer | staff | auditor | service\n";
  std::map<std::pair<std::string, Principal>, MarkedFieldsSeen> seen_by;
  int answered = 0;
  for (const Rpc& rpc : AllApiRpcs()) {
    // Streaming calls (the import) carry no household read.
    if (rpc.method->client_streaming() || rpc.method->server_streaming()) continue;
    for (const std::string& server : ServersOf(rpc.method->service()->full_name())) {
      printed << rpc.name << "@" << server;
      for (Principal principal : {kOfficer, kStaff, kAuditor, kService}) {
        std::unique_ptr<google::protobuf::Message> response = Receive(rpc, server, principal);
        if (response == nullptr) {
          printed << " | -";
          continue;
        }
        ++answered;
        MarkedFieldsSeen seen;
        CollectMarkedFieldsSeen(*response, "", principal, seen);
        printed << " | " << seen.allowed.size() << "/" << seen.forbidden.size();
        for (const std::string& field : seen.forbidden) {
          ADD_FAILURE() << rpc.name << " on " << server << " gave " << NameOf(principal) << " the field "
                        << field << ", which that role may not receive";
        }
        seen_by[{rpc.name, principal}] = std::move(seen);
      }
      printed << "\n";
    }
  }
  std::cout << printed.str();
  EXPECT_GT(answered, 60);
  // The walk met real personal data: officers receive the identifiers, the
  // income and the explained reasons that staff must not.
  for (const char* rpc :
       {"ansinh.v1.Registry/GetHouseholdRecord", "ansinh.v1.Registry/SearchHouseholds",
        "ansinh.v1.Classification/ClassifyHousehold", "ansinh.v1.Classification/WhatIf",
        "ansinh.v1.Classification/GetOfficialStatus", "ansinh.v1.Classification/ListRoundHouseholds",
        "ansinh.v1.Assignment/GetCase", "ansinh.v1.Monitoring/GetHouseholdTimeline"}) {
    const auto officer = seen_by.find(std::make_pair(std::string(rpc), kOfficer));
    ASSERT_NE(officer, seen_by.end()) << rpc << " did not answer the ward officer";
    EXPECT_FALSE(officer->second.allowed.empty()) << rpc << " carried no marked field to the officer";
  }
  for (const char* rpc :
       {"ansinh.v1.Registry/GetHouseholdRecord", "ansinh.v1.Classification/ClassifyHousehold",
        "ansinh.v1.Classification/GetOfficialStatus", "ansinh.v1.Classification/ListRoundHouseholds"}) {
    EXPECT_EQ(seen_by.count(std::make_pair(std::string(rpc), kStaff)), 1u)
        << rpc << " did not answer organization staff";
  }
  // The complaint reached the officer, not the staff.
  const std::vector<std::string>& round_fields =
      seen_by[std::make_pair(std::string("ansinh.v1.Classification/ListRoundHouseholds"), kOfficer)].allowed;
  EXPECT_NE(std::find(round_fields.begin(), round_fields.end(), "households.complaints.complainant"),
            round_fields.end());
  const std::vector<std::string>& officer_fields =
      seen_by[std::make_pair(std::string("ansinh.v1.Registry/GetHouseholdRecord"), kOfficer)].allowed;
  EXPECT_NE(std::find(officer_fields.begin(), officer_fields.end(), "household.members.national_id"),
            officer_fields.end());
}

// Issue 15: ClassifyHousehold with a Women's Union token returned the measured
// income per capita and each member's name with exact age, for a household
// of another organization's groups.
TEST_F(FieldPolicyMatrixTest, WomensUnionStaffGetNoIncomeNamesOrAgesFromClassifyHousehold) {
  auto classification = v1::Classification::NewStub(stack_->service("classification").channel());
  v1::ClassifyHouseholdRequest request;
  request.set_household_id(household_id_);

  v1::ClassifyHouseholdResponse officer_view;
  ASSERT_TRUE(classification
                  ->ClassifyHousehold(testkit::AuthorizedContext(stack_->tokens().officer).get(), request,
                                      &officer_view)
                  .ok());
  // What the officer sees, and what leaked before.
  EXPECT_EQ(officer_view.result().income_value(), 1'234'567);
  EXPECT_NE(officer_view.SerializeAsString().find(kFieldPolicyHeadName), std::string::npos)
      << "the officer's explained result names the head (the leak this test guards against needs it)";

  v1::ClassifyHouseholdResponse staff_view;
  const grpc::Status status = classification->ClassifyHousehold(
      testkit::AuthorizedContext(stack_->tokens().womens_union_staff).get(), request, &staff_view);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ClassificationResult& result = staff_view.result();
  EXPECT_EQ(result.household_id(), household_id_);
  EXPECT_EQ(result.category(), officer_view.result().category());
  EXPECT_EQ(result.income_value(), 0);
  EXPECT_EQ(result.income_reason(), "");
  EXPECT_FALSE(result.has_income_reason_text());
  EXPECT_EQ(result.labour_capacity_reason(), "");
  EXPECT_FALSE(result.has_labour_capacity_reason_text());
  ASSERT_EQ(result.indicators_size(), officer_view.result().indicators_size());
  for (const v1::IndicatorResult& indicator : result.indicators()) {
    EXPECT_EQ(indicator.reason(), "") << v1::IndicatorKind_Name(indicator.kind());
    EXPECT_FALSE(indicator.has_reason_text()) << v1::IndicatorKind_Name(indicator.kind());
  }
  // Nowhere in the bytes: not the name, not the income, not the exact age.
  const std::string bytes = staff_view.SerializeAsString();
  EXPECT_EQ(bytes.find(kFieldPolicyHeadName), std::string::npos);
  EXPECT_EQ(bytes.find("1,234,567"), std::string::npos);
  EXPECT_EQ(bytes.find("1234567"), std::string::npos);
  EXPECT_EQ(bytes.find("(47)"), std::string::npos);
}

// Every read of personal data by an auditor, through any RPC, is an entry of
// the audit chain and a line of the household's timeline: here the registry's
// full record (`ansinh household record`) and the explained classification
// (`ansinh classify`).
TEST_F(FieldPolicyMatrixTest, AnAuditorsRecordAndClassifyReadsBecomeAuditEntries) {
  // A household of its own, so that only this test's reads are on its timeline.
  const std::string household_id = RegisterClassifiedHousehold("Đặng Văn Tuấn", "046180004321");
  ASSERT_FALSE(household_id.empty());
  auto registry = v1::Registry::NewStub(stack_->service("registry").channel());
  auto classification = v1::Classification::NewStub(stack_->service("classification").channel());
  auto monitoring = v1::Monitoring::NewStub(stack_->service("monitoring").channel());

  // Organization staff and services read too: their reads of sensitive
  // facts are logged, not those of fields only personal.
  for (const std::string& token : {stack_->tokens().womens_union_staff, stack_->tokens().service}) {
    v1::GetHouseholdRecordRequest request;
    request.set_household_id(household_id);
    v1::GetHouseholdRecordResponse response;
    ASSERT_TRUE(
        registry->GetHouseholdRecord(testkit::AuthorizedContext(token).get(), request, &response).ok());
  }
  v1::GetHouseholdRecordRequest record_request;
  record_request.set_household_id(household_id);
  v1::GetHouseholdRecordResponse record;
  ASSERT_TRUE(registry
                  ->GetHouseholdRecord(testkit::AuthorizedContext(stack_->tokens().auditor).get(),
                                       record_request, &record)
                  .ok());
  EXPECT_EQ(record.household().members(0).national_id(), "046180004321");
  v1::ClassifyHouseholdRequest classify_request;
  classify_request.set_household_id(household_id);
  v1::ClassifyHouseholdResponse classified;
  ASSERT_TRUE(classification
                  ->ClassifyHousehold(testkit::AuthorizedContext(stack_->tokens().auditor).get(),
                                      classify_request, &classified)
                  .ok());
  EXPECT_EQ(classified.result().income_value(), 1'234'567);

  // The five reads (the officer's classification while the household was
  // set up, its income a sensitive fact, then the four above) reach the audit
  // chain through monitoring's consumer, each with a line in the household's
  // timeline naming its chain entry.
  std::vector<v1::HouseholdTimelineEntry> reads;
  auto reads_logged = [&] {
    v1::GetHouseholdTimelineRequest request;
    request.set_household_id(household_id);
    request.mutable_page()->set_page_size(500);
    v1::GetHouseholdTimelineResponse timeline;
    if (!monitoring
             ->GetHouseholdTimeline(testkit::AuthorizedContext(stack_->tokens().officer).get(), request,
                                    &timeline)
             .ok()) {
      return false;
    }
    reads.clear();
    for (const v1::HouseholdTimelineEntry& line : timeline.entries()) {
      if (line.event_type().ends_with(".personal_data_read.v1")) reads.push_back(line);
    }
    return reads.size() >= 5;
  };
  ASSERT_TRUE(testkit::Eventually(reads_logged, std::chrono::seconds(20)))
      << reads.size() << " read(s) on the timeline";
  // Give a wrongly logged sixth read the time to arrive, then count exactly.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_TRUE(reads_logged());
  ASSERT_EQ(reads.size(), 5u);
  std::map<std::string, v1::HouseholdTimelineEntry> by_type;
  std::map<v1::Role, int> by_role;
  for (const v1::HouseholdTimelineEntry& line : reads) {
    EXPECT_GT(line.audit_sequence(), 0u) << line.description();
    ++by_role[line.actor().role()];
    if (line.actor().role() == v1::ROLE_WARD_OFFICER) {
      EXPECT_NE(line.description().find("Classification.ClassifyHousehold"), std::string::npos)
          << line.description();
      EXPECT_NE(line.description().find("result.income_value"), std::string::npos) << line.description();
      // The explanations naming members are personal, not sensitive.
      EXPECT_EQ(line.description().find("indicators.reason"), std::string::npos) << line.description();
      EXPECT_EQ(line.description().find("labour_capacity_reason"), std::string::npos) << line.description();
      continue;
    }
    if (line.actor().role() != v1::ROLE_AUDITOR) {
      // Staff and the service: the record's sensitive facts, never a field only personal.
      EXPECT_EQ(line.event_type(), "registry.personal_data_read.v1") << line.description();
      EXPECT_NE(line.description().find("household.members.has_health_insurance"), std::string::npos)
          << line.description();
      EXPECT_EQ(line.description().find("national_id"), std::string::npos) << line.description();
      EXPECT_EQ(line.description().find("full_name"), std::string::npos) << line.description();
      continue;
    }
    by_type[line.event_type()] = line;
  }
  EXPECT_EQ(by_role[v1::ROLE_WARD_OFFICER], 1);
  EXPECT_EQ(by_role[v1::ROLE_AUDITOR], 2);
  EXPECT_EQ(by_role[v1::ROLE_ORGANIZATION_STAFF], 1);
  EXPECT_EQ(by_role[v1::ROLE_SERVICE], 1);
  ASSERT_EQ(by_type.count("registry.personal_data_read.v1"), 1u);
  ASSERT_EQ(by_type.count("classification.personal_data_read.v1"), 1u);
  const std::string& record_line = by_type["registry.personal_data_read.v1"].description();
  EXPECT_NE(record_line.find("Registry.GetHouseholdRecord"), std::string::npos) << record_line;
  EXPECT_NE(record_line.find("household.members.national_id"), std::string::npos) << record_line;
  EXPECT_NE(record_line.find("surveys.income_per_capita_vnd"), std::string::npos) << record_line;
  const std::string& classify_line = by_type["classification.personal_data_read.v1"].description();
  EXPECT_NE(classify_line.find("Classification.ClassifyHousehold"), std::string::npos) << classify_line;
  EXPECT_NE(classify_line.find("result.income_value"), std::string::npos) << classify_line;
}

}  // namespace
}  // namespace ansinh
