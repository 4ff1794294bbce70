#include "server/request_guard.h"

#include <spdlog/spdlog.h>

#include <string>
#include <string_view>

#include "kernel/error.h"
#include "server/field_limits.h"
#include "server/status_mapping.h"

namespace ansinh::server {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

void RequestRefusals::Put(const grpc::ServerContextBase* call, grpc::Status refusal) {
  std::lock_guard lock(mutex_);
  refusals_[call] = std::move(refusal);
}

std::optional<grpc::Status> RequestRefusals::Take(const grpc::ServerContextBase* call) {
  std::lock_guard lock(mutex_);
  auto found = refusals_.find(call);
  if (found == refusals_.end()) return std::nullopt;
  grpc::Status refusal = std::move(found->second);
  refusals_.erase(found);
  return refusal;
}

void RequestRefusals::Forget(const grpc::ServerContextBase* call) {
  std::lock_guard lock(mutex_);
  refusals_.erase(call);
}

grpc::Status UnparseableRequestStatus(const google::protobuf::MethodDescriptor& method) {
  const std::string type = method.input_type()->full_name();
  return ToStatus(Error::InvalidArgument("the request cannot be parsed as " + type +
                                         ": its bytes are not that protobuf message (a client built from "
                                         "other .proto files, or a corrupted request)")
                      .WithKey("error.request.unparseable", {{"type", type}}));
}

const google::protobuf::MethodDescriptor* AnsinhMethodOf(const char* grpc_path) {
  if (grpc_path == nullptr) return nullptr;
  std::string_view path = grpc_path;
  if (path.starts_with('/')) path.remove_prefix(1);
  if (!path.starts_with("ansinh.")) return nullptr;
  const size_t slash = path.find('/');
  if (slash == std::string_view::npos) return nullptr;
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          std::string(path.substr(0, slash)));
  if (service == nullptr) return nullptr;
  return service->FindMethodByName(std::string(path.substr(slash + 1)));
}

RequestGuardInterceptor::RequestGuardInterceptor(RequestRefusals& refusals,
                                                 const grpc::ServerContextBase* call,
                                                 const google::protobuf::MethodDescriptor& method)
    : refusals_(refusals), call_(call), method_(method) {}

RequestGuardInterceptor::~RequestGuardInterceptor() {
  // A call refused before authentication never reaches the executor's Take.
  if (refused_) refusals_.Forget(call_);
}

void RequestGuardInterceptor::Intercept(grpc::experimental::InterceptorBatchMethods* methods) {
  if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
    const void* received = methods->GetRecvMessage();
    if (received == nullptr) {
      unparseable_ = true;
    } else {
      const auto* request = static_cast<const google::protobuf::Message*>(received);
      if (request->GetDescriptor() != method_.input_type()) {
        spdlog::error("{}: the request guard received a {}, not the method's input type; not checked",
                      method_.full_name(), request->GetDescriptor()->full_name());
      } else if (FieldViolations violations = FieldLimitViolations(*request); !violations.empty()) {
        refusals_.Put(call_, ToStatus(Error::InvalidArgument(std::move(violations))));
        refused_ = true;
      }
    }
  }
  if (unparseable_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
      methods->GetSendStatus().error_code() == grpc::StatusCode::UNIMPLEMENTED) {
    methods->ModifySendStatus(UnparseableRequestStatus(method_));
  }
  methods->Proceed();
}

grpc::experimental::Interceptor* RequestGuardFactory::CreateServerInterceptor(ServerRpcInfo* info) {
  if (info->type() != ServerRpcInfo::Type::UNARY && info->type() != ServerRpcInfo::Type::SERVER_STREAMING) {
    return nullptr;
  }
  const google::protobuf::MethodDescriptor* method = AnsinhMethodOf(info->method());
  if (method == nullptr) return nullptr;
  return new RequestGuardInterceptor(refusals_, info->server_context(), *method);
}

}  // namespace ansinh::server
