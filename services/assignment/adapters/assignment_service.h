#pragma once

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "assignment/adapters/assignment_environment.h"
#include "assignment/adapters/case_mutation.h"
#include "server/request_executor.h"

namespace ansinh::assignment {

// ansinh.v1.Assignment over the callback API. Every handler runs on the
// executor's workers; the core decides (permission, input, state) and the
// adapters store the result with its events in one transaction.
//
// Who may call what (docs/assignment.md):
//   - reads: every role; organization staff see only the cases of their
//     organization and those offered to it by a pending transfer (another
//     organization's case: PERMISSION_DENIED, since case ids derive from
//     household ids that every role can list anyway), and only their own
//     organization's workload;
//   - case operations: ward officers on every case, staff on their
//     organization's cases (accept/decline: the organization addressed);
//   - directory: organizations by ward officers, helpers by ward officers or
//     staff of the helper's organization; auditors and services never write;
//   - livelihood models: ward officers any, staff those their organization
//     runs; households join and leave them as case operations, in bulk;
//   - emergencies: ward officers declare and end them; officers and staff
//     (their organization's cases) mark the households they struck, in bulk.
class AssignmentService final : public v1::Assignment::CallbackService {
 public:
  // Out of line (compiled once in the adapters library): constructing and
  // destroying the service instantiates the generated CallbackService chain,
  // one template per RPC, which cost main.cc several seconds of compile time.
  AssignmentService(server::RequestExecutor& executor, const AssignmentEnvironment& environment);
  ~AssignmentService() override;

  grpc::ServerUnaryReactor* ListOrganizations(grpc::CallbackServerContext* context,
                                              const v1::ListOrganizationsRequest* request,
                                              v1::ListOrganizationsResponse* response) override;
  grpc::ServerUnaryReactor* ListHelpers(grpc::CallbackServerContext* context,
                                        const v1::ListHelpersRequest* request,
                                        v1::ListHelpersResponse* response) override;
  grpc::ServerUnaryReactor* UpsertOrganization(grpc::CallbackServerContext* context,
                                               const v1::UpsertOrganizationRequest* request,
                                               v1::UpsertOrganizationResponse* response) override;
  grpc::ServerUnaryReactor* UpsertHelper(grpc::CallbackServerContext* context,
                                         const v1::UpsertHelperRequest* request,
                                         v1::UpsertHelperResponse* response) override;

  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context, const v1::GetCaseRequest* request,
                                    v1::Case* response) override;
  grpc::ServerUnaryReactor* GetCaseByHousehold(grpc::CallbackServerContext* context,
                                               const v1::GetCaseByHouseholdRequest* request,
                                               v1::Case* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context,
                                      const v1::ListCasesRequest* request,
                                      v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* GetWorkload(grpc::CallbackServerContext* context,
                                        const v1::GetWorkloadRequest* request,
                                        v1::GetWorkloadResponse* response) override;

  grpc::ServerUnaryReactor* AssignHelper(grpc::CallbackServerContext* context,
                                         const v1::AssignHelperRequest* request, v1::Case* response) override;
  grpc::ServerUnaryReactor* RequestTransfer(grpc::CallbackServerContext* context,
                                            const v1::RequestTransferRequest* request,
                                            v1::Case* response) override;
  grpc::ServerUnaryReactor* AcceptTransfer(grpc::CallbackServerContext* context,
                                           const v1::AcceptTransferRequest* request,
                                           v1::Case* response) override;
  grpc::ServerUnaryReactor* DeclineTransfer(grpc::CallbackServerContext* context,
                                            const v1::DeclineTransferRequest* request,
                                            v1::Case* response) override;
  grpc::ServerUnaryReactor* RecordNeed(grpc::CallbackServerContext* context,
                                       const v1::RecordNeedRequest* request,
                                       v1::RecordNeedResponse* response) override;
  grpc::ServerUnaryReactor* UpdateNeedStatus(grpc::CallbackServerContext* context,
                                             const v1::UpdateNeedStatusRequest* request,
                                             v1::Case* response) override;
  grpc::ServerUnaryReactor* RecordSupport(grpc::CallbackServerContext* context,
                                          const v1::RecordSupportRequest* request,
                                          v1::RecordSupportResponse* response) override;
  grpc::ServerUnaryReactor* RecordVisit(grpc::CallbackServerContext* context,
                                        const v1::RecordVisitRequest* request,
                                        v1::RecordVisitResponse* response) override;

  grpc::ServerUnaryReactor* UpsertLivelihoodModel(grpc::CallbackServerContext* context,
                                                  const v1::UpsertLivelihoodModelRequest* request,
                                                  v1::UpsertLivelihoodModelResponse* response) override;
  grpc::ServerUnaryReactor* ListLivelihoodModels(grpc::CallbackServerContext* context,
                                                 const v1::ListLivelihoodModelsRequest* request,
                                                 v1::ListLivelihoodModelsResponse* response) override;
  grpc::ServerUnaryReactor* JoinLivelihoodModel(grpc::CallbackServerContext* context,
                                                const v1::JoinLivelihoodModelRequest* request,
                                                v1::JoinLivelihoodModelResponse* response) override;
  grpc::ServerUnaryReactor* LeaveLivelihoodModel(grpc::CallbackServerContext* context,
                                                 const v1::LeaveLivelihoodModelRequest* request,
                                                 v1::LeaveLivelihoodModelResponse* response) override;

  grpc::ServerUnaryReactor* DeclareEmergency(grpc::CallbackServerContext* context,
                                             const v1::DeclareEmergencyRequest* request,
                                             v1::DeclareEmergencyResponse* response) override;
  grpc::ServerUnaryReactor* EndEmergency(grpc::CallbackServerContext* context,
                                         const v1::EndEmergencyRequest* request,
                                         v1::EndEmergencyResponse* response) override;
  grpc::ServerUnaryReactor* ListEmergencies(grpc::CallbackServerContext* context,
                                            const v1::ListEmergenciesRequest* request,
                                            v1::ListEmergenciesResponse* response) override;
  grpc::ServerUnaryReactor* MarkAffected(grpc::CallbackServerContext* context,
                                         const v1::MarkAffectedRequest* request,
                                         v1::MarkAffectedResponse* response) override;

 private:
  // Runs a staff operation on the case `case_id` names, on a worker, and
  // hands the stored change to `respond`, which fills `response`.
  grpc::ServerUnaryReactor* HandleCaseOperation(grpc::CallbackServerContext* context, const char* method,
                                                google::protobuf::Message* response,
                                                const std::string& case_id, CaseTransform transform,
                                                std::function<void(CaseChange&)> respond);

  server::RequestExecutor& executor_;
  const AssignmentEnvironment& environment_;
};

}  // namespace ansinh::assignment
