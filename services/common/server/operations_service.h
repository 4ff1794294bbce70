#pragma once

#include "ansinh/v1/operations.grpc.pb.h"

namespace ansinh::events {
class ConsumerRunner;
}

namespace ansinh::server {

class ServiceHost;

// ansinh.v1.Operations: what this process is, how its consumers are doing,
// and the events its consumer groups dead-lettered (list and replay).
class OperationsService final : public v1::Operations::CallbackService {
 public:
  explicit OperationsService(ServiceHost& host) : host_(host) {}

  grpc::ServerUnaryReactor* GetServiceInfo(grpc::CallbackServerContext* context,
                                           const v1::GetServiceInfoRequest* request,
                                           v1::ServiceInfo* response) override;
  grpc::ServerUnaryReactor* ListDeadLetters(grpc::CallbackServerContext* context,
                                            const v1::ListDeadLettersRequest* request,
                                            v1::ListDeadLettersResponse* response) override;
  grpc::ServerUnaryReactor* ReplayDeadLetters(grpc::CallbackServerContext* context,
                                              const v1::ReplayDeadLettersRequest* request,
                                              v1::ReplayDeadLettersResponse* response) override;
  grpc::ServerUnaryReactor* Ping(grpc::CallbackServerContext* context, const v1::PingRequest* request,
                                 v1::PingResponse* response) override;

 private:
  // The consumer runner of `group` in this process, or nullptr.
  const events::ConsumerRunner* RunnerOf(const std::string& group) const;

  ServiceHost& host_;
};

}  // namespace ansinh::server
