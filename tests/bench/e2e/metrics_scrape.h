#pragma once

#include <map>
#include <string>
#include <vector>

#include "latency_stats.h"

namespace ansinh::bench {

// The body of GET http://127.0.0.1:<port>/metrics; empty when unreachable.
std::string FetchMetrics(int port);

// The buckets of histogram `name` in a Prometheus text exposition, per value
// of `label` (e.g. per consumer group). Only the "_bucket" lines of our own
// services are read: there is no Debian C++ parser for the exposition format,
// and this reads one well-defined line shape.
std::map<std::string, std::vector<CumulativeBucket>> HistogramBuckets(const std::string& exposition,
                                                                      const std::string& name,
                                                                      const std::string& label);

}  // namespace ansinh::bench
