#include "console/backends.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <spdlog/spdlog.h>

#include <future>
#include <stdexcept>
#include <vector>

#include "config/tls_material.h"
#include "console/api_error.h"
#include "metrics/service_metrics.h"

namespace ansinh::console {
namespace {

std::shared_ptr<grpc::Channel> NewBackendChannel(
    const std::string& address, const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  grpc::ChannelArguments arguments;
  // A service restarted under `make run` is found again within a second.
  // (Not GRPC_ARG_MIN_RECONNECT_BACKOFF_MS: it is also the shortest time a
  // connection attempt is given, and a busy machine needs more than that.)
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  // An import chunk's results and a large export stay under this.
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel(address, credentials, arguments);
}

}  // namespace

Backends::Backends(const BackendAddresses& addresses, std::shared_ptr<grpc::ChannelCredentials> credentials,
                   std::chrono::milliseconds deadline, metrics::ServiceMetrics* metrics)
    : deadline_(deadline), metrics_(metrics) {
  const auto registry = NewBackendChannel(addresses.registry, credentials);
  channels_.emplace("Registry", registry);
  channels_.emplace("Accounts", registry);
  channels_.emplace("TokenAdmin", registry);
  channels_.emplace("Classification", NewBackendChannel(addresses.classification, credentials));
  channels_.emplace("Assignment", NewBackendChannel(addresses.assignment, credentials));
  channels_.emplace("Monitoring", NewBackendChannel(addresses.monitoring, credentials));
}

std::shared_ptr<grpc::Channel> Backends::ChannelFor(std::string_view service) const {
  const auto it = channels_.find(service);
  return it == channels_.end() ? nullptr : it->second;
}

std::unique_ptr<grpc::ClientContext> Backends::Context(const CallIdentity& who) const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + who.bearer_token);
  if (!who.correlation_id.empty()) context->AddMetadata("x-correlation-id", who.correlation_id);
  context->set_deadline(std::chrono::system_clock::now() + deadline_);
  return context;
}

grpc::Status Backends::CallUnary(const google::protobuf::MethodDescriptor& method,
                                 const google::protobuf::Message& request,
                                 google::protobuf::Message& response, const CallIdentity& who) const {
  const std::shared_ptr<grpc::Channel> channel = ChannelFor(method.service()->name());
  if (!channel)
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "no backend serves " + method.full_name());
  const std::string path = "/" + method.service()->full_name() + "/" + method.name();
  const auto started = std::chrono::steady_clock::now();

  std::string serialized;
  request.SerializeToString(&serialized);
  grpc::Slice slice(serialized);
  const grpc::ByteBuffer request_bytes(&slice, 1);
  grpc::ByteBuffer response_bytes;
  const std::unique_ptr<grpc::ClientContext> context = Context(who);
  grpc::GenericStub stub(channel);
  std::promise<grpc::Status> finished;
  stub.UnaryCall(context.get(), path, grpc::StubOptions(), &request_bytes, &response_bytes,
                 [&finished](grpc::Status status) { finished.set_value(std::move(status)); });
  grpc::Status status = finished.get_future().get();

  if (status.ok()) {
    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (response_bytes.Dump(&slices).ok()) {
      for (const grpc::Slice& part : slices)
        bytes.append(reinterpret_cast<const char*>(part.begin()), part.size());
    }
    if (!response.ParseFromString(bytes)) {
      status = grpc::Status(grpc::StatusCode::INTERNAL,
                            "the response of " + method.full_name() + " does not parse");
    }
  }
  const grpc::StatusCode code = status.error_code();
  if (code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
      code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN) {
    // The browser gets the console's general words; the details stay here.
    spdlog::warn("{} failed ({}): {} [correlation {}]", path, StatusCodeName(code), status.error_message(),
                 who.correlation_id);
  }
  if (metrics_ != nullptr) {
    metrics_->RecordRpc(method.service()->full_name() + "/" + method.name(),
                        StatusCodeName(status.error_code()), std::chrono::steady_clock::now() - started);
  }
  return status;
}

std::shared_ptr<grpc::ChannelCredentials> BackendCredentials(const std::string& ca_file,
                                                             const std::string& cert_file,
                                                             const std::string& key_file) {
  const config::TlsLoad load = config::LoadClientTls(ca_file, cert_file, key_file);
  if (!load.ok()) throw std::runtime_error(load.error);
  if (!load.tls) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = load.tls->trusted_ca;
  ssl.pem_private_key = load.tls->private_key;
  ssl.pem_cert_chain = load.tls->certificate_chain;
  return grpc::SslCredentials(ssl);
}

}  // namespace ansinh::console
