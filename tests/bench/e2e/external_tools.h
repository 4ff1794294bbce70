#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace ansinh::bench {

// The machine's own limit: redis-benchmark's pipelined XADD against the same
// Redis the services use.
struct XaddLimit {
  double requests_per_second = 0;
  int64_t requests = 0;
  int pipeline = 0;
  int clients = 0;
};

XaddLimit MeasurePipelinedXadd(int port, const std::string& password, int64_t requests);

// Runs the Google Benchmark micro-benchmarks (ansinh-microbench next to this
// binary) and returns their JSON report.
nlohmann::json RunMicroBenchmarks(const std::string& bin_dir);

}  // namespace ansinh::bench
