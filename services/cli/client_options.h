#pragma once

#include <grpcpp/grpcpp.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace ansinh::cli {

// Global options of the `ansinh` command, shared by every subcommand. Each
// has an ANSINH_* environment variable; flags win.
struct ClientOptions {
  std::string registry = "127.0.0.1:50051";
  std::string classification = "127.0.0.1:50052";
  std::string assignment = "127.0.0.1:50053";
  std::string monitoring = "127.0.0.1:50054";
  std::string token;
  std::string token_file = "var/tokens/ward_officer.token";
  bool json = false;
  int timeout_seconds = 30;
  // TLS: on as soon as one is given. The CA that signed the services'
  // certificates (empty: the system roots); a client certificate and key
  // for services started with --tls-client-ca-file.
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;

  // The bearer token: --token, else the first line of --token-file. Throws
  // std::runtime_error saying how to provide one.
  std::string Token() const;
  std::shared_ptr<grpc::Channel> Channel(const std::string& address) const;
  // TLS credentials from the --tls-* files, or insecure ones when none is
  // given. Throws std::runtime_error naming a missing or unusable file.
  std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials() const;
  // A context with the bearer token and the deadline.
  std::unique_ptr<grpc::ClientContext> Context() const;
};

void AddClientOptions(CLI::App& app, ClientOptions& options);

}  // namespace ansinh::cli
