#include "commands/status_command.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <thread>

#include "ansinh/v1/operations.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "output.h"

namespace ansinh::cli {
namespace {

struct ServiceReport {
  std::string name;
  std::string address;
  std::string health = "UNREACHABLE";
  grpc::Status info_status;
  v1::ServiceInfo info;
};

std::string HealthOf(const ClientOptions& options, const std::string& address) {
  auto stub = grpc::health::v1::Health::NewStub(options.Channel(address));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, grpc::health::v1::HealthCheckRequest{}, &response);
  if (!status.ok()) return "UNREACHABLE";
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
}

std::vector<ServiceReport> Collect(const ClientOptions& options) {
  std::vector<ServiceReport> reports;
  for (const auto& [name, address] :
       std::vector<std::pair<std::string, std::string>>{{"registry", options.registry},
                                                        {"classification", options.classification},
                                                        {"assignment", options.assignment},
                                                        {"monitoring", options.monitoring}}) {
    ServiceReport report;
    report.name = name;
    report.address = address;
    reports.push_back(std::move(report));
  }
  for (auto& report : reports) {
    report.health = HealthOf(options, report.address);
    if (report.health == "UNREACHABLE") continue;
    auto stub = v1::Operations::NewStub(options.Channel(report.address));
    auto context = options.Context();
    report.info_status = stub->GetServiceInfo(context.get(), v1::GetServiceInfoRequest{}, &report.info);
  }
  return reports;
}

// A health status in words; the status names are gRPC's (and ours for UNREACHABLE).
std::string HealthWords(const std::string& health) {
  if (health == "SERVING") return Tr("health.SERVING");
  if (health == "NOT_SERVING") return Tr("health.NOT_SERVING");
  if (health == "UNREACHABLE") return Tr("health.UNREACHABLE");
  return health;
}

std::string Megabytes(int64_t bytes) {
  return std::to_string(bytes / (1024 * 1024)) + "." +
         std::to_string((bytes % (1024 * 1024)) * 10 / (1024 * 1024)) + " MiB";
}

void PrintTables(const std::vector<ServiceReport>& reports) {
  Table services(Headings({"heading.service", "heading.address", "heading.health", "heading.redis",
                           "heading.memory", "heading.version"}));
  Table streams(Headings(
      {"heading.stream", "heading.consumer_group", "heading.length", "heading.lag", "heading.pending"}));
  Table consumers(Headings({"heading.consumer_group_short", "heading.consumer", "heading.applied",
                            "heading.duplicates", "heading.failed", "heading.dead_lettered"}));
  for (const auto& report : reports) {
    const bool has_info = report.health != "UNREACHABLE" && report.info_status.ok();
    services.AddRow(
        {report.name, report.address, HealthWords(report.health),
         has_info ? Tr(report.info.redis_reachable() ? "cli.status.reachable" : "health.UNREACHABLE") : "-",
         has_info ? Megabytes(report.info.resident_memory_bytes()) : "-",
         has_info ? report.info.version() : "-"});
    if (!has_info) continue;
    for (const auto& published : report.info.published()) {
      streams.AddRow({published.stream(), Tr("cli.status.published_by", {{"service", report.name}}),
                      std::to_string(published.length()), "", ""});
    }
    for (const auto& consumed : report.info.consumed()) {
      streams.AddRow({consumed.stream(), consumed.group(), std::to_string(consumed.length()),
                      consumed.lag() < 0 ? "?" : std::to_string(consumed.lag()),
                      std::to_string(consumed.pending())});
    }
    for (const auto& counters : report.info.consumers()) {
      consumers.AddRow({counters.group(), counters.consumer(), std::to_string(counters.applied()),
                        std::to_string(counters.skipped_duplicates()),
                        std::to_string(counters.failed_deliveries()),
                        std::to_string(counters.dead_letter_length())});
    }
  }
  services.Print(std::cout);
  if (streams.size() > 0) {
    std::cout << "\n";
    streams.Print(std::cout);
  }
  if (consumers.size() > 0) {
    std::cout << "\n";
    consumers.Print(std::cout);
  }
  for (const auto& report : reports) {
    if (report.health != "UNREACHABLE" && !report.info_status.ok()) {
      std::cerr << report.name << ": " << report.info_status.error_message() << "\n";
    }
  }
}

void PrintJson(const std::vector<ServiceReport>& reports) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& report : reports) {
    nlohmann::json item{{"service", report.name}, {"address", report.address}, {"health", report.health}};
    if (report.health != "UNREACHABLE" && report.info_status.ok()) {
      item["info"] = nlohmann::json::parse(ToJson(report.info));
    }
    out.push_back(item);
  }
  std::cout << out.dump(2) << "\n";
}

int Run(const ClientOptions& options, int wait_seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait_seconds);
  std::vector<ServiceReport> reports;
  while (true) {
    reports = Collect(options);
    bool all_serving = true;
    for (const auto& report : reports) all_serving = all_serving && report.health == "SERVING";
    if (all_serving || std::chrono::steady_clock::now() >= deadline) {
      options.json ? PrintJson(reports) : PrintTables(reports);
      return all_serving ? 0 : 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

void AddStatusCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("status", Tr("help.status"));
  auto wait_seconds = std::make_shared<int>(0);
  command->add_option("--wait", *wait_seconds, Tr("help.status.wait"));
  command->callback([&options, &exit_code, wait_seconds] { exit_code = Run(options, *wait_seconds); });
}

}  // namespace ansinh::cli
