#include "metrics/rpc_metrics_interceptor.h"

#include <array>

namespace ansinh::metrics {

std::string StatusCodeName(grpc::StatusCode code) {
  static constexpr std::array<const char*, 17> kNames{
      "OK",        "CANCELLED",       "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS",  "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED",   "OUT_OF_RANGE",    "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
      "DATA_LOSS", "UNAUTHENTICATED",
  };
  const int index = static_cast<int>(code);
  if (index >= 0 && index < static_cast<int>(kNames.size())) return kNames[index];
  return "CODE_" + std::to_string(index);
}

std::string MethodLabel(const char* grpc_method) {
  if (grpc_method == nullptr) return "unknown";
  std::string method = grpc_method;
  if (!method.empty() && method.front() == '/') method.erase(0, 1);
  return method;
}

RpcMetricsInterceptor::RpcMetricsInterceptor(ServiceMetrics& metrics, std::string method)
    : metrics_(metrics), method_(std::move(method)), started_(std::chrono::steady_clock::now()) {}

RpcMetricsInterceptor::~RpcMetricsInterceptor() {
  if (!recorded_) Record(grpc::StatusCode::CANCELLED);
}

void RpcMetricsInterceptor::Intercept(grpc::experimental::InterceptorBatchMethods* methods) {
  if (methods->QueryInterceptionHookPoint(grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
    Record(methods->GetSendStatus().error_code());
  }
  methods->Proceed();
}

void RpcMetricsInterceptor::Record(grpc::StatusCode code) {
  recorded_ = true;
  metrics_.RecordRpc(method_, StatusCodeName(code), std::chrono::steady_clock::now() - started_);
}

grpc::experimental::Interceptor* RpcMetricsInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcMetricsInterceptor(metrics_, MethodLabel(info->method()));
}

}  // namespace ansinh::metrics
