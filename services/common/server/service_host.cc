#include "server/service_host.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "config/tls_material.h"
#include "events/stream_trimmer.h"
#include "logging/logging.h"
#include "metrics/consumer_lag.h"
#include "metrics/rpc_metrics_interceptor.h"
#include "redis/redis_error.h"
#include "server/operations_service.h"
#include "server/ports_file.h"
#include "server/shutdown_signal.h"

namespace ansinh::server {
namespace {

constexpr auto kHealthProbeInterval = std::chrono::milliseconds(500);
constexpr auto kDrainDeadline = std::chrono::seconds(10);
constexpr auto kLagRefreshInterval = std::chrono::seconds(5);

// TLS credentials from the configured PEM files, plaintext when none is
// named, null (with `error`) when the files are wrong.
std::shared_ptr<grpc::ServerCredentials> ServerCredentialsFor(const config::ServiceConfig& config,
                                                              std::string& error) {
  const config::TlsLoad load =
      config::LoadServerTls(config.tls_cert_file, config.tls_key_file, config.tls_client_ca_file);
  if (!load.ok()) {
    error = load.error;
    return nullptr;
  }
  if (!load.tls) return grpc::InsecureServerCredentials();
  const bool require_client = !load.tls->trusted_ca.empty();
  grpc::SslServerCredentialsOptions options(require_client
                                                ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                                : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  options.pem_root_certs = load.tls->trusted_ca;
  options.pem_key_cert_pairs.push_back({load.tls->private_key, load.tls->certificate_chain});
  return grpc::SslServerCredentials(options);
}

// PING through `probe`; the reason it failed, or empty when Redis answered.
// Error texts name the host and what Redis said (WRONGPASS, NOPERM...), never
// the password.
std::string ProbeRedis(redis::Connection& probe) {
  try {
    const redis::Reply reply = probe.Command({"PING"});
    return reply.str == "PONG" ? "" : "unexpected PING reply " + reply.str;
  } catch (const redis::RedisError& error) {
    return error.what();
  }
}

}  // namespace

config::ServiceConfig ParseServiceFlags(const std::string& service, int argc, char** argv,
                                        const std::function<void(CLI::App&)>& extra) {
  config::ServiceConfig config;
  config.service = service;
  CLI::App app{"ansinh " + service + " service"};
  config::AddServiceOptions(app, config);
  if (extra) extra(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    std::exit(app.exit(error));
  }
  config::FinishServiceConfig(config);
  try {
    logging::Configure(service, config.log_format, config.log_level);
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    std::exit(2);
  }
  const std::vector<std::string> problems = config::ConfigProblems(config);
  for (const std::string& problem : problems) spdlog::critical("cannot start: {}", problem);
  if (!problems.empty()) std::exit(2);
  return config;
}

ServiceHost::ServiceHost(config::ServiceConfig config)
    : config_(std::move(config)), tokens_(config_.tokens_file) {
  tokens_.Load();
  if (config_.personal_data_keys_dir.empty()) {
    spdlog::warn(
        "no --personal-data-keys-dir: names, CCCDs, incomes and health facts are kept and read in clear "
        "(docs/data-protection.md)");
  } else {
    // Throws KeyFileError naming the file when a key cannot be used.
    key_ring_ = personal_data::KeyRingOf(config_.personal_data_keys_dir,
                                         personal_data::KeyFileAccessOf(config_.allow_shared_secret_files));
    envelope_opener_ = std::make_unique<personal_data::EnvelopeKeyOpener>(*key_ring_);
    spdlog::info("personal fields sealed and opened with the key-encryption keys of {} (current {})",
                 config_.personal_data_keys_dir, key_ring_->Current().id);
  }
  executor_ = std::make_unique<RequestExecutor>(RedisOptionsFor("rpc"), config_.workers, tokens_);
  operations_ = std::make_unique<OperationsService>(*this);
  if (config_.metrics_port > 0 || config_.metrics_any_port) {
    metrics_ = std::make_unique<metrics::ServiceMetrics>(config_.service);
    // Throws when the port is taken: start-up fails with the address named.
    // Port 0 (--metrics-any-port) binds one the system picks.
    metrics_endpoint_ = std::make_unique<metrics::MetricsEndpoint>(
        config_.metrics_address, config_.metrics_any_port ? 0 : config_.metrics_port, *metrics_);
    spdlog::info("metrics on {}", metrics_endpoint_->url());
  }
}

ServiceHost::~ServiceHost() {
  for (auto& runner : consumers_) runner->RequestStop();
  for (auto& thread : consumer_threads_) {
    if (thread.joinable()) thread.join();
  }
}

redis::RedisOptions ServiceHost::RedisOptionsFor(const std::string& purpose) const {
  return config_.RedisOptionsFor("ansinh-" + config_.service + "-" + purpose);
}

void ServiceHost::AddService(grpc::Service* service) { services_.push_back(service); }

void ServiceHost::AddPublishedStream(std::string stream) { published_.push_back(std::move(stream)); }

void ServiceHost::AddConsumer(std::unique_ptr<events::ConsumerRunner> runner) {
  if (metrics_) runner->SetObserver(metrics_.get());
  if (envelope_opener_) runner->SetOpener(envelope_opener_.get());
  consumers_.push_back(std::move(runner));
}

void ServiceHost::WatchRedisHealth(grpc::Server& server) {
  redis::RedisOptions options = RedisOptionsFor("health");
  options.command_timeout = std::chrono::milliseconds(400);
  redis::Connection probe(std::move(options));
  bool last = false;
  bool first = true;
  std::string last_reason;
  while (!stopping_.load()) {
    const std::string reason = ProbeRedis(probe);
    const bool reachable = reason.empty();
    redis_reachable_.store(reachable);
    if (metrics_) {
      metrics_->SetRedisUp(reachable);
      if (reachable) RefreshConsumerLag(probe);
    }
    // Log each change of state, and a new reason while unreachable (a
    // refused password reads differently from a Redis that is down).
    if (reachable != last || first || reason != last_reason) {
      server.GetHealthCheckService()->SetServingStatus(reachable);
      if (reachable) {
        spdlog::info("redis reachable: SERVING");
      } else {
        spdlog::warn("redis unusable at {}:{} ({}): NOT_SERVING", config_.redis_host, config_.redis_port,
                     reason);
      }
      last = reachable;
      last_reason = reason;
      first = false;
    }
    for (auto slept = std::chrono::milliseconds(0); slept < kHealthProbeInterval && !stopping_.load();
         slept += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

void ServiceHost::TrimPublishedStreams() {
  if (config_.stream_trim_interval_seconds == 0 || published_.empty()) return;
  redis::Connection redis(RedisOptionsFor("stream-trimmer"));
  events::StreamTrimmer trimmer(published_, std::chrono::seconds(config_.stream_retention_seconds));
  trimmer.Run(redis, std::chrono::seconds(config_.stream_trim_interval_seconds), stopping_);
}

void ServiceHost::RefreshConsumerLag(redis::Connection& redis) {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_lag_refresh_) return;
  next_lag_refresh_ = now + kLagRefreshInterval;
  for (const auto& runner : consumers_) {
    const std::string& group = runner->options().group;
    for (const std::string& stream : runner->streams()) {
      try {
        const auto lag = metrics::ConsumerLagOf(redis.Command({"XINFO", "GROUPS", stream}), group);
        if (lag) metrics_->SetConsumerLag(group, stream, *lag);
      } catch (const redis::RedisError& error) {
        // The stream or group is not there yet (the runner creates both), or
        // Redis just went away: the next probe says which.
        spdlog::debug("consumer lag of {} on {}: {}", group, stream, error.what());
      }
    }
  }
}

int ServiceHost::Run() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  std::string tls_error;
  std::shared_ptr<grpc::ServerCredentials> credentials = ServerCredentialsFor(config_, tls_error);
  if (!credentials) {
    spdlog::critical("cannot start: {}", tls_error);
    return 2;
  }
  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(config_.listen, credentials, &bound_port);
  // gRPC binds with SO_REUSEPORT by default on Linux: a second process,
  // a rogue one included, could then listen on the same address and take
  // part of the connections (and their tokens). Off: a taken port is an
  // error at start.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // A request past the bound fails with RESOURCE_EXHAUSTED before any work.
  builder.SetMaxReceiveMessageSize(config_.max_request_bytes);
  // The request guard on every call (field limits, unparseable requests:
  // server/request_guard.h), then the metrics, which so count its refusals.
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<RequestGuardFactory>(executor_->refusals()));
  if (metrics_) interceptors.push_back(std::make_unique<metrics::RpcMetricsInterceptorFactory>(*metrics_));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  for (grpc::Service* service : services_) builder.RegisterService(service);
  builder.RegisterService(operations_.get());
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) {
    spdlog::critical(
        "cannot listen on {}: the address is taken by another process (or is not an address of this "
        "host); {} does not share its port. Stop the other process or choose another --listen address",
        config_.listen, config_.service);
    return 3;
  }
  started_at_ = std::chrono::system_clock::now();
  // Until the first probe answers, the service is not ready.
  server->GetHealthCheckService()->SetServingStatus(false);
  spdlog::info("{} listening on {} (port {})", config_.service, config_.listen, bound_port);
  if (!config_.ports_file.empty() && !WritePortsFile(config_.ports_file, "grpc", bound_port,
                                                     metrics_endpoint_ ? metrics_endpoint_->port() : 0)) {
    spdlog::critical("cannot write the ports file {}", config_.ports_file);
    server->Shutdown();
    return 2;
  }
  spdlog::info("configuration: {}", config::DescribeForLog(config_));
  if (config_.tls_cert_file.empty() && !config::IsLoopbackListen(config_.listen)) {
    spdlog::warn(
        "plaintext gRPC on {}: bearer tokens and household data cross the network "
        "unencrypted; give --tls-cert-file and --tls-key-file",
        config_.listen);
  }

  std::thread health([this, &server] { WatchRedisHealth(*server); });
  std::thread trimmer([this] { TrimPublishedStreams(); });
  for (auto& runner : consumers_) {
    consumer_threads_.emplace_back([runner = runner.get()] { runner->Run(); });
  }

  const int signal = WaitForShutdownSignal();
  spdlog::info("received signal {}: shutting down", signal);
  stopping_.store(true);
  health.join();
  trimmer.join();
  server->GetHealthCheckService()->SetServingStatus(false);
  server->Shutdown(std::chrono::system_clock::now() + kDrainDeadline);
  for (auto& runner : consumers_) runner->RequestStop();
  for (auto& thread : consumer_threads_) thread.join();
  consumer_threads_.clear();
  executor_->Shutdown();
  server->Wait();
  spdlog::info("{} stopped cleanly", config_.service);
  return 0;
}

}  // namespace ansinh::server
