#pragma once

#include "ansinh/v1/operations.grpc.pb.h"

namespace ansinh::server {

class ServiceHost;

// ansinh.v1.Operations: what this process is and how its consumers are doing.
class OperationsService final : public v1::Operations::CallbackService {
 public:
  explicit OperationsService(ServiceHost& host) : host_(host) {}

  grpc::ServerUnaryReactor* GetServiceInfo(grpc::CallbackServerContext* context,
                                           const v1::GetServiceInfoRequest* request,
                                           v1::ServiceInfo* response) override;

 private:
  ServiceHost& host_;
};

}  // namespace ansinh::server
