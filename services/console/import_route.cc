#include "console/import_route.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "ansinh/v1/registry.grpc.pb.h"
#include "console/api_error.h"
#include "console/json_mapping.h"
#include "registry/client/household_import_client.h"
#include "registry/client/import_report.h"
#include "registry/core/import/csv_household_import.h"
#include "registry/core/import/json_lines_import.h"

namespace ansinh::console {
namespace {

HttpReply ImportRefusal(const ApiError& error) {
  return HttpReply{error.http_status, "application/json; charset=utf-8", ErrorBodyJson(error), {}};
}

// Each call's deadline beyond the usual: a call carries up to 500 rows.
constexpr std::chrono::seconds kImportCallAllowance{10};

}  // namespace

void RenumberChunkLines(registry::ParsedImport& parsed, bool csv, int64_t first_line) {
  const int64_t offset = first_line - (csv ? 2 : 1);
  auto file_line = [&](int64_t chunk_line) {
    return csv && chunk_line <= 1 ? chunk_line : chunk_line + offset;
  };
  for (registry::ParsedRow& row : parsed.rows) {
    row.request.set_row_number(file_line(row.request.row_number()));
    for (int64_t& line : row.member_lines) line = file_line(line);
    for (registry::ImportError& error : row.errors) error.line = file_line(error.line);
  }
  for (registry::ImportError& error : parsed.file_errors) error.line = file_line(error.line);
}

HttpReply ImportChunk(const Backends& backends, const CallIdentity& user, const ApiRequest& request,
                      const i18n::Translator& words) {
  const std::string format = request.Query("format");
  const bool csv = format == "csv";
  int64_t first_line = csv ? 2 : 1;
  ApiError bad = ConsoleError(grpc::StatusCode::INVALID_ARGUMENT, "error.console.bad_query", words);
  if (format != "csv" && format != "jsonl") {
    bad.violations.push_back({"format", words.Text("violation.console.one_of", {{"values", "csv, jsonl"}})});
  }
  if (const std::string given = request.Query("first_line"); !given.empty()) {
    const auto [end, problem] = std::from_chars(given.data(), given.data() + given.size(), first_line);
    if (problem != std::errc() || end != given.data() + given.size() || first_line < (csv ? 2 : 1)) {
      bad.violations.push_back({"first_line", words.Text("violation.console.line_number")});
    }
  }
  if (!bad.violations.empty()) return ImportRefusal(bad);

  registry::ParsedImport parsed =
      csv ? registry::ParseCsvHouseholds(request.body) : registry::ParseJsonLines(request.body);
  RenumberChunkLines(parsed, csv, first_line);
  const registry::client::ImportReport report(parsed);

  // A file whose header or structure is wrong is fixed and sent again, not
  // imported in part (a household may have lost a member): nothing is sent.
  std::vector<const registry::ParsedRow*> to_send;
  if (parsed.file_errors.empty()) to_send = report.rows_to_send();
  registry::client::ImportOutcome outcome;
  if (!to_send.empty()) {
    const auto stub = v1::Registry::NewStub(backends.ChannelFor("Registry"));
    size_t next = 0;
    outcome = registry::client::StreamImport(
        *stub,
        [&] {
          auto context = backends.Context(user);
          context->set_deadline(std::chrono::system_clock::now() + backends.deadline() +
                                kImportCallAllowance);
          return context;
        },
        [&]() -> std::optional<v1::ImportHouseholdsRequest> {
          if (next == to_send.size()) return std::nullopt;
          return to_send[next++]->request;
        },
        static_cast<int64_t>(to_send.size()), nullptr);
  }

  nlohmann::json body;
  body["results"] = nlohmann::json::array();
  for (const v1::ImportRowResult& result : outcome.response.results()) {
    body["results"].push_back(nlohmann::json::parse(MessageJson(result)));
  }
  const int64_t not_sent = static_cast<int64_t>(parsed.rows.size() - to_send.size());
  body["imported_count"] = outcome.response.imported_count();
  body["rejected_count"] = outcome.response.rejected_count() + not_sent;
  body["not_sent_count"] = not_sent;
  body["parse_errors"] = nlohmann::json::array();
  for (const registry::client::LineProblem& problem : report.Problems({})) {
    body["parse_errors"].push_back(
        {{"line", problem.line}, {"field", problem.field}, {"message", problem.description}});
  }
  if (!outcome.status.ok()) {
    // The rows acknowledged before the broken call are reported with the refusal.
    const ApiError error = ApiErrorFromStatus(outcome.status, words);
    body.update(nlohmann::json::parse(ErrorBodyJson(error)));
    return HttpReply{error.http_status,
                     "application/json; charset=utf-8",
                     body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                     {}};
  }
  return HttpReply{200,
                   "application/json; charset=utf-8",
                   body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                   {}};
}

}  // namespace ansinh::console
