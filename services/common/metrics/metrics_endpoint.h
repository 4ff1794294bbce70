#pragma once

#include <memory>
#include <string>

#include "metrics/service_metrics.h"

namespace prometheus {
class Collectable;
class Exposer;
}  // namespace prometheus

namespace ansinh::metrics {

// The HTTP endpoint Prometheus scrapes: GET /metrics on address:port, served
// by prometheus-cpp's embedded web server on its own two threads.
class MetricsEndpoint {
 public:
  // Binds at once, so a port already in use fails start-up instead of
  // leaving a service nobody can scrape: throws std::runtime_error naming the
  // address. `address` is a host name or IP (IPv6 without brackets is fine);
  // port 0 binds a free port the system picks, which port() then reports.
  MetricsEndpoint(const std::string& address, int port, const ServiceMetrics& metrics);
  ~MetricsEndpoint();

  int port() const { return port_; }
  // Serves `collectable`'s figures too (a program's own registry beside the
  // service's: the console's HTTP figures).
  void AddCollectable(const std::weak_ptr<prometheus::Collectable>& collectable);
  // http://address:port/metrics
  std::string url() const { return "http://" + host_port_ + "/metrics"; }

 private:
  std::string host_port_;
  int port_ = 0;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

// "127.0.0.1:9101", "[::1]:9101": the address as a listening-port spec.
std::string HostPort(const std::string& address, int port);

}  // namespace ansinh::metrics
