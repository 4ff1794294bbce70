#include "metrics/service_metrics.h"

#include <prometheus/text_serializer.h>

#include <algorithm>

#include "metrics/process_collector.h"

namespace ansinh::metrics {
namespace {

// Seconds. RPCs served from Redis take a fraction of a millisecond; imports
// and searches over the whole ward take seconds.
const prometheus::Histogram::BucketBoundaries kRpcBuckets{
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// Seconds from publish to apply: milliseconds when consumers keep up, minutes
// after a consumer was down or stuck behind a failing event.
const prometheus::Histogram::BucketBoundaries kApplyBuckets{
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800};

}  // namespace

ServiceMetrics::ServiceMetrics(std::string service)
    : service_(std::move(service)),
      registry_(std::make_shared<prometheus::Registry>()),
      process_(std::make_shared<ProcessCollector>(service_)),
      rpc_requests_(prometheus::BuildCounter()
                        .Name("ansinh_rpc_requests_total")
                        .Help("RPCs served, by method and gRPC status code")
                        .Labels({{"service", service_}})
                        .Register(*registry_)),
      rpc_latency_(prometheus::BuildHistogram()
                       .Name("ansinh_rpc_latency_seconds")
                       .Help("Time from the start of an RPC to its status, by method")
                       .Labels({{"service", service_}})
                       .Register(*registry_)),
      events_applied_(prometheus::BuildCounter()
                          .Name("ansinh_events_applied_total")
                          .Help("Events whose effect a consumer group committed")
                          .Labels({{"service", service_}})
                          .Register(*registry_)),
      event_apply_latency_(prometheus::BuildHistogram()
                               .Name("ansinh_event_apply_latency_seconds")
                               .Help("Time from an event's publication (its stream entry id) to "
                                     "the commit of its effect, by consumer group")
                               .Labels({{"service", service_}})
                               .Register(*registry_)),
      consumer_lag_(prometheus::BuildGauge()
                        .Name("ansinh_consumer_lag")
                        .Help("Stream entries a consumer group has not yet finished: never "
                              "delivered plus delivered but not acknowledged")
                        .Labels({{"service", service_}})
                        .Register(*registry_)),
      dead_letters_(prometheus::BuildCounter()
                        .Name("ansinh_dead_letters_total")
                        .Help("Events moved to the consumer group's dead-letter stream")
                        .Labels({{"service", service_}})
                        .Register(*registry_)),
      redis_up_(prometheus::BuildGauge()
                    .Name("ansinh_redis_up")
                    .Help("1 when the service's last Redis health probe answered, else 0")
                    .Labels({{"service", service_}})
                    .Register(*registry_)
                    .Add({})) {}

ServiceMetrics::~ServiceMetrics() = default;

ServiceMetrics::RpcEntry& ServiceMetrics::RpcSeriesFor(const std::string& method) {
  auto found = rpc_series_.find(method);
  if (found == rpc_series_.end()) {
    const std::string label = rpc_series_.size() < kMaxRpcMethods ? method : kOtherMethod;
    found = rpc_series_.try_emplace(label).first;
    if (found->second.latency == nullptr) {
      found->second.latency = &rpc_latency_.Add({{"method", label}}, kRpcBuckets);
    }
  }
  return *found;
}

void ServiceMetrics::RecordRpc(const std::string& method, const std::string& code,
                               std::chrono::duration<double> latency) {
  std::lock_guard lock(mutex_);
  auto& [label, series] = RpcSeriesFor(method);
  prometheus::Counter*& requests = series.requests[code];
  if (requests == nullptr) requests = &rpc_requests_.Add({{"method", label}, {"code", code}});
  requests->Increment();
  series.latency->Observe(std::max(0.0, latency.count()));
}

ServiceMetrics::GroupSeries& ServiceMetrics::GroupSeriesFor(const std::string& group) {
  GroupSeries& series = group_series_[group];
  if (series.applied == nullptr) {
    series.applied = &events_applied_.Add({{"group", group}});
    series.apply_latency = &event_apply_latency_.Add({{"group", group}}, kApplyBuckets);
    series.dead_letters = &dead_letters_.Add({{"group", group}});
  }
  return series;
}

void ServiceMetrics::OnApplied(const std::string& group, std::chrono::microseconds since_published) {
  std::lock_guard lock(mutex_);
  GroupSeries& series = GroupSeriesFor(group);
  series.applied->Increment();
  // The entry id comes from the Redis server's clock; a few milliseconds of
  // skew against ours must not produce a negative observation.
  series.apply_latency->Observe(std::max(0.0, std::chrono::duration<double>(since_published).count()));
}

void ServiceMetrics::OnDeadLettered(const std::string& group) {
  std::lock_guard lock(mutex_);
  GroupSeriesFor(group).dead_letters->Increment();
}

void ServiceMetrics::SetConsumerLag(const std::string& group, const std::string& stream, int64_t entries) {
  std::lock_guard lock(mutex_);
  // Creating the group's series here too means a consumer that has applied
  // nothing yet still shows ansinh_events_applied_total 0, not a gap.
  GroupSeriesFor(group);
  prometheus::Gauge*& gauge = lag_series_[{group, stream}];
  if (gauge == nullptr) gauge = &consumer_lag_.Add({{"group", group}, {"stream", stream}});
  gauge->Set(static_cast<double>(entries));
}

void ServiceMetrics::SetRedisUp(bool up) { redis_up_.Set(up ? 1 : 0); }

std::vector<std::weak_ptr<prometheus::Collectable>> ServiceMetrics::Collectables() const {
  return {registry_, process_};
}

std::string ServiceMetrics::ExpositionText() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (auto& family : process_->Collect()) families.push_back(std::move(family));
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace ansinh::metrics
