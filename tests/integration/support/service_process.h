#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "redis_server.h"

namespace ansinh::testing {

using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

// One real service binary (build/bin/ansinh-<service>) on a free port,
// talking to the test's Redis.
class ServiceProcess {
 public:
  ServiceProcess(std::string service, const RedisServer& redis, std::string tokens_file,
                 std::string dir, std::vector<std::string> extra_args = {});

  // Starts the process and waits until it reports SERVING.
  void Start();
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
  bool running() { return process_.running(); }
  std::string log() const { return process_.ReadLog(); }

 private:
  std::string service_;
  const RedisServer& redis_;
  std::string tokens_file_;
  std::string dir_;
  std::vector<std::string> extra_args_;
  int port_;
  ChildProcess process_;
  std::shared_ptr<grpc::Channel> channel_;
};

// A client context carrying `token` as a bearer token, with a deadline.
std::unique_ptr<grpc::ClientContext> AuthorizedContext(
    const std::string& token, std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace ansinh::testing
