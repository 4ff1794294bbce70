#include "console/method_allow_list.h"

#include <algorithm>
#include <string>

#include "ansinh/v1/accounts.pb.h"
#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "ansinh/v1/tokens.pb.h"

namespace ansinh::console {
namespace {

// The generated pool knows a .proto file only once its object file is linked
// in; naming one message of each file keeps the static linker from leaving
// any of them out.
void LinkEveryServiceFile() {
  static const bool linked = [] {
    (void)v1::SignInRequest::descriptor();
    (void)v1::GetCaseRequest::descriptor();
    (void)v1::OpenRoundRequest::descriptor();
    (void)v1::GetDashboardRequest::descriptor();
    (void)v1::GetHouseholdRequest::descriptor();
    (void)v1::ListTokensRequest::descriptor();
    return true;
  }();
  (void)linked;
}

}  // namespace

const std::vector<AllowedMethod>& AllowedMethods() {
  static const std::vector<AllowedMethod> methods = {
      // Hộ gia đình: search, the household page, registration and changes.
      {"Registry", "GetHousehold"},
      {"Registry", "ListHouseholds"},
      {"Registry", "SearchHouseholds"},
      {"Registry", "GetHouseholdRecord"},
      {"Registry", "CreateHousehold"},
      {"Registry", "UpdateHousehold"},
      {"Registry", "AddMember"},
      {"Registry", "UpdateMember"},
      {"Registry", "RemoveMember"},
      {"Registry", "RecordSurvey"},
      {"Registry", "MoveOut"},
      {"Registry", "Dissolve"},
      // Rà soát, the classification on the household page, the what-if.
      {"Classification", "OpenRound"},
      {"Classification", "AddToRoundList"},
      {"Classification", "RecordListDecision"},
      {"Classification", "ListRoundHouseholds"},
      {"Classification", "RecordMeeting"},
      {"Classification", "RecordGroupMeeting"},
      {"Classification", "PostResults"},
      {"Classification", "FileComplaint"},
      {"Classification", "ApproveRound"},
      {"Classification", "GetRoundProgress"},
      {"Classification", "ListRounds"},
      {"Classification", "ClassifyHousehold"},
      {"Classification", "WhatIf"},
      {"Classification", "GetOfficialStatus"},
      {"Classification", "ListHouseholdStatuses"},
      {"Classification", "ListStandards"},
      // Hồ sơ hỗ trợ and Quản trị (organizations, helpers).
      {"Assignment", "ListOrganizations"},
      {"Assignment", "ListHelpers"},
      {"Assignment", "UpsertOrganization"},
      {"Assignment", "UpsertHelper"},
      {"Assignment", "GetCase"},
      {"Assignment", "GetCaseByHousehold"},
      {"Assignment", "ListCases"},
      {"Assignment", "AssignHelper"},
      {"Assignment", "RequestTransfer"},
      {"Assignment", "AcceptTransfer"},
      {"Assignment", "DeclineTransfer"},
      {"Assignment", "RecordNeed"},
      {"Assignment", "UpdateNeedStatus"},
      {"Assignment", "RecordSupport"},
      {"Assignment", "RecordVisit"},
      {"Assignment", "GetWorkload"},
      // Tổng quan, Cảnh báo, Kiểm toán, the household timeline.
      {"Monitoring", "GetDashboard"},
      {"Monitoring", "GetScorecard"},
      {"Monitoring", "GetHouseholdTimeline"},
      {"Monitoring", "VerifyAudit"},
      {"Monitoring", "IssueCheckpoint"},
      {"Monitoring", "ListCheckpoints"},
      {"Monitoring", "ExportScorecard"},
      {"Monitoring", "ExportHouseholdHistory"},
      {"Monitoring", "ListAlerts"},
      // Kết quả hỗ trợ: outcome analytics, the report's facts; livelihood
      // models and emergencies.
      {"Monitoring", "GetOutcomes"},
      {"Monitoring", "GetResolutionReport"},
      {"Assignment", "ListLivelihoodModels"},
      {"Assignment", "UpsertLivelihoodModel"},
      {"Assignment", "JoinLivelihoodModel"},
      {"Assignment", "LeaveLivelihoodModel"},
      {"Assignment", "ListEmergencies"},
      {"Assignment", "DeclareEmergency"},
      {"Assignment", "EndEmergency"},
      {"Assignment", "MarkAffected"},
      {"Monitoring", "GetSeen"},
      {"Monitoring", "GetTreeHead"},
      // Kiểm toán's ward-wide log of personal-data reads: the latest 2,000
      // audit entries (the service caps a unary export at 20,000).
      {"Monitoring", "ExportAudit"},
      // Quản trị: accounts.
      {"Accounts", "CreateAccount"},
      {"Accounts", "UpdateAccount"},
      {"Accounts", "SetPassword"},
      {"Accounts", "ListAccounts"},
      {"TokenAdmin", "ListTokens"},
      {"TokenAdmin", "RevokeToken"},
  };
  return methods;
}

const google::protobuf::ServiceDescriptor* FindConsoleService(std::string_view service) {
  static const std::vector<std::string_view> known = {"Registry",   "Classification", "Assignment",
                                                      "Monitoring", "Accounts",       "TokenAdmin"};
  if (std::find(known.begin(), known.end(), service) == known.end()) return nullptr;
  LinkEveryServiceFile();
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName("ansinh.v1." +
                                                                               std::string(service));
}

const google::protobuf::MethodDescriptor* FindAllowedMethod(std::string_view service,
                                                            std::string_view method) {
  const auto& methods = AllowedMethods();
  const bool listed = std::any_of(methods.begin(), methods.end(), [&](const AllowedMethod& allowed) {
    return allowed.service == service && allowed.method == method;
  });
  if (!listed) return nullptr;
  const google::protobuf::ServiceDescriptor* found = FindConsoleService(service);
  if (found == nullptr) return nullptr;
  const google::protobuf::MethodDescriptor* descriptor = found->FindMethodByName(std::string(method));
  if (descriptor == nullptr || descriptor->client_streaming() || descriptor->server_streaming())
    return nullptr;
  return descriptor;
}

}  // namespace ansinh::console
