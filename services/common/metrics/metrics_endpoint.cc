#include "metrics/metrics_endpoint.h"

#include <prometheus/exposer.h>

#include <stdexcept>

namespace ansinh::metrics {

std::string HostPort(const std::string& address, int port) {
  const bool bare_ipv6 = address.find(':') != std::string::npos && address.front() != '[';
  return (bare_ipv6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

MetricsEndpoint::MetricsEndpoint(const std::string& address, int port, const ServiceMetrics& metrics)
    : host_port_(HostPort(address, port)), port_(port) {
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(host_port_, 2);
  } catch (const std::exception& error) {
    throw std::runtime_error("metrics endpoint cannot listen on " + host_port_ +
                             " (port in use or address not local?): " + error.what());
  }
  // Port 0 binds a port the system picks: report the one bound.
  const std::vector<int> ports = exposer_->GetListeningPorts();
  if (!ports.empty()) port_ = ports.front();
  host_port_ = HostPort(address, port_);
  for (const auto& collectable : metrics.Collectables()) exposer_->RegisterCollectable(collectable);
}

MetricsEndpoint::~MetricsEndpoint() = default;

void MetricsEndpoint::AddCollectable(const std::weak_ptr<prometheus::Collectable>& collectable) {
  exposer_->RegisterCollectable(collectable);
}

}  // namespace ansinh::metrics
