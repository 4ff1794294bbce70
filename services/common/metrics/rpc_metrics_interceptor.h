#pragma once

#include <grpcpp/support/server_interceptor.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <string>

#include "metrics/service_metrics.h"

namespace ansinh::metrics {

// "OK", "INVALID_ARGUMENT", ...: the canonical name of a gRPC status code.
std::string StatusCodeName(grpc::StatusCode code);

// "/ansinh.v1.Registry/GetHousehold" -> "ansinh.v1.Registry/GetHousehold".
std::string MethodLabel(const char* grpc_method);

// Times one call from its creation to the status the server sends and
// records it in ServiceMetrics; a call that ends without sending a status
// (the client went away) counts as CANCELLED.
class RpcMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(ServiceMetrics& metrics, std::string method);
  ~RpcMetricsInterceptor() override;

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override;

 private:
  void Record(grpc::StatusCode code);

  ServiceMetrics& metrics_;
  std::string method_;
  std::chrono::steady_clock::time_point started_;
  bool recorded_ = false;
};

// Registered on the ServerBuilder; gRPC creates one interceptor per call, for
// the callback API as for the others, so every service of the process is
// covered without touching its handlers.
class RpcMetricsInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcMetricsInterceptorFactory(ServiceMetrics& metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;

 private:
  ServiceMetrics& metrics_;
};

}  // namespace ansinh::metrics
