#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "events/consumer_observer.h"

namespace ansinh::metrics {

// Label value that stands for every RPC method beyond kMaxRpcMethods, so a
// client calling made-up method names cannot grow the registry without bound.
inline constexpr char kOtherMethod[] = "other";
inline constexpr size_t kMaxRpcMethods = 256;

// The Prometheus metrics of one service process, all named ansinh_* and
// labelled service="<service>". RPC figures come from the gRPC interceptor,
// consumer figures from the runners (as their ConsumerObserver), Redis
// reachability and consumer lag from the host's health watcher. Every method
// is thread-safe. Serving them over HTTP is MetricsEndpoint's job.
class ServiceMetrics final : public events::ConsumerObserver {
 public:
  explicit ServiceMetrics(std::string service);
  ~ServiceMetrics() override;

  // One finished RPC: `method` as "package.Service/Method", `code` a gRPC
  // status code name such as "OK" or "INVALID_ARGUMENT".
  void RecordRpc(const std::string& method, const std::string& code, std::chrono::duration<double> latency);

  void OnApplied(const std::string& group, std::chrono::microseconds since_published) override;
  void OnDeadLettered(const std::string& group) override;

  // Entries of `stream` that `group` has not finished (undelivered plus
  // unacknowledged), as last read from Redis.
  void SetConsumerLag(const std::string& group, const std::string& stream, int64_t entries);
  void SetRedisUp(bool up);

  const std::string& service() const { return service_; }
  // What /metrics serves: this registry and the process figures.
  std::vector<std::weak_ptr<prometheus::Collectable>> Collectables() const;
  // The Prometheus text exposition of everything above, as /metrics serves it.
  std::string ExpositionText() const;

 private:
  struct RpcSeries {
    prometheus::Histogram* latency = nullptr;
    std::map<std::string, prometheus::Counter*> requests;  // by code
  };
  struct GroupSeries {
    prometheus::Counter* applied = nullptr;
    prometheus::Histogram* apply_latency = nullptr;
    prometheus::Counter* dead_letters = nullptr;
  };
  using RpcEntry = std::pair<const std::string, RpcSeries>;  // method label, series
  // mutex_ held. The series of `method`, or of kOtherMethod once
  // kMaxRpcMethods distinct methods have been seen.
  RpcEntry& RpcSeriesFor(const std::string& method);
  GroupSeries& GroupSeriesFor(const std::string& group);  // mutex_ held; created on first use

  std::string service_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<prometheus::Collectable> process_;
  prometheus::Family<prometheus::Counter>& rpc_requests_;
  prometheus::Family<prometheus::Histogram>& rpc_latency_;
  prometheus::Family<prometheus::Counter>& events_applied_;
  prometheus::Family<prometheus::Histogram>& event_apply_latency_;
  prometheus::Family<prometheus::Gauge>& consumer_lag_;
  prometheus::Family<prometheus::Counter>& dead_letters_;
  prometheus::Gauge& redis_up_;

  // Families look series up by hashing labels on every Add; RPCs and events
  // are hot paths, so each series is looked up once and kept here.
  std::mutex mutex_;
  std::map<std::string, RpcSeries> rpc_series_;
  std::map<std::string, GroupSeries> group_series_;
  std::map<std::pair<std::string, std::string>, prometheus::Gauge*> lag_series_;
};

}  // namespace ansinh::metrics
