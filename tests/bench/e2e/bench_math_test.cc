// The pure parts of ansinh-bench: percentiles, histogram quantiles, key
// families and INFO fields.
#include <gtest/gtest.h>

#include <limits>

#include "latency_stats.h"
#include "metrics_scrape.h"
#include "process_memory.h"
#include "redis_accounting.h"

namespace ansinh::bench {
namespace {

TEST(SummarizeTest, NearestRankPercentiles) {
  std::vector<double> latencies;
  for (int i = 100; i >= 1; --i) latencies.push_back(i);  // unsorted on purpose
  const LatencySummary summary = Summarize(latencies);
  EXPECT_EQ(summary.count, 100);
  EXPECT_DOUBLE_EQ(summary.p50_ms, 50);
  EXPECT_DOUBLE_EQ(summary.p99_ms, 99);
  EXPECT_DOUBLE_EQ(summary.max_ms, 100);
}

TEST(SummarizeTest, EmptyIsZero) {
  const LatencySummary summary = Summarize({});
  EXPECT_EQ(summary.count, 0);
  EXPECT_EQ(summary.p99_ms, 0);
}

TEST(QuantileMsTest, InterpolatesInsideTheBucket) {
  // 100 observations: 50 at most 1 ms, 100 at most 2 ms.
  const std::vector<CumulativeBucket> buckets{
      {0.001, 50}, {0.002, 100}, {std::numeric_limits<double>::infinity(), 100}};
  EXPECT_NEAR(QuantileMs(buckets, 0.5), 1.0, 1e-9);
  EXPECT_NEAR(QuantileMs(buckets, 0.75), 1.5, 1e-9);
  EXPECT_NEAR(QuantileMs(buckets, 0.99), 1.98, 1e-9);
}

TEST(QuantileMsTest, InfiniteBucketReportsTheLastFiniteBound) {
  const std::vector<CumulativeBucket> buckets{{0.005, 1}, {std::numeric_limits<double>::infinity(), 10}};
  EXPECT_NEAR(QuantileMs(buckets, 0.99), 5.0, 1e-9);
  EXPECT_EQ(QuantileMs({}, 0.5), 0);
}

TEST(HistogramBucketsTest, GroupsByLabelAndSumsOtherSeries) {
  const std::string exposition =
      "# HELP ansinh_event_apply_latency_seconds publish to apply\n"
      "ansinh_event_apply_latency_seconds_bucket{group=\"assignment\",source=\"classification\",le=\"0.01\"} "
      "3\n"
      "ansinh_event_apply_latency_seconds_bucket{group=\"assignment\",source=\"classification\",le=\"+Inf\"} "
      "3\n"
      "ansinh_event_apply_latency_seconds_bucket{group=\"assignment\",source=\"registry\",le=\"0.01\"} 2\n"
      "ansinh_event_apply_latency_seconds_bucket{group=\"assignment\",source=\"registry\",le=\"+Inf\"} 4\n"
      "ansinh_event_apply_latency_seconds_count{group=\"assignment\"} 4\n"
      "ansinh_rpc_latency_seconds_bucket{method=\"Get\",le=\"0.01\"} 9\n";
  const auto buckets = HistogramBuckets(exposition, "ansinh_event_apply_latency_seconds", "group");
  ASSERT_EQ(buckets.size(), 1u);
  const auto& assignment = buckets.at("assignment");
  ASSERT_EQ(assignment.size(), 2u);
  EXPECT_DOUBLE_EQ(assignment[0].upper_bound_seconds, 0.01);
  EXPECT_DOUBLE_EQ(assignment[0].cumulative_count, 5);
  EXPECT_DOUBLE_EQ(assignment[1].cumulative_count, 7);
}

TEST(KeyFamilyOfTest, ReplacesThePartsThatNameOneThing) {
  EXPECT_EQ(KeyFamilyOf("ansinh:{p3}:events:registry"), "ansinh:{p*}:events:registry");
  EXPECT_EQ(KeyFamilyOf("ansinh:{ward}:registry:household:HH-000123"), "ansinh:{ward}:registry:household:*");
  EXPECT_EQ(KeyFamilyOf("ansinh:{p12}:classification:round:R-2025:households"),
            "ansinh:{p*}:classification:round:*:households");
  EXPECT_EQ(KeyFamilyOf("plain"), "plain");
  EXPECT_EQ(KeyFamilyOf("a::b:"), "a::b:");
}

TEST(InfoNumberTest, ReadsAFieldAnywhereInTheSection) {
  const std::string info = "# Stats\r\ntotal_connections_received:7\r\ntotal_commands_processed:12345\r\n";
  EXPECT_EQ(InfoNumber(info, "total_commands_processed"), 12345);
  EXPECT_EQ(InfoNumber("used_cpu_sys:1.50\r\nused_cpu_user:2.25\r\n", "used_cpu_sys"), 1.5);
  EXPECT_EQ(InfoNumber(info, "commands_processed"), 0) << "only whole field names match";
  EXPECT_EQ(InfoNumber(info, "missing"), 0);
}

TEST(ParseCommandStatsTest, ReadsCallsAndMicrosecondsPerCommand) {
  const std::string info =
      "# Commandstats\r\n"
      "cmdstat_xadd:calls=3,usec=25,usec_per_call=8.33,rejected_calls=0,failed_calls=0\r\n"
      "cmdstat_client|setname:calls=2,usec=1,usec_per_call=0.50,rejected_calls=0,failed_calls=0\r\n";
  const std::map<std::string, CommandWork> commands = ParseCommandStats(info);
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(commands.at("xadd").calls, 3);
  EXPECT_EQ(commands.at("xadd").usec, 25);
  EXPECT_EQ(commands.at("client|setname").calls, 2);
  EXPECT_EQ(commands.at("client|setname").usec, 1) << "usec_per_call is not usec";
}

// A cluster's masters hold different keys of the same families: the
// families add up, ordered by bytes; the work adds up per command.
TEST(ClusterAccountingTest, FamiliesAndWorkOfTheMastersAddUp) {
  const std::vector<KeyFamily> first{{"ansinh:{p*}:events:registry", 2, 300}, {"ansinh:{audit}:x", 1, 50}};
  const std::vector<KeyFamily> second{{"ansinh:{p*}:events:registry", 1, 100}, {"ansinh:{ward}:y", 4, 500}};
  const std::vector<KeyFamily> merged = MergeKeyFamilies({first, second});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].pattern, "ansinh:{ward}:y");
  EXPECT_EQ(merged[1].pattern, "ansinh:{p*}:events:registry");
  EXPECT_EQ(merged[1].keys, 3);
  EXPECT_EQ(merged[1].bytes, 400);
  EXPECT_EQ(merged[2].bytes, 50);

