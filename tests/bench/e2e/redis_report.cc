#include "redis_report.h"

#include <algorithm>
#include <utility>

#include "process_memory.h"

namespace ansinh::bench {
namespace {
// The largest key families in the report; the rest are summed in one row.
constexpr size_t kFamiliesReported = 12;

}  // namespace

nlohmann::json FamiliesReport(const std::vector<KeyFamily>& all, int64_t households) {
  nlohmann::json families = nlohmann::json::array();
  int64_t other_bytes = 0;
  int64_t other_keys = 0;
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

// The commands that took most of Redis's time during the cycle.
constexpr size_t kCommandsReported = 10;

nlohmann::json CommandCostsReport(const RedisWork& before, const RedisWork& after, int64_t households) {
  std::vector<std::pair<std::string, CommandWork>> spent;
  double total_usec = 0;
  for (const auto& [name, work] : after.by_command) {
    CommandWork delta = work;
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

std::map<std::string, double> CpuOfStack(testkit::WardStack& stack, pid_t redis_pid) {
  std::map<std::string, double> cpu;
  if (redis_pid > 0) cpu["redis-server"] = CpuSeconds(redis_pid);
  for (const std::string& service : testkit::WardStack::ServiceNames()) {
    cpu["ansinh-" + service] = CpuSeconds(stack.service(service).pid());
  }
  return cpu;
}

nlohmann::json CpuReport(const std::map<std::string, double>& before,
                         const std::map<std::string, double>& after, int64_t households) {
  std::vector<std::pair<std::string, double>> used;
  double total = 0;
  for (const auto& [process, seconds] : after) {
    const auto earlier = before.find(process);
    const double spent = seconds - (earlier == before.end() ? 0.0 : earlier->second);
    used.emplace_back(process, spent);
    total += spent;
  }
  std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  used.emplace_back("(all)", total);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [process, seconds] : used) {
    rows.push_back({{"process", process},
                    {"cpu_seconds", seconds},
                    {"usec_per_household", 1e6 * seconds / static_cast<double>(households)}});
  }
  return rows;
}

}  // namespace ansinh::bench
