#include "console/report_route.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "console/api_error.h"
#include "console/method_allow_list.h"
#include "kernel/ward_clock.h"
#include "report_document/csv_writer.h"
#include "report_document/pdf_renderer.h"
#include "reports/resolution_report_document.h"

namespace ansinh::console {
namespace {

// The resolution the final review closes by default (docs/reports.md).
constexpr int kResolutionFirstYear = 2021;
constexpr int kResolutionLastYear = 2025;

HttpReply Refusal(const ApiError& error) {
  return HttpReply{error.http_status, "application/json; charset=utf-8", ErrorBodyJson(error), {}};
}

std::optional<int> Integer(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A year from the query, `fallback` when absent; a violation when not a number.
int YearFrom(const ApiRequest& request, const std::string& name, int fallback, ApiError& bad,
             const i18n::Translator& words) {
  const std::string text = request.Query(name);
  if (text.empty()) return fallback;
  if (const std::optional<int> year = Integer(text)) return *year;
  bad.violations.push_back({name, words.Text("violation.console.number")});
  return fallback;
}

grpc::Status Call(const Backends& backends, const CallIdentity& user, const char* service, const char* method,
                  const google::protobuf::Message& request, google::protobuf::Message& response) {
  return backends.CallUnary(*FindConsoleService(service)->FindMethodByName(method), request, response, user);
}

// Names are a courtesy: a list the user may not read leaves ids.
reports::ReportNames LoadNames(const Backends& backends, const CallIdentity& user) {
  v1::ListOrganizationsRequest organizations_request;
  organizations_request.set_include_inactive(true);
  v1::ListOrganizationsResponse organizations;
  if (!Call(backends, user, "Assignment", "ListOrganizations", organizations_request, organizations).ok()) {
    organizations.Clear();
  }
  v1::ListHelpersRequest helpers_request;
  helpers_request.set_include_inactive(true);
  v1::ListHelpersResponse helpers;
  if (!Call(backends, user, "Assignment", "ListHelpers", helpers_request, helpers).ok()) helpers.Clear();
  v1::ListLivelihoodModelsRequest models_request;
  models_request.set_include_ended(true);
  v1::ListLivelihoodModelsResponse models;
  if (!Call(backends, user, "Assignment", "ListLivelihoodModels", models_request, models).ok())
    models.Clear();
  return reports::NamesFrom(organizations, helpers, models);
}

HttpReply Attachment(std::string content_type, std::string body, const std::string& file_name) {
  HttpReply reply;
  reply.content_type = std::move(content_type);
  reply.body = std::move(body);
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return reply;
}

}  // namespace

HttpReply ResolutionReportRoute(const Backends& backends, const CallIdentity& user, const ApiRequest& request,
                                const i18n::Translator& words) {
  ApiError bad = ConsoleError(grpc::StatusCode::INVALID_ARGUMENT, "error.console.bad_query", words);
  const std::string kind = request.Query("kind").empty() ? "final" : request.Query("kind");
  const std::string format = request.Query("format").empty() ? "pdf" : request.Query("format");
  if (kind != "final" && kind != "yearly") {
    bad.violations.push_back({"kind", words.Text("violation.console.one_of", {{"values", "final, yearly"}})});
  }
  if (format != "pdf" && format != "csv" && format != "tables") {
    bad.violations.push_back(
        {"format", words.Text("violation.console.one_of", {{"values", "pdf, csv, tables"}})});
  }
  int first_year = YearFrom(request, "first_year", kResolutionFirstYear, bad, words);
  int last_year = YearFrom(request, "last_year", kResolutionLastYear, bad, words);
  if (kind == "yearly") first_year = last_year = YearFrom(request, "year", kResolutionLastYear, bad, words);
  std::optional<int> table_number;
  if (format == "csv") {
    table_number = Integer(request.Query("table"));
    if (!table_number || *table_number < 1) {
      bad.violations.push_back({"table", words.Text("violation.console.required")});
    }
  }
  if (!bad.violations.empty()) return Refusal(bad);

  v1::GetResolutionReportRequest facts_request;
  facts_request.set_first_year(first_year);
  facts_request.set_last_year(last_year);
  facts_request.set_as_of(request.Query("as_of").empty()
                              ? reports::DefaultReportDate(last_year, WardClock().Today())
                              : request.Query("as_of"));
  v1::GetResolutionReportResponse facts;
  const grpc::Status status = Call(backends, user, "Monitoring", "GetResolutionReport", facts_request, facts);
  if (!status.ok()) return Refusal(ApiErrorFromStatus(status, words));
  const reports::ResolutionReport report = reports::BuildResolutionReport(
      facts, kind == "final" ? reports::ReportKind::kFinal : reports::ReportKind::kYearly,
      LoadNames(backends, user), words);
  const std::string stem =
      kind == "final" ? "bao-cao-tong-ket-" + std::to_string(first_year) + "-" + std::to_string(last_year)
                      : "bao-cao-nam-" + std::to_string(last_year);

  if (format == "tables") {
    nlohmann::json tables = nlohmann::json::array();
    for (size_t i = 0; i < report.tables.size(); ++i) {
      tables.push_back({{"number", i + 1},
                        {"title", report.tables[i].table.caption},
                        {"file", report.tables[i].file_stem + ".csv"}});
    }
    HttpReply reply;
    reply.body = nlohmann::json{{"title", report.document.title}, {"tables", tables}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    return reply;
  }
  if (format == "csv") {
    if (static_cast<size_t>(*table_number) > report.tables.size()) {
      bad.violations.push_back(
          {"table", words.Text("violation.console.one_of",
                               {{"values", "1-" + std::to_string(report.tables.size())}})});
      return Refusal(bad);
    }
    const reports::ReportTable& table = report.tables[static_cast<size_t>(*table_number - 1)];
    const Result<std::string> csv = report_document::TableToCsv(table.table);
    if (!csv.ok()) {
      spdlog::error("report table {} could not be written as CSV: {}", table.file_stem, csv.error().message);
      return Refusal(ConsoleError(grpc::StatusCode::INTERNAL, "error.console.report", words));
    }
    return Attachment("text/csv; charset=utf-8", csv.value(), stem + "-" + table.file_stem + ".csv");
  }
  report_document::PdfOptions pdf;
  pdf.footer_template = reports::PageFooter(words);
  const Result<report_document::RenderedPdf> rendered = report_document::RenderPdf(report.document, pdf);
  if (!rendered.ok()) {
    spdlog::error("report {} could not be rendered: {}", stem, rendered.error().message);
    return Refusal(ConsoleError(grpc::StatusCode::INTERNAL, "error.console.report", words));
  }
  return Attachment("application/pdf", rendered.value().bytes, stem + ".pdf");
}

}  // namespace ansinh::console