  RedisWork a;
  a.commands = 10;
  a.cpu_seconds = 1.5;
  a.by_command["xadd"] = {4, 40.0};
  RedisWork b;
  b.commands = 5;
  b.cpu_seconds = 0.5;
  b.by_command["xadd"] = {1, 5.0};
  b.by_command["exec"] = {2, 100.0};
  const RedisWork sum = SumRedisWork({a, b});
  EXPECT_EQ(sum.commands, 15);
  EXPECT_DOUBLE_EQ(sum.cpu_seconds, 2.0);
  EXPECT_EQ(sum.by_command.at("xadd").calls, 5);
  EXPECT_DOUBLE_EQ(sum.by_command.at("xadd").usec, 45.0);
  EXPECT_EQ(sum.by_command.at("exec").calls, 2);
}

TEST(ProcessCpuTest, UserAndSystemTicksOfAStatLine) {
  // A command name with a space and a parenthesis, as /proc allows.
  const std::string stat =
      "4242 (ansinh (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 9 0 100 0 0";
  EXPECT_DOUBLE_EQ(CpuSecondsOfStat(stat, 100), 3.0);
  EXPECT_DOUBLE_EQ(CpuSecondsOfStat("garbage", 100), 0.0);
}

}  // namespace
}  // namespace ansinh::bench
