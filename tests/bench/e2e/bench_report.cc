#include "bench_report.h"

#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace ansinh::bench {
namespace {

std::string Fixed(double value, int decimals) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(decimals) << value;
  return text.str();
}

// Columns padded to their widest cell.
void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      out << std::left << std::setw(static_cast<int>(widths[i] + 2)) << row[i];
    }
    out << "\n";
  }
  out << "\n";
}

double MiB(const nlohmann::json& bytes) { return bytes.get<double>() / (1024.0 * 1024.0); }

}  // namespace

void PrintAuditVerification(const nlohmann::json& audit, std::ostream& out) {
  out << "== audit verification: " << audit["callers"] << " VerifyAudit calls at once over "
      << audit["entries"] << " entries ==\n";
  PrintTable({{"COMPLETED", "REFUSED", "FAILED", "INTACT", "SECONDS", "MONITORING RSS BEFORE MiB",
               "PEAK RSS DURING MiB"},
              {std::to_string(audit["completed"].get<int>()), std::to_string(audit["refused"].get<int>()),
               std::to_string(audit["failed"].get<int>()), audit["intact"].get<bool>() ? "yes" : "NO",
               Fixed(audit["seconds"], 1), Fixed(MiB(audit["resident_before_bytes"]), 1),
               Fixed(MiB(audit["peak_during_bytes"]), 1)}},
             out);
}

void PrintConsolePage(const nlohmann::json& points, std::ostream& out) {
  std::vector<std::vector<std::string>> rows{{"CLIENTS", "GRPC CALLS/S", "CONSOLE CALLS/S", "GRPC P50 MS",
                                              "CONSOLE P50 MS", "ADDED P50 MS", "GRPC P99 MS",
                                              "CONSOLE P99 MS", "ERRORS (GRPC/CONSOLE)"}};
  for (const auto& direct : points) {
    if (direct["via"] != "grpc") continue;
    for (const auto& console : points) {
      if (console["via"] != "console" || console["clients"] != direct["clients"]) continue;
      rows.push_back({std::to_string(direct["clients"].get<int>()), Fixed(direct["calls_per_second"], 0),
                      Fixed(console["calls_per_second"], 0), Fixed(direct["p50_ms"], 2),
                      Fixed(console["p50_ms"], 2),
                      Fixed(console["p50_ms"].get<double>() - direct["p50_ms"].get<double>(), 2),
                      Fixed(direct["p99_ms"], 2), Fixed(console["p99_ms"], 2),
                      std::to_string(direct["errors"].get<int64_t>()) + "/" +
                          std::to_string(console["errors"].get<int64_t>())});
    }
  }
  out << "== household page (GetHousehold, GetOfficialStatus, GetCaseByHousehold, GetHouseholdTimeline): "
         "through the console vs directly over gRPC, per call ==\n";
  PrintTable(rows, out);
  for (const auto& point : points) {
    if (!point["first_error"].get<std::string>().empty()) {
      out << "first error (" << point["via"].get<std::string>() << ", " << point["clients"]
          << " clients): " << point["first_error"].get<std::string>() << "\n";
    }
  }
}

