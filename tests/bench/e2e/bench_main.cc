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
#include <thread>

#include "audit_verification.h"
#include "bench_report.h"
#include "console_page_load.h"
#include "external_tools.h"
#include "metrics_scrape.h"
#include "process_memory.h"
#include "redis/redis_connection.h"
#include "redis_accounting.h"
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

void KeepLogs(const std::string& from, const std::string& to) {
  std::filesystem::create_directories(to);
  for (const auto& entry : std::filesystem::directory_iterator(from)) {
    if (entry.path().extension() == ".log") {
      std::filesystem::copy_file(entry.path(), to + "/" + entry.path().filename().string(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
  std::cerr << "the services' logs are kept in " << to << "\n";
}

// The largest key families in the report; the rest are summed in one row.
constexpr size_t kFamiliesReported = 12;

nlohmann::json MemoryFamilies(redis::Connection& redis, int64_t households) {
  nlohmann::json families = nlohmann::json::array();
  int64_t other_bytes = 0;
  int64_t other_keys = 0;
  const std::vector<bench::KeyFamily> all = bench::MemoryByKeyFamily(redis);
  for (size_t i = 0; i < all.size(); ++i) {
    if (i >= kFamiliesReported) {
      other_bytes += all[i].bytes;
      other_keys += all[i].keys;
      continue;
    }
    families.push_back(
        {{"family", all[i].pattern},
         {"keys", all[i].keys},
         {"bytes", all[i].bytes},
         {"bytes_per_household", static_cast<double>(all[i].bytes) / static_cast<double>(households)}});
  }
  if (other_keys > 0) {
    families.push_back(
        {{"family", "(every other family)"},
         {"keys", other_keys},
         {"bytes", other_bytes},
         {"bytes_per_household", static_cast<double>(other_bytes) / static_cast<double>(households)}});
  }
  return families;
}

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

// The commands that took most of Redis's time during the cycle.
constexpr size_t kCommandsReported = 10;

nlohmann::json CommandCosts(const bench::RedisWork& before, const bench::RedisWork& after,
                            int64_t households) {
  std::vector<std::pair<std::string, bench::CommandWork>> spent;
  double total_usec = 0;
  for (const auto& [name, work] : after.by_command) {
    bench::CommandWork delta = work;
    if (const auto earlier = before.by_command.find(name); earlier != before.by_command.end()) {
      delta.calls -= earlier->second.calls;
      delta.usec -= earlier->second.usec;
    }
    if (delta.calls <= 0) continue;
    total_usec += delta.usec;
    spent.emplace_back(name, delta);
  }
  std::sort(spent.begin(), spent.end(),
            [](const auto& a, const auto& b) { return a.second.usec > b.second.usec; });
  nlohmann::json commands = nlohmann::json::array();
  for (size_t i = 0; i < spent.size() && i < kCommandsReported; ++i) {
    const auto& [name, work] = spent[i];
    commands.push_back(
        {{"command", name},
         {"calls_per_household", static_cast<double>(work.calls) / static_cast<double>(households)},
         {"usec_per_call", work.usec / static_cast<double>(work.calls)},
         {"share_of_command_time", total_usec > 0 ? work.usec / total_usec : 0.0}});
  }
  return commands;
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
    testkit::WardStack stack(extra_args);
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
    std::cerr << "stack running; generating and importing " << households << " households\n";

    redis::Connection redis(stack.redis().Options("ansinh-bench"));
    const bench::RedisWork work_before = bench::ReadRedisWork(redis);
    bench::PipelineResult cycle;
    try {
      cycle = bench::RunYearlyCycle(stack, households, seed);
    } catch (const std::exception&) {
      // The stack's directory goes with it: keep the services' logs, which
      // say why a step failed.
      KeepLogs(stack.dir(), out_dir + "/failed-" + UtcStamp());
      throw;
    }
    const bench::RedisWork work_after = bench::ReadRedisWork(redis);
    nlohmann::json report;
    report["started_at"] = UtcStamp();
    report["end_to_end"] = {
        {"households", cycle.households},
        {"imported", cycle.imported},
        {"meetings", cycle.meetings},
        {"approved", cycle.approved},
        {"official_poor", cycle.official_poor},
        {"official_near_poor", cycle.official_near_poor},
        {"cases_opened", cycle.cases_opened},
        {"import_seconds", cycle.import_seconds},
        {"surveys_joined_seconds", cycle.surveys_joined_seconds},
        {"meetings_seconds", cycle.meetings_seconds},
        {"posted_seconds", cycle.posted_seconds},
        {"approved_seconds", cycle.approved_seconds},
        {"drained_seconds", cycle.drained_seconds},
        {"round_progress_p50_ms", cycle.progress_read.p50_ms},
        {"round_progress_p99_ms", cycle.progress_read.p99_ms},
        {"import_rows_per_second", static_cast<double>(cycle.imported) / cycle.import_seconds},
        {"households_per_second", static_cast<double>(cycle.households) / cycle.drained_seconds}};
    report["hops"] = HopLatencies(metrics_ports);

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
    const auto redis_pid =
        static_cast<int64_t>(bench::InfoNumber(redis.Command({"INFO", "server"}).AsString(), "process_id"));
    std::cerr << "cycle done in " << cycle.drained_seconds << " s; measuring Redis memory by key family\n";
    report["redis_memory_by_family"] = MemoryFamilies(redis, households);
    report["redis_commands"] = CommandCosts(work_before, work_after, households);

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

    report["peak_memory_bytes"]["redis-server"] = bench::PeakResidentBytes(static_cast<pid_t>(redis_pid));
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
