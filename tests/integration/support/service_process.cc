#include "service_process.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "personal_data/key_ring.h"

namespace ansinh::testkit {

ServiceProcess::ServiceProcess(std::string service, const RedisBackend& redis, std::string tokens_file,
                               std::string dir, std::vector<std::string> extra_args)
    : service_(std::move(service)),
      redis_(redis),
      tokens_file_(std::move(tokens_file)),
      dir_(std::move(dir)),
      extra_args_(std::move(extra_args)),
      redis_password_file_(redis_.accounts().admin_password_file()),
      instance_(NextInstanceNumber()) {
  const std::vector<std::string>& users = ServiceRedisUsers();
  if (std::find(users.begin(), users.end(), service_) != users.end()) {
    redis_user_ = service_;
    redis_password_file_ = redis_.accounts().service_password_file(service_);
  }
}

int ServiceProcess::NextInstanceNumber() {
  static std::atomic<int> started{0};
  return ++started;
}

void ServiceProcess::EnableTls(ServerTlsFiles server, ClientTlsFiles client) {
  server_tls_ = std::move(server);
  client_tls_ = std::move(client);
  channel_.reset();
}

void ServiceProcess::SetRedisCredentials(std::string user, std::string password_file) {
  redis_user_ = std::move(user);
  redis_password_file_ = std::move(password_file);
}

void ServiceProcess::Start() {
  StartListening();
  if (!WaitForHealth(grpc::health::v1::HealthCheckResponse::SERVING, std::chrono::seconds(20))) {
    throw std::runtime_error(service_ + " did not report SERVING; log:\n" + process_.ReadLog());
  }
}

void ServiceProcess::StartListening() {
  // The first start binds a port the system picks (no race with anything
  // else on the machine); a restart asks for the same one again, as a
  // restarted service would, so addresses the test holds stay good.
  const std::string base = dir_ + "/" + service_ + "-" + std::to_string(instance_);
  const std::string ports_file = base + ".ports";
  std::filesystem::remove(ports_file);
  std::vector<std::string> argv{std::string(ANSINH_BIN_DIR) + "/ansinh-" + service_,
                                "--listen",
                                "127.0.0.1:" + std::to_string(port_),
                                "--ports-file",
                                ports_file,
                                "--redis-port",
                                std::to_string(redis_.port()),
                                "--redis-password-file",
                                redis_password_file_,
                                "--tokens-file",
                                tokens_file_,
                                "--consumer-name",
                                service_ + "-test",
                                "--claim-idle-ms",
                                "1000"};
  if (!redis_user_.empty()) argv.insert(argv.end(), {"--redis-user", redis_user_});
  if (redis_.cluster()) argv.push_back("--redis-cluster");
  if (server_tls_) {
    argv.insert(argv.end(),
                {"--tls-cert-file", server_tls_->cert_file, "--tls-key-file", server_tls_->key_file});
    if (!server_tls_->client_ca_file.empty()) {
      argv.insert(argv.end(), {"--tls-client-ca-file", server_tls_->client_ca_file});
    }
  }
  if (metrics_port_ == 0 && want_metrics_) argv.push_back("--metrics-any-port");
  if (metrics_port_ != 0) argv.insert(argv.end(), {"--metrics-port", std::to_string(metrics_port_)});
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  if (std::find(extra_args_.begin(), extra_args_.end(), "--personal-data-keys-dir") == extra_args_.end()) {
    argv.insert(argv.end(), {"--personal-data-keys-dir", PersonalDataKeysDir()});
  }
  // Instances of one service share the directory: each logs under its number.
  process_.Start(argv, base + ".log");
  // Connect gRPC only once the service listens (it writes the ports file
  // then): a channel that starts connecting before the server listens can
  // stall for seconds in half-finished handshakes, which also delays the
  // server's shutdown.
  const std::optional<nlohmann::json> ports = WaitForPortsFile(ports_file, std::chrono::seconds(20));
  if (!ports) {
    throw std::runtime_error(service_ + " did not report listening in " + ports_file + "; log:\n" +
                             process_.ReadLog());
  }
  port_ = ports->at("grpc").get<int>();
  if (ports->contains("metrics")) metrics_port_ = ports->at("metrics").get<int>();
  channel_.reset();
}

std::string ServiceProcess::PersonalDataKeysDir() const {
  const std::filesystem::path keys = std::filesystem::path(dir_) / "personal-data-keys";
  if (!std::filesystem::exists(keys)) personal_data::CreateKek(keys, "20260101T000000Z");
  return keys.string();
}

std::optional<nlohmann::json> ServiceProcess::WaitForPortsFile(const std::string& path,
                                                               std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    // The service renames the file into place whole: once it opens, it parses.
    std::ifstream in(path);
    if (in) return nlohmann::json::parse(in);
    if (!process_.running()) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

std::shared_ptr<grpc::Channel> ServiceProcess::channel() {
  if (!channel_) {
    channel_ = TestChannel(address(),
                           client_tls_ ? TlsCredentials(*client_tls_) : grpc::InsecureChannelCredentials());
  }
  return channel_;
}

namespace {

std::string ReadPem(const std::string& path) {
  if (path.empty()) return "";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::shared_ptr<grpc::ChannelCredentials> TlsCredentials(const ClientTlsFiles& files) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadPem(files.ca_file);
  options.pem_cert_chain = ReadPem(files.cert_file);
  options.pem_private_key = ReadPem(files.key_file);
  return grpc::SslCredentials(options);
}

std::shared_ptr<grpc::Channel> TestChannel(const std::string& address,
                                           std::shared_ptr<grpc::ChannelCredentials> credentials) {
  // Tests start services and poll them at once: reconnect quickly instead
  // of gRPC's default backoff of a second and more.
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 50);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 250);
  return grpc::CreateCustomChannel(address, std::move(credentials), arguments);
}

std::optional<ServingStatus> ServiceProcess::Health() {
  auto stub = grpc::health::v1::Health::NewStub(channel());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  if (!stub->Check(&context, request, &response).ok()) return std::nullopt;
  return response.status();
}

bool ServiceProcess::WaitForHealth(ServingStatus wanted, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (Health() == wanted) return true;
    if (!process_.running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::optional<int> ServiceProcess::Terminate() {
  channel_.reset();
  return process_.Stop(SIGTERM, std::chrono::seconds(15));
}

std::unique_ptr<grpc::ClientContext> AuthorizedContext(const std::string& token,
                                                       std::chrono::milliseconds deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + deadline);
  return context;
}

}  // namespace ansinh::testkit
