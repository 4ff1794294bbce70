#pragma once

#include "ansinh/v1/corrections.grpc.pb.h"
#include "registry/adapters/registry_keys.h"
#include "registry/adapters/ward_settings.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// ansinh.v1.Corrections (proto/ansinh/v1/corrections.proto, docs/registry.md
// "Correction requests"): ward officers record a data subject's request to
// correct a field and accept or reject it; officers and auditors list them.
// Accepting goes through MutateHousehold with the registry's own operations
// (registry/core/correction_requests.h), the request closed and its event
// in the same transaction as the household's change, which its events name
// as their cause.
class CorrectionService final : public v1::Corrections::CallbackService {
 public:
  // Out of line: see RegistryService.
  CorrectionService(server::RequestExecutor& executor, WardSettings ward);
  ~CorrectionService() override;

  grpc::ServerUnaryReactor* RecordCorrectionRequest(grpc::CallbackServerContext* context,
                                                    const v1::RecordCorrectionRequestRequest* request,
                                                    v1::RecordCorrectionRequestResponse* response) override;
  grpc::ServerUnaryReactor* AcceptCorrectionRequest(grpc::CallbackServerContext* context,
                                                    const v1::AcceptCorrectionRequestRequest* request,
                                                    v1::AcceptCorrectionRequestResponse* response) override;
  grpc::ServerUnaryReactor* RejectCorrectionRequest(grpc::CallbackServerContext* context,
                                                    const v1::RejectCorrectionRequestRequest* request,
                                                    v1::RejectCorrectionRequestResponse* response) override;
  grpc::ServerUnaryReactor* ListCorrectionRequests(grpc::CallbackServerContext* context,
                                                   const v1::ListCorrectionRequestsRequest* request,
                                                   v1::ListCorrectionRequestsResponse* response) override;

 private:
  server::RequestExecutor& executor_;
  WardSettings ward_;
  RegistryKeys keys_;
};

}  // namespace ansinh::registry
