#include "encryption_cost.h"

#include "process_memory.h"
#include "redis_accounting.h"
#include "redis_report.h"
#include "unary_scenarios.h"
#include "ward_pipeline.h"
#include "ward_stack.h"

namespace ansinh::bench {
namespace {

double UsecPerHousehold(const nlohmann::json& cpu, const std::string& process) {
  for (const auto& row : cpu) {
    if (row["process"] == process) return row["usec_per_household"];
  }
  return 0;
}

// One side: the cycle on a fresh stack, then the household reads.
nlohmann::json RunSide(const std::map<std::string, std::vector<std::string>>& extra_args, int64_t households,
                       uint64_t seed, std::chrono::milliseconds grpc_duration,
                       const std::string& failed_logs_dir) {
  testkit::WardStack stack(WithFreshMetricsPorts(extra_args));
  stack.Start();
  redis::Connection redis(stack.redis().Options());
  const auto redis_pid =
      static_cast<pid_t>(InfoNumber(redis.Command({"INFO", "server"}).AsString(), "process_id"));
  const std::map<std::string, double> cpu_before = CpuOfStack(stack, redis_pid);
  PipelineResult cycle;
  try {
    cycle = RunYearlyCycle(stack, households, seed);
  } catch (const std::exception&) {
    KeepServiceLogs(stack.dir(), failed_logs_dir);
    throw;
  }
  const nlohmann::json cpu = CpuReport(cpu_before, CpuOfStack(stack, redis_pid), households);
  const nlohmann::json end_to_end = EndToEndReport(cycle);
  const double used_memory = InfoNumber(redis.Command({"INFO", "memory"}).AsString(), "used_memory");
  nlohmann::json side = {{"households_per_second", end_to_end["households_per_second"]},
                         {"import_rows_per_second", end_to_end["import_rows_per_second"]},
                         {"registry_usec_per_household", UsecPerHousehold(cpu, "ansinh-registry")},
                         {"all_usec_per_household", UsecPerHousehold(cpu, "(all)")},
                         {"redis_bytes_per_household", used_memory / static_cast<double>(households)}};
  side["get_household"] = nlohmann::json::array();
  for (const LoadResult& point : RunHouseholdReads(stack, cycle, grpc_duration)) {
    side["get_household"].push_back({{"in_flight", point.in_flight},
                                     {"calls_per_second", point.calls_per_second},
                                     {"p50_ms", point.latency.p50_ms},
                                     {"p99_ms", point.latency.p99_ms},
                                     {"errors", point.errors}});
  }
  return side;
}

}  // namespace

nlohmann::json RunEncryptionComparison(const std::map<std::string, std::vector<std::string>>& extra_args,
                                       int64_t households, uint64_t seed,
                                       std::chrono::milliseconds grpc_duration,
                                       const std::string& failed_logs_dir) {
  nlohmann::json report;
  report["households"] = households;
  // As `make run` runs it: the test support gives the registry a KEK.
  report["sealed"] = RunSide(extra_args, households, seed, grpc_duration, failed_logs_dir);
  // An empty directory flag: every service keeps personal fields in clear.
  std::map<std::string, std::vector<std::string>> clear_args = extra_args;
  for (const char* service : {"registry", "classification", "assignment", "monitoring"}) {
    clear_args[service].insert(clear_args[service].end(), {"--personal-data-keys-dir", ""});
  }
  report["clear"] = RunSide(clear_args, households, seed, grpc_duration, failed_logs_dir);
  const double sealed_rate = report["sealed"]["households_per_second"];
  const double clear_rate = report["clear"]["households_per_second"];
  report["rate_cost_share"] = clear_rate > 0 ? 1.0 - sealed_rate / clear_rate : 0.0;
  return report;
}

}  // namespace ansinh::bench
