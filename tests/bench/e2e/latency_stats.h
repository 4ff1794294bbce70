#pragma once

#include <cstdint>
#include <vector>

namespace ansinh::bench {

// Percentiles of a set of latencies, in milliseconds (nearest rank).
struct LatencySummary {
  int64_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

LatencySummary Summarize(std::vector<double> latencies_ms);

// One bucket of a cumulative histogram: how many observations were at most
// `upper_bound_seconds` (Prometheus "le").
struct CumulativeBucket {
  double upper_bound_seconds = 0;
  double cumulative_count = 0;
};

// The q-quantile (0..1) of a cumulative histogram, in milliseconds,
// interpolated linearly inside the bucket it falls in, as Prometheus'
// histogram_quantile does; 0 when the histogram is empty.
double QuantileMs(std::vector<CumulativeBucket> buckets, double q);

}  // namespace ansinh::bench
