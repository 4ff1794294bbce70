#include "cluster_cycle.h"

#include <chrono>
#include <memory>
#include <thread>

#include "process_memory.h"
#include "redis_accounting.h"
#include "redis_cluster.h"
#include "redis_report.h"
#include "ward_stack.h"

namespace ansinh::bench {
namespace {

constexpr int kMasters = 3;
constexpr int kReplicasPerMaster = 1;

std::vector<RedisWork> WorkOfMasters(testkit::RedisCluster& cluster) {
  std::vector<RedisWork> work;
  for (int port : cluster.MasterPorts()) work.push_back(ReadRedisWork(*cluster.Node(port)));
  return work;
}

nlohmann::json SameResults(const PipelineResult& single, const PipelineResult& cluster) {
  nlohmann::json rows = nlohmann::json::array();
  const auto row = [&rows](const char* result, int64_t on_single, int64_t on_cluster) {
    rows.push_back({{"result", result}, {"single", on_single}, {"cluster", on_cluster}});
  };
  row("households imported", single.imported, cluster.imported);
  row("meetings recorded", single.meetings, cluster.meetings);
  row("households approved", single.approved, cluster.approved);
  row("official poor", single.official_poor, cluster.official_poor);
  row("official near-poor", single.official_near_poor, cluster.official_near_poor);
  row("cases opened", single.cases_opened, cluster.cases_opened);
  return rows;
}

}  // namespace

nlohmann::json RunClusterCycle(const std::map<std::string, std::vector<std::string>>& extra_args,
                               int64_t households, uint64_t seed, const PipelineResult& single,
                               const std::string& failed_logs_dir) {
  testkit::WardStack stack(testkit::WardStack::OnRedisCluster{}, extra_args);
  stack.Start();
  testkit::RedisCluster& cluster = stack.cluster();
  const RedisWork before = SumRedisWork(WorkOfMasters(cluster));
  const std::map<std::string, double> cpu_before = CpuOfStack(stack, 0);
  PipelineResult cycle;
  try {
    cycle = RunYearlyCycle(stack, households, seed);
  } catch (const std::exception&) {
    KeepServiceLogs(stack.dir(), failed_logs_dir);
    throw;
  }
  const RedisWork after = SumRedisWork(WorkOfMasters(cluster));
  std::map<std::string, double> cpu_after = CpuOfStack(stack, 0);
  // The masters' CPU, from their INFO (replicas and the cluster bus not
  // counted).
  cpu_after["redis-server (masters)"] = after.cpu_seconds - before.cpu_seconds;
  // As on the single Redis: the publishers trim what was just acknowledged.
  std::this_thread::sleep_for(std::chrono::seconds(2));

  std::vector<std::vector<KeyFamily>> families;
  double used_memory = 0;
  for (int port : cluster.MasterPorts()) {
    const std::unique_ptr<redis::Connection> node = cluster.Node(port);
    used_memory += InfoNumber(node->Command({"INFO", "memory"}).AsString(), "used_memory");
    families.push_back(MemoryByKeyFamily(*node));
  }

  nlohmann::json report;
  report["masters"] = kMasters;
  report["replicas_per_master"] = kReplicasPerMaster;
  report["end_to_end"] = EndToEndReport(cycle);
  const auto count = static_cast<double>(households);
  report["redis"] = {
      {"used_memory_bytes_after_cycle", used_memory},
      {"bytes_per_household", used_memory / count},
      {"cycle_commands", after.commands - before.commands},
      {"commands_per_household", static_cast<double>(after.commands - before.commands) / count},
      // Of the cycle's wall time, the share the masters together spent on a
      // CPU (above 100% when more than one was busy at once).
      {"cycle_cpu_busy_share", (after.cpu_seconds - before.cpu_seconds) / cycle.drained_seconds}};
  report["redis_memory_by_family"] = FamiliesReport(MergeKeyFamilies(families), households);
  report["redis_commands"] = CommandCostsReport(before, after, households);
  report["cycle_cpu"] = CpuReport(cpu_before, cpu_after, households);
  for (const std::string& service : testkit::WardStack::ServiceNames()) {
    report["peak_memory_bytes"]["ansinh-" + service] = PeakResidentBytes(stack.service(service).pid());
  }
  report["same_results"] = SameResults(single, cycle);
  return report;
}

}  // namespace ansinh::bench
