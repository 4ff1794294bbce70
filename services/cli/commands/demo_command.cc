#include "commands/demo_command.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/demo_history_command.h"
#include "commands/progress_line.h"
#include "commands/registry_output.h"
#include "kernel/ward_clock.h"
#include "output.h"
#include "registry/client/demo_ward_loader.h"
#include "registry/core/demo/demo_ward_generator.h"
#include "registry/core/import/json_lines_import.h"

namespace ansinh::cli {
namespace {

using registry::client::DemoLoadOptions;
using registry::client::DemoLoadResult;

constexpr int64_t kDemoProgressFromRows = 5000;
// As for `ansinh import`: --timeout plus a second per hundred households.
constexpr int64_t kDemoRowsPerSecondAllowed = 100;

struct DemoFlags {
  int64_t households = 2000;
  uint64_t seed = 2025;

  void Add(CLI::App& command) {
    command.add_option("--households", households, Tr("help.demo.households"))
        ->check(CLI::Range(int64_t{1}, registry::kMaxDemoHouseholds))
        ->capture_default_str();
    command.add_option("--seed", seed, Tr("help.demo.seed"))->capture_default_str();
  }
};

void PrintLoaded(const DemoLoadResult& result) {
  const registry::client::DemoWardCounts& counts = result.intended;
  const v1::ImportHouseholdsResponse& response = result.import.response;
  const double seconds = std::chrono::duration<double>(result.import.elapsed).count();
  std::cout << Tr("cli.demo.ward", {{"households", Grouped(counts.households)},
                                    {"groups", counts.residential_groups},
                                    {"members", Grouped(counts.members)},
                                    {"year", counts.review_year}})
            << "\n"
            << Tr("cli.demo.built",
                  {{"poor", Grouped(counts.poor)},
                   {"without_labour_capacity", Grouped(counts.poor_without_labour_capacity)},
                   {"near_poor", Grouped(counts.near_poor)},
                   {"average", Grouped(counts.average)},
                   {"not_poor", Grouped(counts.not_poor)}})
            << "\n"
            << Tr("cli.demo.imported", {{"imported", Grouped(response.imported_count())},
                                        {"rejected", Grouped(response.rejected_count())},
                                        {"rate", ImportRate(seconds, result.import.ImportedPerSecond())}})
            << "\n";
  if (response.rejected_count() > 0) {
    Table table(Headings({"heading.row", "heading.field", "heading.problem"}));
    for (const v1::ImportRowResult& row : response.results()) {
      if (!row.has_rejected()) continue;
      for (const auto& violation : row.rejected().field_violations()) {
        table.AddRow({std::to_string(row.row_number()), violation.field(), violation.description()});
      }
    }
    table.Print(std::cout);
  }
}

void PrintLoadedJson(const DemoLoadResult& result) {
  const registry::client::DemoWardCounts& counts = result.intended;
  nlohmann::json out{
      {"skipped", result.skipped},
      {"existing_households", result.existing_households},
  };
  if (!result.skipped) {
    out["intended"] = {{"households", counts.households},
                       {"members", counts.members},
                       {"residential_groups", counts.residential_groups},
                       {"surveys", counts.surveys},
                       {"review_year", counts.review_year},
                       {"poor", counts.poor},
                       {"poor_without_labour_capacity", counts.poor_without_labour_capacity},
                       {"near_poor", counts.near_poor},
                       {"average", counts.average},
                       {"not_poor", counts.not_poor}};
    out["imported_count"] = result.import.response.imported_count();
    out["rejected_count"] = result.import.response.rejected_count();
    out["seconds"] = std::chrono::duration<double>(result.import.elapsed).count();
    out["households_per_second"] = result.import.ImportedPerSecond();
  }
  std::cout << out.dump(2) << "\n";
}

int Load(const ClientOptions& options, const DemoFlags& flags, bool if_empty) {
  auto stub = v1::Registry::NewStub(options.Channel(options.registry));
  DemoLoadOptions load;
  load.households = flags.households;
  load.seed = flags.seed;
  load.if_empty = if_empty;
  load.today = WardClock().Today();
  ProgressLine progress(flags.households, kDemoProgressFromRows);
  bool import_started = false;
  const auto make_context = [&]() {
    auto context = options.Context();
    if (import_started) {
      context->set_deadline(std::chrono::system_clock::now() +
                            std::chrono::seconds(options.timeout_seconds +
                                                 registry::client::kRowsPerCall / kDemoRowsPerSecondAllowed));
    }
    // The first context is the emptiness check; the next one is the import's.
    import_started = true;
    return context;
  };
  const DemoLoadResult result = registry::client::LoadDemoWard(
      *stub, make_context, load,
      [&](const registry::client::ImportProgress& update) { progress.Update(update); });
  progress.Finish();
  if (!result.status.ok()) return ReportError(result.status, Tr("doing.demo_load"));
  if (options.json) {
    PrintLoadedJson(result);
  } else if (result.skipped) {
    std::cout << Tr("cli.demo.skipped", {{"count", Grouped(result.existing_households)}}) << "\n";
  } else {
    if (result.existing_households > 0) {
      std::cout << Tr("cli.demo.added_to", {{"count", Grouped(result.existing_households)}}) << "\n";
    }
    PrintLoaded(result);
  }
  return !result.skipped && result.import.response.rejected_count() > 0 ? 1 : 0;
}

int Export(const DemoFlags& flags, const std::string& path) {
  registry::DemoWardOptions ward_options;
  ward_options.household_count = flags.households;
  ward_options.registered_on = WardClock().Today();
  const std::vector<registry::DemoHousehold> ward = registry::GenerateDemoWard(flags.seed, ward_options);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(Tr("cli.error.cannot_write", {{"file", path}}));
  int64_t line = 0;
  for (const registry::DemoHousehold& demo : ward) {
    out << registry::FormatJsonLine(registry::ToImportRow(demo, ++line)) << "\n";
  }
  out.close();
  if (!out) throw std::runtime_error(Tr("cli.error.write_failed", {{"file", path}}));
  std::cout << Tr("cli.demo.exported", {{"count", Grouped(line)}, {"file", path}}) << "\n";
  return 0;
}

}  // namespace

void AddDemoCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* demo = app.add_subcommand("demo", Tr("help.demo"));
  demo->require_subcommand(1);

  auto* load = demo->add_subcommand("load", Tr("help.demo.load"));
  auto load_flags = std::make_shared<DemoFlags>();
  auto if_empty = std::make_shared<bool>(false);
  load_flags->Add(*load);
  load->add_flag("--if-empty", *if_empty, Tr("help.demo.load.if_empty"));
  load->callback(
      [&options, &exit_code, load_flags, if_empty] { exit_code = Load(options, *load_flags, *if_empty); });

  auto* export_command = demo->add_subcommand("export", Tr("help.demo.export"));
  auto export_flags = std::make_shared<DemoFlags>();
  auto path = std::make_shared<std::string>();
  export_flags->Add(*export_command);
  export_command->add_option("file", *path, Tr("help.demo.export.file"))->required();
  export_command->callback([&exit_code, export_flags, path] { exit_code = Export(*export_flags, *path); });

  AddDemoHistoryCommand(*demo, options, exit_code);
}

}  // namespace ansinh::cli