namespace {

// The cycle's steps, figures, Redis memory by key family and Redis commands:
// the tables the single Redis and the cluster both have.
void PrintCycle(const nlohmann::json& report, std::ostream& out) {
  const auto& cycle = report["end_to_end"];
  PrintTable({{"STEP", "SECONDS FROM FIRST IMPORT"},
              {"import answered", Fixed(cycle["import_seconds"], 2)},
              {"classification holds every survey", Fixed(cycle["surveys_joined_seconds"], 2)},
              {"every group meeting recorded", Fixed(cycle.value("meetings_seconds", 0.0), 2)},
              {"results posted", Fixed(cycle.value("posted_seconds", 0.0), 2)},
              {"round approved", Fixed(cycle["approved_seconds"], 2)},
              {"every consumer applied everything", Fixed(cycle["drained_seconds"], 2)}},
             out);
  PrintTable({{"FIGURE", "VALUE"},
              {"households/s end to end", Fixed(cycle["households_per_second"], 0)},
              {"import rows/s", Fixed(cycle["import_rows_per_second"], 0)},
              {"meetings recorded", std::to_string(cycle["meetings"].get<int64_t>())},
              {"official poor / near-poor", std::to_string(cycle["official_poor"].get<int64_t>()) + " / " +
                                                std::to_string(cycle["official_near_poor"].get<int64_t>())},
              {"cases opened", std::to_string(cycle["cases_opened"].get<int64_t>())},
              {"GetRoundProgress p50 / p99, posted round",
               Fixed(cycle.value("round_progress_p50_ms", 0.0), 2) + " / " +
                   Fixed(cycle.value("round_progress_p99_ms", 0.0), 2) + " ms"},
              {"Redis memory per household (consumed entries trimmed)",
               Fixed(report["redis"]["bytes_per_household"], 0) + " B"},
              {"pipelined XADD limit (redis-benchmark)",
               report["redis"].contains("xadd_limit_per_second")
                   ? Fixed(report["redis"]["xadd_limit_per_second"], 0) + "/s"
                   : std::string("-")},
              {"end-to-end rate / XADD limit", report["redis"].contains("end_to_end_to_xadd_ratio")
                                                   ? Fixed(report["redis"]["end_to_end_to_xadd_ratio"], 3)
                                                   : std::string("-")},
              {"Redis commands per household", Fixed(report["redis"]["commands_per_household"], 1)},
              {"Redis CPU busy during the cycle",
               Fixed(100.0 * report["redis"]["cycle_cpu_busy_share"].get<double>(), 0) + "%"}},
             out);

  std::vector<std::vector<std::string>> families{{"KEY FAMILY", "KEYS", "MiB", "BYTES/HOUSEHOLD"}};
  for (const auto& family : report["redis_memory_by_family"]) {
    families.push_back({family["family"], std::to_string(family["keys"].get<int64_t>()),
                        Fixed(MiB(family["bytes"]), 1), Fixed(family["bytes_per_household"], 0)});
  }
  out << "== Redis memory by key family (MEMORY USAGE after the cycle) ==\n";
  PrintTable(families, out);

  std::vector<std::vector<std::string>> commands{
      {"REDIS COMMAND", "CALLS/HOUSEHOLD", "USEC/CALL", "SHARE OF TIME"}};
  for (const auto& command : report["redis_commands"]) {
    commands.push_back({command["command"], Fixed(command["calls_per_household"], 2),
                        Fixed(command["usec_per_call"], 1),
                        Fixed(100.0 * command["share_of_command_time"].get<double>(), 1) + "%"});
  }
  out << "== Redis commands during the cycle, by time spent (INFO commandstats) ==\n";
  PrintTable(commands, out);
  if (report.contains("cycle_cpu")) {
    std::vector<std::vector<std::string>> cpu{{"PROCESS", "CPU SECONDS", "USEC/HOUSEHOLD"}};
    for (const auto& row : report["cycle_cpu"]) {
      cpu.push_back({row["process"], Fixed(row["cpu_seconds"], 1), Fixed(row["usec_per_household"], 0)});
    }
    out << "== CPU during the cycle, by process (user + system) ==\n";
    PrintTable(cpu, out);
  }
}

}  // namespace

void PrintTables(const nlohmann::json& report, std::ostream& out) {
  if (report.contains("console_page") && !report.contains("redis")) {
    PrintConsolePage(report["console_page"], out);
    return;
  }
  if (!report.contains("end_to_end")) {
    if (report.contains("audit_verification")) PrintAuditVerification(report["audit_verification"], out);
    return;
  }
  out << "== end to end: " << report["end_to_end"]["households"]
      << " households (import, review to approval, cases, monitoring) ==\n";
  PrintCycle(report, out);

  std::vector<std::vector<std::string>> hops{{"HOP (CONSUMER GROUP)", "P50 MS", "P99 MS", "EVENTS"}};
  for (const auto& hop : report["hops"]) {
    hops.push_back({hop["group"], Fixed(hop["p50_ms"], 2), Fixed(hop["p99_ms"], 2),
                    Fixed(hop["events"].get<double>(), 0)});
  }
  out << "== publish-to-apply latency per hop (from the services' histograms) ==\n";
  PrintTable(hops, out);

  std::vector<std::vector<std::string>> memory{{"PROCESS", "PEAK RESIDENT MiB"}};
  for (const auto& [process, bytes] : report["peak_memory_bytes"].items()) {
    memory.push_back({process, Fixed(MiB(bytes), 1)});
  }
  out << "== peak memory ==\n";
  PrintTable(memory, out);

  std::vector<std::vector<std::string>> unary{{"CALL", "IN FLIGHT", "CALLS/S", "P50 MS", "P99 MS", "ERRORS"}};
  for (const auto& point : report["unary"]) {
    unary.push_back({point["call"], std::to_string(point["in_flight"].get<int>()),
                     Fixed(point["calls_per_second"], 0), Fixed(point["p50_ms"], 3),
                     Fixed(point["p99_ms"], 3), std::to_string(point["errors"].get<int64_t>())});
  }
  out << "== gRPC unary calls (closed loop) ==\n";
  PrintTable(unary, out);
  if (report.contains("console_page")) PrintConsolePage(report["console_page"], out);
  if (report.contains("audit_verification")) PrintAuditVerification(report["audit_verification"], out);

  if (report.contains("micro")) {
    std::vector<std::vector<std::string>> micro{{"MICRO-BENCHMARK", "TIME/OP", "ITEMS/S"}};
    for (const auto& run : report["micro"]["benchmarks"]) {
      micro.push_back(
          {run["name"], Fixed(run["real_time"], 0) + " " + run.value("time_unit", std::string("ns")),
           run.contains("items_per_second") ? Fixed(run["items_per_second"], 0) : std::string("-")});
    }
    out << "== micro-benchmarks (Google Benchmark) ==\n";
    PrintTable(micro, out);
  }
  if (report.contains("outside_consumer")) {
    std::vector<std::vector<std::string>> consumers{{"OUTSIDE CONSUMER", "EVENTS", "SECONDS", "EVENTS/S"}};
    const auto row = [&](const std::string& who, const nlohmann::json& run) {
      consumers.push_back({who, Fixed(run["events"].get<double>(), 0), Fixed(run["seconds"], 2),
                           Fixed(run["events_per_second"], 0)});
    };
    row("docs/examples/policy-bank-consumer.sh", report["outside_consumer"]["script"]);
    row("ansinh events subscribe --fields", report["outside_consumer"]["cli"]);
    out << "== outside consumers: the cycle's official statuses through Events.Subscribe, token and grant "
           "==\n";
    PrintTable(consumers, out);
  }
  if (report.contains("cluster")) PrintClusterCycle(report["cluster"], out);
  if (report.contains("encryption")) PrintEncryptionCost(report["encryption"], out);
}

