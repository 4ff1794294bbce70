#include "latency_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ansinh::bench {

LatencySummary Summarize(std::vector<double> latencies_ms) {
  LatencySummary summary;
  summary.count = static_cast<int64_t>(latencies_ms.size());
  if (latencies_ms.empty()) return summary;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const auto rank = [&](double q) {
    const auto index = static_cast<size_t>(std::ceil(q * static_cast<double>(latencies_ms.size()))) - 1;
    return latencies_ms[std::min(index, latencies_ms.size() - 1)];
  };
  summary.p50_ms = rank(0.50);
  summary.p99_ms = rank(0.99);
  summary.max_ms = latencies_ms.back();
  return summary;
}

double QuantileMs(std::vector<CumulativeBucket> buckets, double q) {
  std::sort(buckets.begin(), buckets.end(), [](const CumulativeBucket& a, const CumulativeBucket& b) {
    return a.upper_bound_seconds < b.upper_bound_seconds;
  });
  if (buckets.empty() || buckets.back().cumulative_count <= 0) return 0;
  const double wanted = q * buckets.back().cumulative_count;
  double lower_bound = 0;
  double count_below = 0;
  for (const CumulativeBucket& bucket : buckets) {
    if (bucket.cumulative_count >= wanted) {
      // The +Inf bucket has no upper edge: report the last finite one.
      if (std::isinf(bucket.upper_bound_seconds)) return lower_bound * 1000.0;
      const double in_bucket = bucket.cumulative_count - count_below;
      const double fraction = in_bucket > 0 ? (wanted - count_below) / in_bucket : 1.0;
      return (lower_bound + (bucket.upper_bound_seconds - lower_bound) * fraction) * 1000.0;
    }
    lower_bound = bucket.upper_bound_seconds;
    count_below = bucket.cumulative_count;
  }
  return lower_bound * 1000.0;
}

}  // namespace ansinh::bench
