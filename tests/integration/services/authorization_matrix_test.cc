// The authorization matrix: every RPC of every ansinh.v1 service (read from
// the generated descriptors) called by every kind of principal against the
// four real binaries. A caller without a valid token (none, unknown, expired,
// revoked) gets UNAUTHENTICATED; an authenticated role the RPC does not allow
// gets PERMISSION_DENIED; an allowed role gets anything else. The requests
// are empty (or minimal), so a service that validated before authorizing
// would answer a refused role with INVALID_ARGUMENT and fail here.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

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
  kNoToken,
  kUnknownToken,
  kExpiredToken,
  kRevokedToken,
};

constexpr Principal kAllPrincipals[] = {
    Principal::kWardOfficer,  Principal::kOrganizationStaff, Principal::kAuditor,
    Principal::kService,      Principal::kNoToken,           Principal::kUnknownToken,
    Principal::kExpiredToken, Principal::kRevokedToken,
};

constexpr Principal kOfficer = Principal::kWardOfficer;
constexpr Principal kStaff = Principal::kOrganizationStaff;
constexpr Principal kAuditor = Principal::kAuditor;
constexpr Principal kService = Principal::kService;

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
  return principal == kOfficer || principal == kStaff || principal == kAuditor || principal == kService;
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
      {"ansinh.v1.Registry/ImportHouseholds", kOfficers},
      {"ansinh.v1.Registry/GetHouseholdRecord", kEveryRole},
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
      {"ansinh.v1.Monitoring/ListAlerts", kPeople},
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
  };
  return rows;
}

// Services whose every RPC has one rule: issuing and revoking the bearer
// tokens themselves is for ward officers only.
const std::map<std::string, std::set<Principal>>& ServiceWideRules() {
  static const std::map<std::string, std::set<Principal>> rules = {
      {"ansinh.v1.TokenAdmin", kOfficers},
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

}  // namespace
}  // namespace ansinh
