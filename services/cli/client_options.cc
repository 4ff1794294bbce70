#include "client_options.h"

#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

namespace ansinh::cli {

void AddClientOptions(CLI::App& app, ClientOptions& options) {
  app.add_option("--registry", options.registry, "Registry address")
      ->envname("ANSINH_REGISTRY_ADDRESS")->capture_default_str();
  app.add_option("--classification", options.classification, "Classification address")
      ->envname("ANSINH_CLASSIFICATION_ADDRESS")->capture_default_str();
  app.add_option("--assignment", options.assignment, "Support-assignment address")
      ->envname("ANSINH_ASSIGNMENT_ADDRESS")->capture_default_str();
  app.add_option("--monitoring", options.monitoring, "Monitoring address")
      ->envname("ANSINH_MONITORING_ADDRESS")->capture_default_str();
  app.add_option("--token", options.token, "Bearer token (prefer --token-file: argv is visible)")
      ->envname("ANSINH_TOKEN");
  app.add_option("--token-file", options.token_file, "File holding the bearer token")
      ->envname("ANSINH_TOKEN_FILE")->capture_default_str();
  app.add_flag("--json", options.json, "Print JSON instead of tables");
  app.add_option("--timeout", options.timeout_seconds, "Seconds before a call gives up")
      ->envname("ANSINH_TIMEOUT")->check(CLI::Range(1, 3600))->capture_default_str();
}

std::string ClientOptions::Token() const {
  if (!token.empty()) return token;
  std::ifstream in(token_file);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) {
    throw std::runtime_error("no token: pass --token-file (e.g. var/tokens/ward_officer.token, "
                             "created by `make run`) or set ANSINH_TOKEN_FILE");
  }
  return line;
}

std::shared_ptr<grpc::Channel> ClientOptions::Channel(const std::string& address) const {
  // One channel per address for the life of the command.
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  std::lock_guard lock(mutex);
  auto& channel = channels[address];
  if (!channel) channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  return channel;
}

std::unique_ptr<grpc::ClientContext> ClientOptions::Context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + Token());
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(timeout_seconds));
  return context;
}

}  // namespace ansinh::cli
