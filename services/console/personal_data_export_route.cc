#include "console/personal_data_export_route.h"

#include <google/protobuf/util/json_util.h>

#include "console/api_error.h"
#include "i18n/embedded_catalogs.h"
#include "subject_access/export_document.h"
#include "subject_access/export_gatherer.h"

namespace ansinh::console {
namespace {

HttpReply Refusal(const ApiError& error) {
  return HttpReply{error.http_status, "application/json; charset=utf-8", ErrorBodyJson(error), {}};
}

// Household and member ids are short words of letters, digits and '-': one
// that is not cannot name anything, and must not reach a header.
bool IsPlainId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!plain) return false;
  }
  return true;
}

}  // namespace

HttpReply ExportPersonalData(const Backends& backends, const CallIdentity& user, const ApiRequest& request,
                             const i18n::Translator& words) {
  const std::string format = request.Query("format").empty() ? "html" : request.Query("format");
  const std::string household_id = request.Query("household_id");
  const std::string member_id = request.Query("member_id");
  ApiError bad = ConsoleError(grpc::StatusCode::INVALID_ARGUMENT, "error.console.bad_query", words);
  if (format != "html" && format != "json") {
    bad.violations.push_back({"format", words.Text("violation.console.one_of", {{"values", "html, json"}})});
  }
  if (household_id.empty()) {
    bad.violations.push_back({"household_id", words.Text("violation.console.required")});
  } else if (!IsPlainId(household_id)) {
    bad.violations.push_back({"household_id", words.Text("violation.console.plain_id")});
  }
  if (!member_id.empty() && !IsPlainId(member_id)) {
    bad.violations.push_back({"member_id", words.Text("violation.console.plain_id")});
  }
  if (!bad.violations.empty()) return Refusal(bad);

  const subject_access::ServiceChannels channels{
      backends.ChannelFor("Registry"), backends.ChannelFor("Classification"),
      backends.ChannelFor("Assignment"), backends.ChannelFor("Monitoring")};
  const subject_access::Gathered gathered = subject_access::GatherExport(
      channels, [&] { return backends.Context(user); }, household_id, member_id);
  if (!gathered.status.ok()) return Refusal(ApiErrorFromStatus(gathered.status, words));

  HttpReply reply;
  const std::string name = household_id + (member_id.empty() ? "" : "-" + member_id) + "-du-lieu-ca-nhan";
  if (format == "html") {
    // For the data subject: in Vietnamese, whatever language the console shows.
    Result<i18n::Translator> vietnamese = i18n::MakeTranslator(i18n::Language::kVietnamese);
    if (!vietnamese.ok()) {
      return Refusal(ConsoleError(grpc::StatusCode::INTERNAL, "error.console.internal", words));
    }
    reply.content_type = "text/html; charset=utf-8";
    reply.body = subject_access::RenderExportDocument(gathered.exported, *vietnamese);
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".html\"");
  } else {
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(gathered.exported, &reply.body, options);
    reply.content_type = "application/json; charset=utf-8";
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
  }
  // Personal data: never kept by a browser or a proxy.
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

}  // namespace ansinh::console
