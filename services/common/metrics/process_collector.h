#pragma once

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ansinh::metrics {

// Process figures read at scrape time, so they are never stale and cost
// nothing between scrapes: ansinh_process_resident_memory_bytes (VmRSS from
// /proc/self/status) and ansinh_process_start_time_seconds.
class ProcessCollector final : public prometheus::Collectable {
 public:
  explicit ProcessCollector(std::string service);
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::string service_;
  std::chrono::system_clock::time_point started_at_;
};

// VmRSS of this process in bytes; 0 when /proc cannot be read.
int64_t ResidentMemoryBytes();

}  // namespace ansinh::metrics
