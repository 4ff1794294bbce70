#include "commands/import_command.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/progress_line.h"
#include "commands/registry_output.h"
#include "output.h"
#include "registry/client/household_import_client.h"
#include "registry/client/import_report.h"
#include "registry/core/import/csv_household_import.h"
#include "registry/core/import/json_lines_import.h"

namespace ansinh::cli {
namespace {

using registry::client::ImportOutcome;
using registry::client::ImportReport;
using registry::client::LineProblem;

// Files of at least this many households get a progress line.
constexpr int64_t kProgressFromRows = 1000;

// Each import call's deadline: --timeout, plus a generous second per hundred
// of its rows (the registry takes far less).
constexpr int64_t kRowsPerSecondAllowed = 100;

std::string FormatOf(const std::string& path, const std::string& given) {
  if (!given.empty()) return given;
  auto ends_with = [&](std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    std::string tail = path.substr(path.size() - suffix.size());
    for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == suffix;
  };
  if (ends_with(".csv")) return "csv";
  if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".json")) return "jsonl";
  throw CLI::ValidationError("--format", Tr("cli.import.unknown_format", {{"file", path}}));
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(Tr("cli.error.cannot_read", {{"file", path}}));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void PrintProblems(const std::vector<LineProblem>& problems) {
  Table table(Headings({"heading.line", "heading.household_at", "heading.field", "heading.problem"}));
  for (const LineProblem& problem : problems) {
    table.AddRow({std::to_string(problem.line), std::to_string(problem.row_line),
                  problem.field.empty() ? "-" : problem.field, problem.description});
  }
  table.Print(std::cout);
}

nlohmann::json ProblemsJson(const std::vector<LineProblem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const LineProblem& problem : problems) {
    out.push_back({{"line", problem.line},
                   {"household_line", problem.row_line},
                   {"field", problem.field},
                   {"description", problem.description}});
  }
  return out;
}

// An import whose stream broke (the registry killed, the network gone): what
// was acknowledged, the rows whose fate is unknown, and where to resume.
int ReportBrokenImport(const ClientOptions& options, const std::string& path, const ImportReport& report,
                       const ImportOutcome& outcome) {
  const int exit_code = ReportError(outcome.status, Tr("doing.import", {{"file", path}}));
  const int64_t imported = outcome.response.imported_count();
  const int64_t rejected = outcome.response.rejected_count();
  const int64_t last_acknowledged =
      outcome.response.results().empty() ? 0 : outcome.response.results().rbegin()->row_number();
  const std::vector<int64_t>& unknown = outcome.unacknowledged_rows;
  const int64_t resume_from = unknown.empty() ? last_acknowledged + 1 : unknown.front();
  if (options.json) {
    std::cout << nlohmann::json{{"file", path},
                                {"failed", true},
                                {"status", outcome.status.error_message()},
                                {"acknowledged_count", outcome.rows_acknowledged},
                                {"imported_count", imported},
                                {"rejected_count", rejected},
                                {"last_acknowledged_line", last_acknowledged},
                                {"unacknowledged_count", unknown.size()},
                                {"unacknowledged_first_line", unknown.empty() ? 0 : unknown.front()},
                                {"unacknowledged_last_line", unknown.empty() ? 0 : unknown.back()},
                                {"resume_from_line", resume_from},
                                {"problems", ProblemsJson(report.Problems(outcome.response))}}
                     .dump(2)
              << "\n";
    return exit_code;
  }
  std::cerr << (outcome.rows_acknowledged == 0
                    ? Tr("cli.import.none_acknowledged")
                    : Tr("cli.import.acknowledged", {{"count", Grouped(outcome.rows_acknowledged)},
                                                     {"imported", Grouped(imported)},
                                                     {"rejected", Grouped(rejected)},
                                                     {"line", std::to_string(last_acknowledged)}}))
            << "\n";
  if (!unknown.empty()) {
    std::cerr << Tr("cli.import.unacknowledged", {{"count", Grouped(static_cast<int64_t>(unknown.size()))},
                                                  {"first", std::to_string(unknown.front())},
                                                  {"last", std::to_string(unknown.back())}})
              << "\n";
  }
  std::cerr << Tr("cli.import.resume", {{"file", path}, {"line", std::to_string(resume_from)}}) << "\n";
  if (rejected > 0) PrintProblems(report.Problems(outcome.response));
  return exit_code;
}

