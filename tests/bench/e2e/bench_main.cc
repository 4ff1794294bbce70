// ansinh-bench: `make bench`. Runs the whole system on a private Redis (AOF,
// appendfsync always, as in production) through a yearly cycle, then loads
// its gRPC calls, measures the machine's pipelined XADD limit and runs the
// micro-benchmarks; prints tables and writes the report as JSON.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "audit_verification.h"
#include "bench_report.h"
#include "cluster_cycle.h"
#include "console_page_load.h"
#include "encryption_cost.h"
#include "external_tools.h"
#include "metrics_scrape.h"
#include "outside_consumer.h"
#include "process_memory.h"
#include "redis/redis_connection.h"
#include "redis_accounting.h"
#include "redis_report.h"
#include "service_process.h"
#include "unary_scenarios.h"
#include "ward_pipeline.h"

namespace {

using namespace ansinh;

const std::vector<std::string> kConsumerServices = {"classification", "assignment", "monitoring"};

std::string UtcStamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

constexpr int kTrimIntervalSeconds = 1;
// A province's posting and approval are single transactions that keep Redis
// busy for seconds (docs/operations.md, "Province scale"); the default 2 s
// would fail unrelated calls meanwhile.
constexpr int kProvinceCommandTimeoutMs = 30000;

nlohmann::json HopLatencies(const std::map<std::string, int>& metrics_ports) {
  nlohmann::json hops = nlohmann::json::array();
  for (const std::string& service : kConsumerServices) {
    const std::string exposition = bench::FetchMetrics(metrics_ports.at(service));
    for (const auto& [group, buckets] :
         bench::HistogramBuckets(exposition, "ansinh_event_apply_latency_seconds", "group")) {
      hops.push_back({{"group", group},
                      {"p50_ms", bench::QuantileMs(buckets, 0.50)},
                      {"p99_ms", bench::QuantileMs(buckets, 0.99)},
                      {"events", buckets.empty() ? 0.0 : buckets.back().cumulative_count}});
    }
  }
  return hops;
}

// 16 (or --audit-callers) VerifyAudit calls at once, as an auditor's tools
// might make them, and monitoring's peak memory meanwhile.
nlohmann::json AuditStage(testkit::WardStack& stack, int callers) {
  testkit::ServiceProcess& monitoring = stack.service("monitoring");
  const bench::AuditVerificationResult result = bench::RunConcurrentVerifications(
      monitoring.channel(), stack.tokens().auditor, static_cast<pid_t>(monitoring.pid()), callers);
  return {{"callers", result.callers},
          {"entries", result.entries},
          {"completed", result.completed},
          {"refused", result.refused},
          {"failed", result.failed},
          {"intact", result.intact},
          {"seconds", result.seconds},
          {"resident_before_bytes", result.resident_before_bytes},
          {"peak_during_bytes", result.peak_during_bytes}};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ansinh-bench: the end-to-end, gRPC and Redis benchmarks of `make bench`"};
  int64_t households = 200000;
  uint64_t seed = 2025;
  std::string out_dir = std::string(ANSINH_SOURCE_DIR) + "/var/bench";
  int grpc_seconds = 3;
  int64_t xadd_requests = 1000000;
  bool micro = true;
  int audit_callers = 16;
  int64_t audit_entries = 0;
  int audit_event_bytes = 600;
  bool console_only = false;
  int64_t cluster_households = -1;
  int64_t encryption_households = 20000;
  app.add_option("--households", households, "Generated households to import")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--seed", seed, "Seed of the generated ward")->capture_default_str();
  app.add_option("--out-dir", out_dir, "Where the JSON report is written")->capture_default_str();
  app.add_option("--grpc-seconds", grpc_seconds, "Measured seconds per unary call and concurrency")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  app.add_option("--xadd-requests", xadd_requests, "XADDs redis-benchmark sends")
      ->check(CLI::Range(1000, 100000000))
      ->capture_default_str();
  app.add_flag("!--no-micro", micro, "Skip the Google Benchmark micro-benchmarks");
  app.add_option("--audit-callers", audit_callers, "VerifyAudit calls at once in the audit stage")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--audit-entries", audit_entries,
                 "Skip the cycle: measure the audit stage alone over this many synthetic audit entries")
      ->check(CLI::Range(int64_t{0}, int64_t{20000000}));
  app.add_option("--audit-event-bytes", audit_event_bytes, "Payload bytes of each synthetic audited event")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--cluster-households", cluster_households,
                 "Households of the same cycle on a local 3-master Redis Cluster afterwards "
                 "(default: --households; 0 skips it)")
      ->check(CLI::Range(int64_t{-1}, int64_t{1000000}));
  app.add_option("--encryption-households", encryption_households,
                 "Households of the cycle run twice more, the services sealing personal fields and not, to "
                 "measure what sealing costs (0 skips it)")
      ->check(CLI::Range(int64_t{0}, int64_t{1000000}))
      ->capture_default_str();
  app.add_flag("--console-only", console_only,
               "After the cycle, measure only the household page through the console and directly");
  CLI11_PARSE(app, argc, argv);
  // However the bench ends (an exception, Ctrl-C, SIGTERM, SIGKILL), the
  // kernel kills the Redis and the services it started (child_process.h).
  testkit::KillChildrenWhenThisProcessDies();

  try {
    std::map<std::string, int> metrics_ports;
    std::map<std::string, std::vector<std::string>> extra_args;
    for (const std::string& service : testkit::WardStack::ServiceNames()) {
      metrics_ports[service] = testkit::FreePort();
      // Consumed entries trimmed at once: the memory measured is a ward's
      // once the default day of retention has passed (docs/operations.md).
      extra_args[service] = {"--metrics-port",
                             std::to_string(metrics_ports[service]),
                             "--stream-retention-seconds",
                             "0",
                             "--stream-trim-interval-seconds",
                             std::to_string(kTrimIntervalSeconds),
                             "--redis-command-timeout-ms",
                             std::to_string(kProvinceCommandTimeoutMs)};
    }
    // Every audit caller verifies (none refused by the limit), so the memory
    // measured is that of as many verifications at once.
    extra_args["monitoring"].insert(extra_args["monitoring"].end(),
                                    {"--max-concurrent-verifications", std::to_string(audit_callers)});
    auto stack_owner = std::make_unique<testkit::WardStack>(extra_args);
    testkit::WardStack& stack = *stack_owner;
    stack.Start();
    if (audit_entries > 0) {
      redis::Connection redis(stack.redis().Options("ansinh-bench"));
      // The services publish a few events as they start, which monitoring
      // chains: wait until it has, so the synthetic log is not appended to
      // while it is written.
      for (std::string last;;) {
        std::this_thread::sleep_for(std::chrono::seconds(2));
        const redis::Reply count = redis.Command({"HGET", "ansinh:{audit}:monitoring:audit:head", "count"});
        const std::string now = count.IsNil() ? "" : count.str;
        if (now == last) break;
        last = now;
      }
      std::cerr << "writing " << audit_entries << " synthetic audit entries\n";
      bench::WriteSyntheticAuditLog(redis, audit_entries, audit_event_bytes);
      nlohmann::json report;
      report["started_at"] = UtcStamp();
      report["audit_verification"] = AuditStage(stack, audit_callers);
      report["audit_verification"]["synthetic_event_bytes"] = audit_event_bytes;
      bench::PrintTables(report, std::cout);
      std::filesystem::create_directories(out_dir);
      std::ofstream(out_dir + "/audit-" + report["started_at"].get<std::string>() + ".json")
          << report.dump(2) << "\n";
      return 0;
    }
    // Granted before the cycle: the stream keeps the consumers' statuses for them.
    const bench::OutsideConsumers outside_consumers = bench::GrantOutsideConsumers(stack);
    std::cerr << "stack running; generating and importing " << households << " households\n";

    redis::Connection redis(stack.redis().Options("ansinh-bench"));
    const bench::RedisWork work_before = bench::ReadRedisWork(redis);
    const auto redis_pid =
        static_cast<pid_t>(bench::InfoNumber(redis.Command({"INFO", "server"}).AsString(), "process_id"));
    const std::map<std::string, double> cpu_before = bench::CpuOfStack(stack, redis_pid);
    bench::PipelineResult cycle;
    try {
      cycle = bench::RunYearlyCycle(stack, households, seed);
    } catch (const std::exception&) {
      // The stack's directory goes with it: keep the services' logs, which
      // say why a step failed.
      bench::KeepServiceLogs(stack.dir(), out_dir + "/failed-" + UtcStamp());
      throw;
    }
    const bench::RedisWork work_after = bench::ReadRedisWork(redis);
    const std::map<std::string, double> cpu_after = bench::CpuOfStack(stack, redis_pid);
    nlohmann::json report;
    report["started_at"] = UtcStamp();
    report["end_to_end"] = bench::EndToEndReport(cycle);
    report["hops"] = HopLatencies(metrics_ports);
    report["cycle_cpu"] = bench::CpuReport(cpu_before, cpu_after, households);

    std::cerr << "the policy bank's example consumer over every official status of the cycle\n";
    report["outside_consumer"] = bench::RunOutsideConsumers(stack, outside_consumers);

    std::cerr << "loading the household page through the console and directly\n";
    report["console_page"] = nlohmann::json::array();
    for (const bench::PagePoint& point :
         bench::RunConsoleHouseholdPage(stack, cycle, std::chrono::milliseconds(grpc_seconds * 1000))) {
      report["console_page"].push_back({{"via", point.via},
                                        {"clients", point.clients},
                                        {"calls_per_second", point.calls_per_second},
                                        {"p50_ms", point.latency.p50_ms},
                                        {"p99_ms", point.latency.p99_ms},
                                        {"max_ms", point.latency.max_ms},
                                        {"calls", point.latency.count},
                                        {"errors", point.errors},
                                        {"first_error", point.first_error}});
    }
    if (console_only) {
      bench::PrintTables(report, std::cout);
      std::filesystem::create_directories(out_dir);
      const std::string path = out_dir + "/console-" + report["started_at"].get<std::string>() + ".json";
      std::ofstream(path) << report.dump(2) << "\n";
      std::cout << "report written to " << path << "\n";
      return 0;
    }

    // Let the publishers trim what the consumers have just acknowledged.
    std::this_thread::sleep_for(std::chrono::seconds(2 * kTrimIntervalSeconds));
    const std::string memory_info = redis.Command({"INFO", "memory"}).AsString();
    const auto redis_used = static_cast<int64_t>(bench::InfoNumber(memory_info, "used_memory"));
    std::cerr << "cycle done in " << cycle.drained_seconds << " s; measuring Redis memory by key family\n";
    report["redis_memory_by_family"] = bench::FamiliesReport(bench::MemoryByKeyFamily(redis), households);
    report["redis_commands"] = bench::CommandCostsReport(work_before, work_after, households);

    std::cerr << "loading the gRPC calls\n";
    const auto unary = bench::RunUnaryScenarios(stack, cycle, std::chrono::milliseconds(grpc_seconds * 1000));
    report["unary"] = nlohmann::json::array();
    for (const bench::LoadResult& point : unary) {
      report["unary"].push_back({{"call", point.call},
                                 {"in_flight", point.in_flight},
                                 {"calls_per_second", point.calls_per_second},
                                 {"p50_ms", point.latency.p50_ms},
                                 {"p99_ms", point.latency.p99_ms},
                                 {"max_ms", point.latency.max_ms},
                                 {"calls", point.latency.count},
                                 {"errors", point.errors},
                                 {"first_error", point.first_error}});
    }

    report["peak_memory_bytes"]["redis-server"] = bench::PeakResidentBytes(redis_pid);
    for (const std::string& service : testkit::WardStack::ServiceNames()) {
      report["peak_memory_bytes"]["ansinh-" + service] =
          bench::PeakResidentBytes(stack.service(service).pid());
    }
    std::cerr << "verifying the audit log " << audit_callers << " times at once\n";
    report["audit_verification"] = AuditStage(stack, audit_callers);

    std::cerr << "measuring redis-benchmark's pipelined XADD\n";
    const bench::XaddLimit xadd =
        bench::MeasurePipelinedXadd(stack.redis().port(), stack.redis().password(), xadd_requests);
    redis.Command({"DEL", "ansinh:bench:xadd"});
    const double end_to_end_rate = report["end_to_end"]["households_per_second"];
    report["redis"] = {
        {"used_memory_bytes_after_cycle", redis_used},
        {"stream_retention_seconds", 0},
        {"bytes_per_household", static_cast<double>(redis_used) / static_cast<double>(households)},
        {"xadd_limit_per_second", xadd.requests_per_second},
        {"xadd_pipeline", xadd.pipeline},
        {"xadd_clients", xadd.clients},
        {"end_to_end_to_xadd_ratio", end_to_end_rate / xadd.requests_per_second},
        {"cycle_commands", work_after.commands - work_before.commands},
        {"cycle_cpu_seconds", work_after.cpu_seconds - work_before.cpu_seconds},
        {"commands_per_household",
         static_cast<double>(work_after.commands - work_before.commands) / static_cast<double>(households)},
        // Of the cycle's wall time, the share Redis spent on a CPU.
        {"cycle_cpu_busy_share", (work_after.cpu_seconds - work_before.cpu_seconds) / cycle.drained_seconds}};
    if (micro) {
      std::cerr << "running the micro-benchmarks\n";
      report["micro"] = bench::RunMicroBenchmarks(ANSINH_BIN_DIR);
    }
    if (cluster_households != 0) {
      // The single Redis and its services go first: the cluster's run has
      // the machine to itself, as the single Redis's had.
      stack_owner.reset();
      const int64_t on_cluster = cluster_households < 0 ? households : cluster_households;
      std::cerr << "the same cycle on a local Redis Cluster of 3 masters: " << on_cluster << " households\n";
      report["cluster"] = bench::RunClusterCycle(bench::WithFreshMetricsPorts(extra_args), on_cluster, seed,
                                                 cycle, out_dir + "/failed-cluster-" + UtcStamp());
      // Another size has other results: nothing to compare.
      if (on_cluster != households) report["cluster"].erase("same_results");
    }

    if (encryption_households != 0) {
      stack_owner.reset();
      std::cerr << "what sealing personal fields costs: the cycle of " << encryption_households
                << " households with the services sealing them and without\n";
      report["encryption"] = bench::RunEncryptionComparison(extra_args, encryption_households, seed,
                                                            std::chrono::milliseconds(grpc_seconds * 1000),
                                                            out_dir + "/failed-encryption-" + UtcStamp());
    }

    bench::PrintTables(report, std::cout);
    std::filesystem::create_directories(out_dir);
    const std::string path = out_dir + "/bench-" + report["started_at"].get<std::string>() + ".json";
    std::ofstream(path) << report.dump(2) << "\n";
    std::ofstream(out_dir + "/latest.json") << report.dump(2) << "\n";
    std::cout << "report written to " << path << " (and latest.json beside it)\n";
  } catch (const std::exception& error) {
    std::cerr << "ansinh-bench: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
