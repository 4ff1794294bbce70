#pragma once

#include <grpcpp/grpcpp.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "redis_server.h"

namespace ansinh::testkit {

using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

// PEM files a TLS client uses: the CA it trusts for the server and, for
// mutual TLS, its own certificate and key (empty: none presented).
struct ClientTlsFiles {
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
};

// PEM files a TLS service uses; client_ca_file non-empty requires client
// certificates signed by it.
struct ServerTlsFiles {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
};

// SSL channel credentials from the files (they must be readable).
std::shared_ptr<grpc::ChannelCredentials> TlsCredentials(const ClientTlsFiles& files);

// A fresh channel with the tests' quick reconnect settings.
std::shared_ptr<grpc::Channel> TestChannel(const std::string& address,
                                           std::shared_ptr<grpc::ChannelCredentials> credentials);

// One real service binary (build/bin/ansinh-<service>) on a port the system
// picks (--listen 127.0.0.1:0; the service reports it in --ports-file),
// talking to the test's Redis as the service's own ACL user (the rules of
// deploy/local/redis-acl/<service>.rules), as `make run` starts it.
class ServiceProcess {
 public:
  ServiceProcess(std::string service, const RedisBackend& redis, std::string tokens_file, std::string dir,
                 std::vector<std::string> extra_args = {});

  // Starts the process and waits until it reports SERVING.
  void Start();
  // Starts the process and waits only until its port accepts connections:
  // for a service that is expected not to become SERVING.
  void StartListening();
  // Before Start(): serve gRPC over TLS with `server`; channel() (and so the
  // health wait) then connects as a TLS client with `client`.
  void EnableTls(ServerTlsFiles server, ClientTlsFiles client);
  // Before Start(): authenticate to Redis as `user` with the password in
  // `password_file` instead of the service's own ACL user (an empty user:
  // Redis's default user, the admin).
  void SetRedisCredentials(std::string user, std::string password_file);
  const std::string& redis_user() const { return redis_user_; }
  const std::string& redis_password_file() const { return redis_password_file_; }
  // Before Start(): also serve /metrics, on a port the system picks.
  void EnableMetrics() { want_metrics_ = true; }
  // After Start(): the ports the service bound (metrics: 0 when not served).
  int port() const { return port_; }
  int metrics_port() const { return metrics_port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::shared_ptr<grpc::Channel> channel();

  // The overall health status, or nullopt when the server does not answer.
  std::optional<ServingStatus> Health();
  bool WaitForHealth(ServingStatus wanted, std::chrono::milliseconds timeout);
  // SIGTERM; returns the waitpid status, nullopt if it did not exit in 15 s.
  // Drops this object's channel first. The server's graceful shutdown pings
  // every open client connection; an idle test channel answers only when
  // gRPC's backup poller runs, so ctest sets
  // GRPC_CLIENT_CHANNEL_BACKUP_POLL_INTERVAL_MS low (tests/integration/CMakeLists.txt).
  std::optional<int> Terminate();
  void Kill() { process_.Kill(); }
  pid_t pid() const { return process_.pid(); }
  bool running() { return process_.running(); }
  std::string log() const { return process_.ReadLog(); }

  // The registry's key-encryption keys, as `make run` gives it one
  // (docs/data-protection.md): a directory in the test's with one KEK,
  // shared by the test's registry instances. A test that passes
  // --personal-data-keys-dir itself chooses its own.
  std::string PersonalDataKeysDir() const;

 private:
  std::string service_;
  const RedisBackend& redis_;
  std::string tokens_file_;
  std::string dir_;
  std::vector<std::string> extra_args_;
  std::string redis_user_;
  std::string redis_password_file_;
  std::optional<ServerTlsFiles> server_tls_;
  std::optional<ClientTlsFiles> client_tls_;
  static int NextInstanceNumber();
  // The service's ports file, parsed, once it appears; nullopt when the
  // process exits or `timeout` passes first.
  std::optional<nlohmann::json> WaitForPortsFile(const std::string& path, std::chrono::milliseconds timeout);

  // Names this object's log and ports files: instances of one service share
  // the directory.
  int instance_;
  // 0 until the first start has bound one.
  int port_ = 0;
  bool want_metrics_ = false;
  int metrics_port_ = 0;
  ChildProcess process_;
  std::shared_ptr<grpc::Channel> channel_;
};

// A client context carrying `token` as a bearer token, with a deadline.
std::unique_ptr<grpc::ClientContext> AuthorizedContext(
    const std::string& token, std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace ansinh::testkit
