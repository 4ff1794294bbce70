#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

namespace ansinh::console {

// The console's HTTP figures, beside the backend calls that
// metrics::ServiceMetrics records (service="console"):
//   ansinh_console_http_requests_total{route, method, status}
//   ansinh_console_http_request_duration_seconds{route} (histogram)
//   ansinh_console_sessions (gauge)
// `route` is a bounded label (ApiRouteLabel, "/static", "/", "other").
class ConsoleMetrics {
 public:
  ConsoleMetrics();

  void RecordRequest(const std::string& route, const std::string& method, int status,
                     std::chrono::duration<double> latency);
  void SetSessions(double live);
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
  prometheus::Gauge& sessions_;
  std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, prometheus::Counter*> request_series_;
  std::map<std::string, prometheus::Histogram*> latency_series_;
};

}  // namespace ansinh::console
