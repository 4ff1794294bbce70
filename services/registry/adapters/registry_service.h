#pragma once

#include <initializer_list>

#include "ansinh/v1/registry.grpc.pb.h"
#include "registry/adapters/registry_keys.h"
#include "registry/adapters/ward_settings.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// Who may change the registry's households and members.
inline constexpr std::initializer_list<v1::Role> kRegistryWriters = {v1::ROLE_WARD_OFFICER};

// ansinh.v1.Registry over the callback API. Each handler authorizes, then
// runs on the executor's workers: it checks the request's own fields, reads,
// lets the core decide the change (registry/core: member_operations.h,
// household_operations.h, survey_recording.h, registration_rows.h) and
// commits it with MutateHousehold or the registration's commit. Ward officers
// write; every role reads, organization staff without identifiers and
// figures: the field marks of proto/ansinh/v1/household.proto, applied to
// every response by the executor (server/redaction.h).
class RegistryService final : public v1::Registry::CallbackService {
 public:
  // Out of line (compiled once in the adapters library): constructing and
  // destroying the service instantiates the generated CallbackService chain,
  // one template per RPC, which cost main.cc several seconds of compile time.
  RegistryService(server::RequestExecutor& executor, WardSettings ward);
  ~RegistryService() override;

  grpc::ServerUnaryReactor* CreateHousehold(grpc::CallbackServerContext* context,
                                            const v1::CreateHouseholdRequest* request,
                                            v1::CreateHouseholdResponse* response) override;
  grpc::ServerUnaryReactor* GetHousehold(grpc::CallbackServerContext* context,
                                         const v1::GetHouseholdRequest* request,
                                         v1::GetHouseholdResponse* response) override;
  grpc::ServerUnaryReactor* UpdateHousehold(grpc::CallbackServerContext* context,
                                            const v1::UpdateHouseholdRequest* request,
                                            v1::UpdateHouseholdResponse* response) override;
  grpc::ServerUnaryReactor* AddMember(grpc::CallbackServerContext* context,
                                      const v1::AddMemberRequest* request,
                                      v1::AddMemberResponse* response) override;
  grpc::ServerUnaryReactor* UpdateMember(grpc::CallbackServerContext* context,
                                         const v1::UpdateMemberRequest* request,
                                         v1::UpdateMemberResponse* response) override;
  grpc::ServerUnaryReactor* RemoveMember(grpc::CallbackServerContext* context,
                                         const v1::RemoveMemberRequest* request,
                                         v1::RemoveMemberResponse* response) override;
  grpc::ServerUnaryReactor* RecordSurvey(grpc::CallbackServerContext* context,
                                         const v1::RecordSurveyRequest* request,
                                         v1::RecordSurveyResponse* response) override;
  grpc::ServerUnaryReactor* ListHouseholds(grpc::CallbackServerContext* context,
                                           const v1::ListHouseholdsRequest* request,
                                           v1::ListHouseholdsResponse* response) override;
  grpc::ServerUnaryReactor* SearchHouseholds(grpc::CallbackServerContext* context,
                                             const v1::SearchHouseholdsRequest* request,
                                             v1::SearchHouseholdsResponse* response) override;
  grpc::ServerUnaryReactor* MoveOut(grpc::CallbackServerContext* context, const v1::MoveOutRequest* request,
                                    v1::MoveOutResponse* response) override;
  grpc::ServerUnaryReactor* Dissolve(grpc::CallbackServerContext* context, const v1::DissolveRequest* request,
                                     v1::DissolveResponse* response) override;
  grpc::ServerReadReactor<v1::ImportHouseholdsRequest>* ImportHouseholds(
      grpc::CallbackServerContext* context, v1::ImportHouseholdsResponse* response) override;
  grpc::ServerUnaryReactor* GetHouseholdRecord(grpc::CallbackServerContext* context,
                                               const v1::GetHouseholdRecordRequest* request,
                                               v1::GetHouseholdRecordResponse* response) override;
  grpc::ServerUnaryReactor* EraseHousehold(grpc::CallbackServerContext* context,
                                           const v1::EraseHouseholdRequest* request,
                                           v1::EraseHouseholdResponse* response) override;
  grpc::ServerUnaryReactor* RunRetention(grpc::CallbackServerContext* context,
                                         const v1::RunRetentionRequest* request,
                                         v1::RunRetentionResponse* response) override;

 private:
  grpc::ServerUnaryReactor* EndHousehold(grpc::CallbackServerContext* context, const char* method,
                                         const std::string& household_id, uint64_t expected_version,
                                         const std::string& reason, v1::HouseholdStatus status,
                                         v1::Household* response_household);

  server::RequestExecutor& executor_;
  WardSettings ward_;
  RegistryKeys keys_;
};

}  // namespace ansinh::registry
