#include "client_options.h"

#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

#include "config/tls_material.h"
#include "words.h"

namespace ansinh::cli {

void AddClientOptions(CLI::App& app, ClientOptions& options) {
  app.add_option("--registry", options.registry, Tr("help.option.registry"))
      ->envname("ANSINH_REGISTRY_ADDRESS")
      ->capture_default_str();
  app.add_option("--classification", options.classification, Tr("help.option.classification"))
      ->envname("ANSINH_CLASSIFICATION_ADDRESS")
      ->capture_default_str();
  app.add_option("--assignment", options.assignment, Tr("help.option.assignment"))
      ->envname("ANSINH_ASSIGNMENT_ADDRESS")
      ->capture_default_str();
  app.add_option("--monitoring", options.monitoring, Tr("help.option.monitoring"))
      ->envname("ANSINH_MONITORING_ADDRESS")
      ->capture_default_str();
  app.add_option("--token", options.token, Tr("help.option.token"))->envname("ANSINH_TOKEN");
  app.add_option("--token-file", options.token_file, Tr("help.option.token_file"))
      ->envname("ANSINH_TOKEN_FILE")
      ->capture_default_str();
  app.add_flag("--json", options.json, Tr("help.option.json"));
  app.add_option("--timeout", options.timeout_seconds, Tr("help.option.timeout"))
      ->envname("ANSINH_TIMEOUT")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  // The environment names differ from the services' ANSINH_TLS_CERT_FILE and
  // ANSINH_TLS_KEY_FILE so that a shell set up to start a service does not
  // make the CLI present the server's certificate as its own.
  app.add_option("--tls-ca-file", options.tls_ca_file, Tr("help.option.tls_ca_file"))
      ->envname("ANSINH_TLS_CA_FILE");
  app.add_option("--tls-cert-file", options.tls_cert_file, Tr("help.option.tls_cert_file"))
      ->envname("ANSINH_TLS_CLIENT_CERT_FILE");
  app.add_option("--tls-key-file", options.tls_key_file, Tr("help.option.tls_key_file"))
      ->envname("ANSINH_TLS_CLIENT_KEY_FILE");
}

std::string ClientOptions::Token() const {
  if (!token.empty()) return token;
  std::ifstream in(token_file);
  std::string line;
  if (!in || !std::getline(in, line) || line.empty()) {
    throw std::runtime_error(Tr("cli.error.no_token"));
  }
  return line;
}

std::shared_ptr<grpc::ChannelCredentials> ClientOptions::ChannelCredentials() const {
  const config::TlsLoad load = config::LoadClientTls(tls_ca_file, tls_cert_file, tls_key_file);
  if (!load.ok()) throw std::runtime_error(load.error);
  if (!load.tls) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = load.tls->trusted_ca;
  ssl.pem_private_key = load.tls->private_key;
  ssl.pem_cert_chain = load.tls->certificate_chain;
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> ClientOptions::Channel(const std::string& address) const {
  // One channel per address for the life of the command.
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  std::lock_guard lock(mutex);
  auto& channel = channels[address];
  if (!channel) {
    // `status --wait` polls services that are still starting: retry the
    // connection quickly rather than after gRPC's default backoff (1 s+).
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
    arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
    arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
    // Import results for a large file exceed the default 4 MiB.
    arguments.SetMaxReceiveMessageSize(256 * 1024 * 1024);
    channel = grpc::CreateCustomChannel(address, ChannelCredentials(), arguments);
  }
  return channel;
}

std::unique_ptr<grpc::ClientContext> ClientOptions::Context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + Token());
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(timeout_seconds));
  return context;
}

}  // namespace ansinh::cli
