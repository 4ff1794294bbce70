#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace ansinh::metrics {
class ServiceMetrics;
}

namespace ansinh::console {

// Where the four services listen (host:port).
struct BackendAddresses {
  std::string registry = "127.0.0.1:50051";
  std::string classification = "127.0.0.1:50052";
  std::string assignment = "127.0.0.1:50053";
  std::string monitoring = "127.0.0.1:50054";
};

// Who a call is made for: the bearer token it carries (the signed-in user's
// session token; the console's own service token only for Accounts.SignIn)
// and the correlation id the services log and put on their events.
struct CallIdentity {
  std::string bearer_token;
  std::string correlation_id;
};

// One gRPC channel per service, shared by every request (a channel
// multiplexes calls over one HTTP/2 connection), and unary calls on them.
class Backends {
 public:
  // `credentials`: insecure on loopback, TLS otherwise (BackendCredentials).
  // `metrics` may be null; each call is recorded there by method and code.
  Backends(const BackendAddresses& addresses, std::shared_ptr<grpc::ChannelCredentials> credentials,
           std::chrono::milliseconds deadline, metrics::ServiceMetrics* metrics);

  // The channel of a short service name ("Registry"; Accounts and TokenAdmin
  // are served by the registry); nullptr for another name.
  std::shared_ptr<grpc::Channel> ChannelFor(std::string_view service) const;

  // Calls `method` with `request`, serialized, through a generic stub (no
  // per-service code), with `who`'s bearer token, the correlation id and the
  // deadline; fills `response` on OK.
  grpc::Status CallUnary(const google::protobuf::MethodDescriptor& method,
                         const google::protobuf::Message& request, google::protobuf::Message& response,
                         const CallIdentity& who) const;

  // A context for a typed stub's call with `who` and the deadline.
  std::unique_ptr<grpc::ClientContext> Context(const CallIdentity& who) const;
  std::chrono::milliseconds deadline() const { return deadline_; }

 private:
  std::map<std::string, std::shared_ptr<grpc::Channel>, std::less<>> channels_;
  std::chrono::milliseconds deadline_;
  metrics::ServiceMetrics* metrics_;
};

// TLS credentials for the services from a CA file and, for services that
// require client certificates, a certificate and key (config::LoadClientTls);
// insecure credentials when none is named. Throws std::runtime_error naming
// an unusable file.
std::shared_ptr<grpc::ChannelCredentials> BackendCredentials(const std::string& ca_file,
                                                             const std::string& cert_file,
                                                             const std::string& key_file);

}  // namespace ansinh::console