int Run(const ClientOptions& options, const std::string& path, const std::string& format_flag,
        int64_t resume_from_line) {
  const std::string format = FormatOf(path, format_flag);
  const std::string text = ReadWholeFile(path);
  const registry::ParsedImport parsed =
      format == "csv" ? registry::ParseCsvHouseholds(text) : registry::ParseJsonLines(text);
  const ImportReport report(parsed);
  if (!parsed.file_errors.empty()) {
    std::cerr << Tr("cli.import.file_errors", {{"file", path}}) << "\n";
    PrintProblems(report.Problems({}));
    return 1;
  }

  // --resume-from-line: the rows that start before the line were sent by an
  // earlier, broken run.
  std::vector<const registry::ParsedRow*> to_send;
  for (const registry::ParsedRow* row : report.rows_to_send()) {
    if (row->request.row_number() >= resume_from_line) to_send.push_back(row);
  }
  if (to_send.size() < report.rows_to_send().size()) {
    std::cerr << Tr("cli.import.skipped",
                    {{"count", Grouped(static_cast<int64_t>(report.rows_to_send().size() - to_send.size()))},
                     {"line", std::to_string(resume_from_line)}})
              << "\n";
  }

  auto stub = v1::Registry::NewStub(options.Channel(options.registry));
  const auto rows = static_cast<int64_t>(to_send.size());
  ProgressLine progress(rows, kProgressFromRows);
  size_t next = 0;
  const ImportOutcome outcome = registry::client::StreamImport(
      *stub,
      [&] {
        auto context = options.Context();
        context->set_deadline(std::chrono::system_clock::now() +
                              std::chrono::seconds(options.timeout_seconds +
                                                   registry::client::kRowsPerCall / kRowsPerSecondAllowed));
        return context;
      },
      [&]() -> std::optional<v1::ImportHouseholdsRequest> {
        if (next == to_send.size()) return std::nullopt;
        return to_send[next++]->request;
      },
      rows, [&](const registry::client::ImportProgress& update) { progress.Update(update); });
  progress.Finish();
  if (!outcome.status.ok()) return ReportBrokenImport(options, path, report, outcome);

  const std::vector<LineProblem> problems = report.Problems(outcome.response);
  const int64_t imported = outcome.response.imported_count();
  const int64_t rejected = outcome.response.rejected_count();
  const int64_t not_sent = report.rows_refused_locally();
  const double seconds = std::chrono::duration<double>(outcome.elapsed).count();
  if (options.json) {
    nlohmann::json out{{"file", path},
                       {"format", format},
                       {"households_read", report.rows_read()},
                       {"imported_count", imported},
                       {"rejected_count", rejected},
                       {"not_sent_count", not_sent},
                       {"seconds", seconds},
                       {"households_per_second", outcome.ImportedPerSecond()},
                       {"problems", ProblemsJson(problems)}};
    nlohmann::json landed = nlohmann::json::array();
    for (const v1::ImportRowResult& result : outcome.response.results()) {
      if (!result.has_imported()) continue;
      landed.push_back({{"line", result.row_number()},
                        {"household_id", result.imported().household_id()},
                        {"code", result.imported().code()},
                        {"survey_id", result.imported().survey_id()}});
    }
    out["imported"] = std::move(landed);
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << Tr("cli.import.done", {{"imported", Grouped(imported)},
                                        {"read", Grouped(report.rows_read())},
                                        {"file", path},
                                        {"rate", ImportRate(seconds, outcome.ImportedPerSecond())}})
              << "\n";
    if (rejected + not_sent > 0) {
      std::cout << Tr("cli.import.not_imported", {{"count", Grouped(rejected + not_sent)},
                                                  {"rejected", Grouped(rejected)},
                                                  {"not_sent", Grouped(not_sent)}})
                << "\n\n";
      PrintProblems(problems);
    }
  }
  return rejected + not_sent > 0 ? 1 : 0;
}

}  // namespace

void AddImportCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("import", Tr("help.import"));
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto resume_from_line = std::make_shared<int64_t>(0);
  command->add_option("file", *path, Tr("help.import.file"))->required()->check(CLI::ExistingFile);
  command->add_option("--format", *format, Tr("help.import.format"))->check(CLI::IsMember({"csv", "jsonl"}));
  command->add_option("--resume-from-line", *resume_from_line, Tr("help.import.resume_from_line"))
      ->check(CLI::PositiveNumber);
  command->callback([&options, &exit_code, path, format, resume_from_line] {
    exit_code = Run(options, *path, *format, *resume_from_line);
  });
}

}  // namespace ansinh::cli
