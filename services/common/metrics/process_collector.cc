#include "metrics/process_collector.h"

#include <fstream>
#include <utility>

namespace ansinh::metrics {
namespace {

prometheus::MetricFamily GaugeFamily(std::string name, std::string help, const std::string& service,
                                     double value) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = prometheus::MetricType::Gauge;
  prometheus::ClientMetric metric;
  metric.label.push_back({"service", service});
  metric.gauge.value = value;
  family.metric.push_back(std::move(metric));
  return family;
}

}  // namespace

int64_t ResidentMemoryBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    // "VmRSS:     12345 kB"
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return 0;
}

ProcessCollector::ProcessCollector(std::string service)
    : service_(std::move(service)), started_at_(std::chrono::system_clock::now()) {}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  const double started = std::chrono::duration<double>(started_at_.time_since_epoch()).count();
  return {
      GaugeFamily("ansinh_process_resident_memory_bytes", "Resident memory of the service process", service_,
                  static_cast<double>(ResidentMemoryBytes())),
      GaugeFamily("ansinh_process_start_time_seconds",
                  "When the service process started, in seconds since the Unix epoch", service_, started),
  };
}

}  // namespace ansinh::metrics
