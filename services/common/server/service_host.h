#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "auth/token_store.h"
#include "config/service_config.h"
#include "events/consumer_runner.h"
#include "metrics/metrics_endpoint.h"
#include "personal_data/envelope_key_opener.h"
#include "personal_data/key_ring.h"
#include "server/request_executor.h"

namespace ansinh::server {

// Everything a service process shares: the gRPC server (callback API, health,
// reflection, the Operations service), the request executor with its Redis
// connections, the token store, the consumer runners and the order in which
// all of it stops. A service's main() parses flags, builds its service
// classes with executor() and tokens(), registers them and calls Run().
class ServiceHost {
 public:
  explicit ServiceHost(config::ServiceConfig config);
  ~ServiceHost();

  const config::ServiceConfig& config() const { return config_; }
  RequestExecutor& executor() { return *executor_; }
  auth::TokenStore& tokens() { return tokens_; }
  redis::RedisOptions RedisOptionsFor(const std::string& purpose) const;
  // The key-encryption keys of --personal-data-keys-dir; null without it.
  const std::shared_ptr<personal_data::KeyRing>& key_ring() const { return key_ring_; }

  void AddService(grpc::Service* service);
  // Streams this service publishes to, for Operations/GetServiceInfo.
  void AddPublishedStream(std::string stream);
  // A consumer runner the host starts on its own thread and stops on shutdown.
  // With a key ring, it opens the sealed personal fields of the events it
  // reads before its handler sees them.
  void AddConsumer(std::unique_ptr<events::ConsumerRunner> runner);

  // Starts serving, reports SERVING while Redis answers, and blocks until
  // SIGINT/SIGTERM; then stops in order: health NOT_SERVING, the gRPC server
  // drains in-flight calls (up to 10 s), the consumers finish their batch, the
  // workers finish queued work. Returns the process exit code.
  int Run();

  const std::vector<std::unique_ptr<events::ConsumerRunner>>& consumers() const { return consumers_; }
  const std::vector<std::string>& published_streams() const { return published_; }
  std::chrono::system_clock::time_point started_at() const { return started_at_; }
  bool redis_reachable() const { return redis_reachable_.load(); }
  // True from the shutdown signal on: long-lived streaming calls (an outside
  // consumer's subscription) end themselves so the drain does not wait for them.
  const std::atomic<bool>& stopping() const { return stopping_; }

 private:
  void WatchRedisHealth(grpc::Server& server);
  // Trims consumed entries of the published streams until shutdown
  // (events::StreamTrimmer), on a thread and connection of its own.
  void TrimPublishedStreams();
  // Reads each consumer group's lag into the metrics, at most every few seconds.
  void RefreshConsumerLag(redis::Connection& redis);

  config::ServiceConfig config_;
  auth::TokenStore tokens_;
  std::shared_ptr<personal_data::KeyRing> key_ring_;
  std::unique_ptr<personal_data::EnvelopeKeyOpener> envelope_opener_;
  std::unique_ptr<RequestExecutor> executor_;
  std::vector<grpc::Service*> services_;
  std::vector<std::string> published_;
  std::vector<std::unique_ptr<events::ConsumerRunner>> consumers_;
  std::vector<std::thread> consumer_threads_;
  std::unique_ptr<grpc::Service> operations_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> redis_reachable_{false};
  std::chrono::system_clock::time_point started_at_;
  // Prometheus metrics and their endpoint; null unless --metrics-port is set.
  std::unique_ptr<metrics::ServiceMetrics> metrics_;
  std::unique_ptr<metrics::MetricsEndpoint> metrics_endpoint_;
  std::chrono::steady_clock::time_point next_lag_refresh_{};
};

// The conventional main(): parses the shared flags (plus any `extra` options
// the service adds), configures logging, and returns the config. Exits the
// process with a usage message on bad flags.
config::ServiceConfig ParseServiceFlags(const std::string& service, int argc, char** argv,
                                        const std::function<void(CLI::App&)>& extra = {});

}  // namespace ansinh::server
