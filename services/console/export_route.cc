#include "console/export_route.h"

#include "ansinh/v1/monitoring.pb.h"
#include "console/api_error.h"
#include "console/method_allow_list.h"

namespace ansinh::console {
namespace {

HttpReply ExportRefusal(const ApiError& error) {
  return HttpReply{error.http_status, "application/json; charset=utf-8", ErrorBodyJson(error), {}};
}

// The service's suggested name with anything that could break the header
// (quotes, separators, control characters) replaced.
std::string SafeFileName(const std::string& suggested, const std::string& fallback) {
  std::string name;
  for (const char c : suggested) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    name += plain ? c : '_';
  }
  return name.empty() ? fallback : name;
}

}  // namespace

HttpReply ExportHouseholdHistory(const Backends& backends, const CallIdentity& user,
                                 const ApiRequest& request, const i18n::Translator& words) {
  const std::string format = request.Query("format").empty() ? "csv" : request.Query("format");
  ApiError bad = ConsoleError(grpc::StatusCode::INVALID_ARGUMENT, "error.console.bad_query", words);
  if (format != "csv" && format != "json") {
    bad.violations.push_back({"format", words.Text("violation.console.one_of", {{"values", "csv, json"}})});
  }
  if (request.Query("household_id").empty()) {
    bad.violations.push_back({"household_id", words.Text("violation.console.required")});
  }
  if (!bad.violations.empty()) return ExportRefusal(bad);

  v1::ExportHouseholdHistoryRequest export_request;
  export_request.set_household_id(request.Query("household_id"));
  export_request.set_format(format == "csv" ? v1::ExportedDocument::FORMAT_CSV
                                            : v1::ExportedDocument::FORMAT_JSON);
  v1::ExportHouseholdHistoryResponse exported;
  const grpc::Status status =
      backends.CallUnary(*FindConsoleService("Monitoring")->FindMethodByName("ExportHouseholdHistory"),
                         export_request, exported, user);
  if (!status.ok()) return ExportRefusal(ApiErrorFromStatus(status, words));

  const v1::ExportedDocument& document = exported.document();
  HttpReply reply;
  reply.content_type = document.media_type().empty() ? (format == "csv" ? "text/csv" : "application/json")
                                                     : document.media_type();
  reply.content_type += "; charset=utf-8";
  reply.body = document.content();
  reply.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" +
          SafeFileName(document.file_name(),
                       "household-history." + std::string(format == "csv" ? "csv" : "json")) +
          "\"");
  return reply;
}

}  // namespace ansinh::console
