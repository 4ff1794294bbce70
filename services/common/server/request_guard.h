#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>
#include <grpcpp/support/status.h>

#include <mutex>
#include <optional>
#include <unordered_map>

namespace ansinh::server {

// The refusals the request guard decided for calls whose handler has not run
// yet, by call. The guard runs on the gRPC thread that received the request;
// the executor takes the refusal on its worker, once the caller is
// authenticated (so a caller without a valid token learns nothing from it),
// instead of running the handler.
class RequestRefusals {
 public:
  void Put(const grpc::ServerContextBase* call, grpc::Status refusal);
  std::optional<grpc::Status> Take(const grpc::ServerContextBase* call);
  void Forget(const grpc::ServerContextBase* call);

 private:
  std::mutex mutex_;
  std::unordered_map<const grpc::ServerContextBase*, grpc::Status> refusals_;
};

// Guards every call of an ansinh service that carries one request message
// (unary and server-streaming), whatever the handler, so a new RPC cannot
// forget it:
// - a request with a field longer than its limit (server/field_limits.h) is
//   refused with INVALID_ARGUMENT naming each such field, through
//   RequestRefusals, before its handler runs;
// - a request whose bytes do not parse gets INVALID_ARGUMENT saying so
//   (error.request.unparseable). gRPC 1.51's callback API answers such a
//   call itself, with UNIMPLEMENTED and no message, dropping the parse
//   error (server_callback_handlers.h); the guard rewrites that status.
// Client-streaming calls (ImportHouseholds) judge each row themselves: a bad
// row is rejected in the response, not the whole call.
//
// The guard reads the request gRPC parsed through the interceptor API, which
// hands it over untyped; it is a protobuf message of the method's input type
// because every ansinh method is registered with its generated type. A method
// registered raw (WithRawCallbackMethod_*) would hand over a grpc::ByteBuffer:
// do not register one raw without excluding it here.
class RequestGuardInterceptor final : public grpc::experimental::Interceptor {
 public:
  RequestGuardInterceptor(RequestRefusals& refusals, const grpc::ServerContextBase* call,
                          const google::protobuf::MethodDescriptor& method);
  ~RequestGuardInterceptor() override;

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override;

 private:
  RequestRefusals& refusals_;
  const grpc::ServerContextBase* call_;
  const google::protobuf::MethodDescriptor& method_;
  bool unparseable_ = false;
  bool refused_ = false;
};

class RequestGuardFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RequestGuardFactory(RequestRefusals& refusals) : refusals_(refusals) {}

  // Null (no guard) for a method outside the ansinh.* services (health,
  // reflection) and for client-streaming and bidirectional calls.
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;

 private:
  RequestRefusals& refusals_;
};

// The status of a request that does not parse as `method`'s input type.
grpc::Status UnparseableRequestStatus(const google::protobuf::MethodDescriptor& method);

// The ansinh method a gRPC path ("/ansinh.v1.Registry/CreateHousehold")
// names, or null.
const google::protobuf::MethodDescriptor* AnsinhMethodOf(const char* grpc_path);

}  // namespace ansinh::server
