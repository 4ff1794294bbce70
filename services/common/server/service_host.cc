#include "server/service_host.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "logging/logging.h"
#include "server/operations_service.h"
#include "server/shutdown_signal.h"

namespace ansinh::server {
namespace {

constexpr auto kHealthProbeInterval = std::chrono::milliseconds(500);
constexpr auto kDrainDeadline = std::chrono::seconds(10);

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
  return config;
}

ServiceHost::ServiceHost(config::ServiceConfig config)
    : config_(std::move(config)), tokens_(config_.tokens_file) {
  tokens_.Load();
  executor_ = std::make_unique<RequestExecutor>(RedisOptionsFor("rpc"), config_.workers, tokens_);
  operations_ = std::make_unique<OperationsService>(*this);
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
  consumers_.push_back(std::move(runner));
}

void ServiceHost::WatchRedisHealth(grpc::Server& server) {
  redis::RedisOptions options = RedisOptionsFor("health");
  options.command_timeout = std::chrono::milliseconds(400);
  redis::Connection probe(std::move(options));
  bool last = false;
  bool first = true;
  while (!stopping_.load()) {
    const bool reachable = probe.Ping();
    redis_reachable_.store(reachable);
    if (reachable != last || first) {
      server.GetHealthCheckService()->SetServingStatus(reachable);
      if (reachable) {
        spdlog::info("redis reachable: SERVING");
      } else {
        spdlog::warn("redis unreachable at {}:{}: NOT_SERVING", config_.redis_host,
                     config_.redis_port);
      }
      last = reachable;
      first = false;
    }
    for (auto slept = std::chrono::milliseconds(0); slept < kHealthProbeInterval && !stopping_.load();
         slept += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

int ServiceHost::Run() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(config_.listen, grpc::InsecureServerCredentials(), &bound_port);
  for (grpc::Service* service : services_) builder.RegisterService(service);
  builder.RegisterService(operations_.get());
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) {
    spdlog::critical("cannot listen on {} (address in use or invalid)", config_.listen);
    return 3;
  }
  started_at_ = std::chrono::system_clock::now();
  // Until the first probe answers, the service is not ready.
  server->GetHealthCheckService()->SetServingStatus(false);
  spdlog::info("{} listening on {} (port {})", config_.service, config_.listen, bound_port);

  std::thread health([this, &server] { WatchRedisHealth(*server); });
  for (auto& runner : consumers_) {
    consumer_threads_.emplace_back([runner = runner.get()] { runner->Run(); });
  }

  const int signal = WaitForShutdownSignal();
  spdlog::info("received signal {}: shutting down", signal);
  stopping_.store(true);
  health.join();
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
