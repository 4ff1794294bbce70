#include "console/console_metrics.h"

namespace ansinh::console {
namespace {

// From 0.5 ms (a static file) to 10 s (the backends' deadline).
prometheus::Histogram::BucketBoundaries HttpLatencyBuckets() {
  return {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

}  // namespace

ConsoleMetrics::ConsoleMetrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      requests_(prometheus::BuildCounter()
                    .Name("ansinh_console_http_requests_total")
                    .Help("HTTP requests the console answered, by route, method and status")
                    .Register(*registry_)),
      latency_(prometheus::BuildHistogram()
                   .Name("ansinh_console_http_request_duration_seconds")
                   .Help("Time from a request's headers to its answer, by route")
                   .Register(*registry_)),
      sessions_(prometheus::BuildGauge()
                    .Name("ansinh_console_sessions")
                    .Help("Console sessions alive")
                    .Register(*registry_)
                    .Add({})) {}

void ConsoleMetrics::RecordRequest(const std::string& route, const std::string& method, int status,
                                   std::chrono::duration<double> latency) {
  std::lock_guard lock(mutex_);
  auto& counter = request_series_[{route, method, status}];
  if (counter == nullptr) {
    counter = &requests_.Add({{"route", route}, {"method", method}, {"status", std::to_string(status)}});
  }
  counter->Increment();
  auto& histogram = latency_series_[route];
  if (histogram == nullptr) histogram = &latency_.Add({{"route", route}}, HttpLatencyBuckets());
  histogram->Observe(latency.count());
}

void ConsoleMetrics::SetSessions(double live) { sessions_.Set(live); }

}  // namespace ansinh::console
