#include "commands/report_commands.h"

#include <filesystem>
#include <iostream>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "commands/directory_names.h"
#include "kernel/ward_clock.h"
#include "output.h"
#include "report_document/csv_writer.h"
#include "report_document/pdf_renderer.h"
#include "reports/resolution_report_document.h"
#include "words.h"

namespace ansinh::cli {
namespace {

// The resolution the final review closes (docs/reports.md).
constexpr int kResolutionFirstYear = 2021;
constexpr int kResolutionLastYear = 2025;

struct ReportArgs {
  int first_year = kResolutionFirstYear;
  int last_year = kResolutionLastYear;
  std::string as_of, pdf, csv_dir;
};

void PrintTable(const report_document::Table& table) {
  std::cout << "\n" << table.caption << "\n\n";
  Table printed(table.columns);
  for (const std::vector<std::string>& row : table.rows) printed.AddRow(row);
  printed.Print(std::cout);
  if (!table.source_note.empty()) std::cout << table.source_note << "\n";
}

int WriteCsvFiles(const reports::ResolutionReport& report, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    std::cerr << Tr("cli.error.cannot_write", {{"file", directory}}) << "\n";
    return 1;
  }
  for (const reports::ReportTable& table : report.tables) {
    const Result<std::string> csv = report_document::TableToCsv(table.table);
    const std::string path = (std::filesystem::path(directory) / (table.file_stem + ".csv")).string();
    if (!csv.ok() || !WriteOwnerOnlyFile(path, csv.value())) {
      std::cerr << Tr("cli.error.cannot_write", {{"file", path}}) << "\n";
      return 1;
    }
  }
  std::cout << Tr("cli.report.csv_written",
                  {{"count", Number(static_cast<int64_t>(report.tables.size()))}, {"directory", directory}})
            << "\n";
  return 0;
}

int Run(const ClientOptions& options, const ReportArgs& args, reports::ReportKind kind) {
  auto stub = v1::Monitoring::NewStub(options.Channel(options.monitoring));
  v1::GetResolutionReportRequest request;
  request.set_first_year(args.first_year);
  request.set_last_year(args.last_year);
  request.set_as_of(args.as_of.empty() ? reports::DefaultReportDate(args.last_year, WardClock().Today())
                                       : args.as_of);
  v1::GetResolutionReportResponse facts;
  const grpc::Status status = stub->GetResolutionReport(options.Context().get(), request, &facts);
  if (!status.ok()) return ReportError(status, Tr("doing.read_report"));
  if (options.json) {
    std::cout << ToJson(facts) << "\n";
    return 0;
  }
  const reports::ResolutionReport report =
      reports::BuildResolutionReport(facts, kind, LoadDirectoryNames(options), Words());
  if (!args.pdf.empty()) {
    report_document::PdfOptions pdf;
    pdf.footer_template = reports::PageFooter(Words());
    const Result<int> pages = report_document::WritePdfFile(report.document, args.pdf, pdf);
    if (!pages.ok()) {
      std::cerr << Tr("cli.report.pdf_failed", {{"file", args.pdf}, {"reason", pages.error().message}})
                << "\n";
      return 1;
    }
    std::cout << Tr("cli.report.pdf_written", {{"file", args.pdf}, {"pages", Number(pages.value())}}) << "\n";
  }
  if (!args.csv_dir.empty()) {
    if (int code = WriteCsvFiles(report, args.csv_dir); code != 0) return code;
  }
  if (args.pdf.empty() && args.csv_dir.empty()) {
    std::cout << report.document.title << "\n" << report.document.place_and_date << "\n";
    for (const reports::ReportTable& table : report.tables) PrintTable(table.table);
  }
  return 0;
}

void AddOutputOptions(CLI::App* command, ReportArgs& args) {
  command->add_option("--as-of", args.as_of, Tr("help.report.as_of"));
  command->add_option("--pdf", args.pdf, Tr("help.report.pdf"));
  command->add_option("--csv", args.csv_dir, Tr("help.report.csv"));
}

}  // namespace

void AddReportCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* report = app.add_subcommand("report", Tr("help.report"));
  report->require_subcommand(1);

  auto yearly_args = std::make_shared<ReportArgs>();
  auto* yearly = report->add_subcommand("yearly", Tr("help.report.yearly"));
  auto year = std::make_shared<int>(kResolutionLastYear);
  yearly->add_option("--year", *year, Tr("help.report.year"))->capture_default_str();
  AddOutputOptions(yearly, *yearly_args);
  yearly->callback([&options, &exit_code, yearly_args, year] {
    yearly_args->first_year = yearly_args->last_year = *year;
    exit_code = Run(options, *yearly_args, reports::ReportKind::kYearly);
  });

  auto final_args = std::make_shared<ReportArgs>();
  auto* final_review = report->add_subcommand("final", Tr("help.report.final"));
  final_review->add_option("--first-year", final_args->first_year, Tr("help.report.first_year"))
      ->capture_default_str();
  final_review->add_option("--last-year", final_args->last_year, Tr("help.report.last_year"))
      ->capture_default_str();
  AddOutputOptions(final_review, *final_args);
  final_review->callback([&options, &exit_code, final_args] {
    exit_code = Run(options, *final_args, reports::ReportKind::kFinal);
  });
}

}  // namespace ansinh::cli