void PrintEncryptionCost(const nlohmann::json& encryption, std::ostream& out) {
  const nlohmann::json& sealed = encryption["sealed"];
  const nlohmann::json& clear = encryption["clear"];
  out << "== what sealing personal fields costs: " << encryption["households"]
      << " households, the services sealing them (records, events) and not (goal: at most 10% of the rate) "
         "==\n";
  std::vector<std::vector<std::string>> rows{{"FIGURE", "SEALED", "IN CLEAR"}};
  const auto row = [&](const std::string& figure, const char* field, int digits) {
    rows.push_back({figure, Fixed(sealed[field], digits), Fixed(clear[field], digits)});
  };
  row("households/s end to end", "households_per_second", 0);
  row("import rows/s", "import_rows_per_second", 0);
  row("registry CPU usec/household", "registry_usec_per_household", 0);
  row("all CPU usec/household", "all_usec_per_household", 0);
  row("Redis bytes/household", "redis_bytes_per_household", 0);
  for (size_t i = 0; i < sealed["get_household"].size() && i < clear["get_household"].size(); ++i) {
    const nlohmann::json& s = sealed["get_household"][i];
    const nlohmann::json& c = clear["get_household"][i];
    const std::string at = " at " + std::to_string(s["in_flight"].get<int>()) + " in flight";
    rows.push_back(
        {"GetHousehold calls/s" + at, Fixed(s["calls_per_second"], 0), Fixed(c["calls_per_second"], 0)});
    rows.push_back({"GetHousehold p50/p99 ms" + at, Fixed(s["p50_ms"], 2) + " / " + Fixed(s["p99_ms"], 2),
                    Fixed(c["p50_ms"], 2) + " / " + Fixed(c["p99_ms"], 2)});
  }
  rows.push_back(
      {"rate lost to sealing", Fixed(100.0 * encryption["rate_cost_share"].get<double>(), 1) + "%", ""});
  PrintTable(rows, out);
}

void PrintClusterCycle(const nlohmann::json& cluster, std::ostream& out) {
  out << "== the same cycle on a local Redis Cluster: " << cluster["masters"] << " masters with "
      << cluster["replicas_per_master"] << " replica each, WAIT for one replica after each write ==\n";
  PrintCycle(cluster, out);
  std::vector<std::vector<std::string>> memory{{"PROCESS", "PEAK RESIDENT MiB"}};
  for (const auto& [process, bytes] : cluster["peak_memory_bytes"].items()) {
    memory.push_back({process, Fixed(MiB(bytes), 1)});
  }
  out << "== peak memory, on the cluster ==\n";
  PrintTable(memory, out);
  if (!cluster.contains("same_results")) return;
  std::vector<std::vector<std::string>> same{{"RESULT", "SINGLE REDIS", "CLUSTER", "SAME"}};
  for (const auto& row : cluster["same_results"]) {
    same.push_back({row["result"], std::to_string(row["single"].get<int64_t>()),
                    std::to_string(row["cluster"].get<int64_t>()),
                    row["single"] == row["cluster"] ? "yes" : "NO"});
  }
  out << "== results: single Redis and cluster ==\n";
  PrintTable(same, out);
}

}  // namespace ansinh::bench
