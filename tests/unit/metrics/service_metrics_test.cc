#include "metrics/service_metrics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "prometheus_text.h"

namespace ansinh::metrics {
namespace {

using std::chrono::milliseconds;
using testkit::SampleValue;

TEST(ServiceMetricsTest, CountsRequestsPerMethodAndCode) {
  ServiceMetrics metrics("registry");
  metrics.RecordRpc("ansinh.v1.Registry/GetHousehold", "OK", milliseconds(2));
  metrics.RecordRpc("ansinh.v1.Registry/GetHousehold", "OK", milliseconds(3));
  metrics.RecordRpc("ansinh.v1.Registry/GetHousehold", "NOT_FOUND", milliseconds(1));
  metrics.RecordRpc("ansinh.v1.Registry/CreateHousehold", "INVALID_ARGUMENT", milliseconds(1));

  const std::string text = metrics.ExpositionText();
  struct Row {
    std::string method;
    std::string code;
    double count;
  };
  for (const Row& row : {Row{"ansinh.v1.Registry/GetHousehold", "OK", 2},
                         Row{"ansinh.v1.Registry/GetHousehold", "NOT_FOUND", 1},
                         Row{"ansinh.v1.Registry/CreateHousehold", "INVALID_ARGUMENT", 1}}) {
    EXPECT_EQ(SampleValue(text, "ansinh_rpc_requests_total",
                          {{"service", "registry"}, {"method", row.method}, {"code", row.code}}),
              row.count)
        << row.method << " " << row.code;
  }
  EXPECT_FALSE(SampleValue(text, "ansinh_rpc_requests_total",
                           {{"method", "ansinh.v1.Registry/CreateHousehold"}, {"code", "OK"}}));
}

TEST(ServiceMetricsTest, ObservesLatencyInSecondsPerMethod) {
  ServiceMetrics metrics("registry");
  metrics.RecordRpc("ansinh.v1.Registry/GetHousehold", "OK", std::chrono::microseconds(300));
  metrics.RecordRpc("ansinh.v1.Registry/GetHousehold", "NOT_FOUND", milliseconds(1500));
  const std::string text = metrics.ExpositionText();
  const std::map<std::string, std::string> method{{"method", "ansinh.v1.Registry/GetHousehold"}};
  EXPECT_EQ(SampleValue(text, "ansinh_rpc_latency_seconds_count", method), 2);
  EXPECT_NEAR(*SampleValue(text, "ansinh_rpc_latency_seconds_sum", method), 1.5003, 1e-9);
  auto bucket = [&](const std::string& le) {
    auto labels = method;
    labels["le"] = le;
    return SampleValue(text, "ansinh_rpc_latency_seconds_bucket", labels);
  };
  // Sub-millisecond calls land in a sub-millisecond bucket.
  EXPECT_EQ(bucket("0.0001"), 0);
  EXPECT_EQ(bucket("0.0005"), 1);
  EXPECT_EQ(bucket("1"), 1);
  EXPECT_EQ(bucket("2.5"), 2);
  EXPECT_EQ(bucket("+Inf"), 2);
}

TEST(ServiceMetricsTest, BoundsTheNumberOfMethodSeries) {
  ServiceMetrics metrics("registry");
  for (size_t i = 0; i < kMaxRpcMethods + 20; ++i) {
    metrics.RecordRpc("made.Up/Method" + std::to_string(i), "UNIMPLEMENTED", milliseconds(1));
  }
  const std::string text = metrics.ExpositionText();
  EXPECT_EQ(SampleValue(text, "ansinh_rpc_requests_total", {{"method", "made.Up/Method0"}}), 1);
  EXPECT_FALSE(SampleValue(text, "ansinh_rpc_requests_total",
                           {{"method", "made.Up/Method" + std::to_string(kMaxRpcMethods + 19)}}));
  EXPECT_EQ(SampleValue(text, "ansinh_rpc_requests_total", {{"method", kOtherMethod}}), 20);
}

TEST(ServiceMetricsTest, CountsAppliedEventsAndPublishToApplyLatency) {
  ServiceMetrics metrics("classification");
  metrics.OnApplied("classification", milliseconds(20));
  metrics.OnApplied("classification", milliseconds(80));
  // The Redis server's clock may run ahead of ours: never a negative sample.
  metrics.OnApplied("classification", milliseconds(-5));
  metrics.OnDeadLettered("classification");

  const std::string text = metrics.ExpositionText();
  const std::map<std::string, std::string> group{{"service", "classification"}, {"group", "classification"}};
  EXPECT_EQ(SampleValue(text, "ansinh_events_applied_total", group), 3);
  EXPECT_EQ(SampleValue(text, "ansinh_event_apply_latency_seconds_count", group), 3);
  EXPECT_NEAR(*SampleValue(text, "ansinh_event_apply_latency_seconds_sum", group), 0.1, 1e-9);
  EXPECT_EQ(SampleValue(text, "ansinh_dead_letters_total", group), 1);
}

TEST(ServiceMetricsTest, SetsLagPerGroupAndStreamAndShowsIdleGroupsAtZero) {
  ServiceMetrics metrics("assignment");
  metrics.SetConsumerLag("assignment", "ansinh:events:classification:0", 7);
  metrics.SetConsumerLag("assignment", "ansinh:events:classification:1", 2);
  metrics.SetConsumerLag("assignment", "ansinh:events:classification:0", 4);
  const std::string text = metrics.ExpositionText();
  EXPECT_EQ(SampleValue(text, "ansinh_consumer_lag",
                        {{"group", "assignment"}, {"stream", "ansinh:events:classification:0"}}),
            4);
  EXPECT_EQ(SampleValue(text, "ansinh_consumer_lag",
                        {{"group", "assignment"}, {"stream", "ansinh:events:classification:1"}}),
            2);
  EXPECT_EQ(SampleValue(text, "ansinh_events_applied_total", {{"group", "assignment"}}), 0);
  EXPECT_EQ(SampleValue(text, "ansinh_dead_letters_total", {{"group", "assignment"}}), 0);
}

TEST(ServiceMetricsTest, RedisUpFollowsTheLastProbe) {
  ServiceMetrics metrics("monitoring");
  EXPECT_EQ(SampleValue(metrics.ExpositionText(), "ansinh_redis_up", {{"service", "monitoring"}}), 0);
  metrics.SetRedisUp(true);
  EXPECT_EQ(SampleValue(metrics.ExpositionText(), "ansinh_redis_up"), 1);
  metrics.SetRedisUp(false);
  EXPECT_EQ(SampleValue(metrics.ExpositionText(), "ansinh_redis_up"), 0);
}

TEST(ServiceMetricsTest, ExpositionNamesEveryMetricWithTypeAndHelp) {
  ServiceMetrics metrics("classification");
  metrics.RecordRpc("ansinh.v1.Classification/Classify", "OK", milliseconds(1));
  metrics.OnApplied("classification", milliseconds(1));
  metrics.SetConsumerLag("classification", "ansinh:events:registry:0", 0);
  const std::string text = metrics.ExpositionText();
  for (const char* line : {
           "# TYPE ansinh_rpc_requests_total counter",
           "# TYPE ansinh_rpc_latency_seconds histogram",
           "# TYPE ansinh_events_applied_total counter",
           "# TYPE ansinh_event_apply_latency_seconds histogram",
           "# TYPE ansinh_consumer_lag gauge",
           "# TYPE ansinh_dead_letters_total counter",
           "# TYPE ansinh_redis_up gauge",
           "# TYPE ansinh_process_resident_memory_bytes gauge",
           "# TYPE ansinh_process_start_time_seconds gauge",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  EXPECT_GT(*SampleValue(text, "ansinh_process_resident_memory_bytes", {{"service", "classification"}}), 0);
  EXPECT_GT(*SampleValue(text, "ansinh_process_start_time_seconds"), 1.7e9);
}

}  // namespace
}  // namespace ansinh::metrics
