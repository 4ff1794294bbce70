#include "console/api_error.h"

#include <grpcpp/support/error_details.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace ansinh::console {
namespace {

// The ErrorInfo domains of server::ToStatus.
constexpr char kErrorInfoDomain[] = "ansinh";
constexpr char kViolationInfoDomain[] = "ansinh.violation";

// The text of `info`'s key in the translator's language with its metadata as
// arguments and `problems` as the list argument "problems"; `as_sent` (the
// service's English words) without a key, for a key this build lacks, and in
// English, where the service's words are the catalog's.
std::string WordedInLanguage(const std::optional<google::rpc::ErrorInfo>& info, const std::string& as_sent,
                             const i18n::Translator& words, std::vector<i18n::Message> problems = {}) {
  if (!info || words.language() == i18n::Language::kEnglish || !words.Has(info->reason())) return as_sent;
  i18n::Message message{info->reason(), {}, {}};
  for (const auto& [name, value] : info->metadata()) message.args.emplace(name, value);
  message.texts["problems"] = std::move(problems);
  return words.Text(message);
}

// The console's words for a status without a catalog key that gRPC or an
// unreachable service produced; nullptr for codes whose service message is
// meant for the user.
const char* GeneralKeyOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
      return "error.console.unavailable";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "error.console.timeout";
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::UNIMPLEMENTED:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::CANCELLED:
      return "error.console.internal";
    default:
      return nullptr;
  }
}

}  // namespace

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return 400;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::FAILED_PRECONDITION:
      return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    default:
      return 500;
  }
}

ApiError ApiErrorFromStatus(const grpc::Status& status, const i18n::Translator& words) {
  ApiError error;
  error.http_status = HttpStatusOf(status.error_code());
  error.code = StatusCodeName(status.error_code());
  google::rpc::Status rich;
  std::vector<google::rpc::BadRequest::FieldViolation> violations;
  std::optional<google::rpc::ErrorInfo> error_info;
  std::map<std::string, google::rpc::ErrorInfo> violation_infos;
  if (!status.error_details().empty() && grpc::ExtractErrorDetails(status, &rich).ok()) {
    for (const auto& detail : rich.details()) {
      google::rpc::BadRequest bad_request;
      google::rpc::ErrorInfo info;
      if (detail.UnpackTo(&bad_request)) {
        violations.insert(violations.end(), bad_request.field_violations().begin(),
                          bad_request.field_violations().end());
      } else if (detail.UnpackTo(&info)) {
        if (info.domain() == kErrorInfoDomain) error_info = info;
        const auto field = info.metadata().find("field");
        if (info.domain() == kViolationInfoDomain && field != info.metadata().end()) {
          violation_infos[field->second] = info;
        }
      }
    }
  }
  std::vector<i18n::Message> problems;
  for (const auto& violation : violations) {
    const auto info = violation_infos.find(violation.field());
    std::string description =
        WordedInLanguage(info == violation_infos.end() ? std::nullopt : std::optional(info->second),
                         violation.description(), words);
    // A violation without a field sums up those left out ("and 137 more").
    if (violation.field().empty()) {
      problems.push_back(i18n::Message{"problem.as_written", {{"text", description}}, {}});
    } else {
      problems.push_back(i18n::Message{
          "problem.field",
          {{"field", violation.field()}},
          {{"description", {i18n::Message{"problem.as_written", {{"text", description}}, {}}}}}});
    }
    error.violations.push_back(ApiViolation{violation.field(), std::move(description)});
  }
  if (error_info) {
    error.key = error_info->reason();
  } else if (const char* general = GeneralKeyOf(status.error_code())) {
    // gRPC's own words ("failed to connect to all addresses; ...") tell a
    // ward officer nothing and name internal addresses: the console words
    // these itself (the log keeps the original).
    error.key = general;
    error.message = words.Text(general);
    return error;
  }
  error.message = WordedInLanguage(error_info, status.error_message(), words, std::move(problems));
  return error;
}

ApiError ConsoleError(grpc::StatusCode code, std::string key, const i18n::Translator& words,
                      i18n::Args args) {
  ApiError error;
  error.http_status = HttpStatusOf(code);
  error.code = StatusCodeName(code);
  error.message = words.Text(key, args);
  error.key = std::move(key);
  return error;
}

std::string ErrorBodyJson(const ApiError& error) {
  nlohmann::json violations = nlohmann::json::array();
  for (const ApiViolation& violation : error.violations) {
    violations.push_back({{"field", violation.field}, {"description", violation.description}});
  }
  const nlohmann::json body{{"error",
                             {{"http_status", error.http_status},
                              {"code", error.code},
                              {"key", error.key},
                              {"message", error.message},
                              {"violations", std::move(violations)}}}};
  // Replace, not throw, on text that is not UTF-8 (a service's echo of bad input).
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ansinh::console
