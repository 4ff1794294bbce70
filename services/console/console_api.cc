#include "console/console_api.h"

#include <google/protobuf/util/time_util.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "ansinh/v1/accounts.pb.h"
#include "console/api_error.h"
#include "console/export_route.h"
#include "console/import_route.h"
#include "console/json_mapping.h"
#include "console/method_allow_list.h"
#include "console/personal_data_export_route.h"
#include "console/random_secret.h"
#include "console/report_route.h"
#include "console/request_language.h"

namespace ansinh::console {
namespace {

constexpr char kRpcPrefix[] = "/api/rpc/";

bool ChangesState(const std::string& method) { return method != "GET" && method != "HEAD"; }

const google::protobuf::MethodDescriptor& AccountsMethod(const char* name) {
  return *FindConsoleService("Accounts")->FindMethodByName(name);
}

std::string Rfc3339(SessionTime at) {
  return google::protobuf::util::TimeUtil::ToString(
      google::protobuf::util::TimeUtil::TimeTToTimestamp(SessionClock::to_time_t(at)));
}

}  // namespace

std::string SessionIdOfCookie(const std::string& cookie_header) {
  std::string_view rest = cookie_header;
  const std::string_view wanted = std::string_view(kSessionCookie);
  while (!rest.empty()) {
    const size_t semicolon = rest.find(';');
    std::string_view pair = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > wanted.size() && pair.starts_with(wanted) && pair[wanted.size()] == '=') {
      return std::string(pair.substr(wanted.size() + 1));
    }
  }
  return "";
}

std::string SessionJson(const Session& session, const SessionLimits& limits) {
  nlohmann::json body;
  body["account"] = nlohmann::json::parse(MessageJson(session.account));
  body["csrf_token"] = session.csrf_token;
  body["expires_at"] = Rfc3339(session.expires_at);
  body["idle_timeout_seconds"] = limits.idle.count();
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ApiRouteLabel(const std::string& method, const std::string& path) {
  if (path == "/api/session" || path == "/api/session/end" || path == "/api/import" ||
      path == "/api/export/household-history" || path == "/api/export/personal-data" ||
      path == "/api/report") {
    return path;
  }
  if (method == "POST" && path.starts_with(kRpcPrefix)) {
    const std::string rest = path.substr(sizeof(kRpcPrefix) - 1);
    const size_t slash = rest.find('/');
    if (slash != std::string::npos &&
        FindAllowedMethod(rest.substr(0, slash), rest.substr(slash + 1)) != nullptr) {
      return path;
    }
  }
  return "/api/other";
}

ConsoleApi::ConsoleApi(const Backends& backends, SessionStore& sessions, const i18n::Translator& vietnamese,
                       const i18n::Translator& english, ConsoleApiOptions options, Now now)
    : backends_(backends),
      sessions_(sessions),
      vietnamese_(vietnamese),
      english_(english),
      options_(std::move(options)),
      now_(std::move(now)) {}

const i18n::Translator& ConsoleApi::WordsFor(const ApiRequest& request) const {
  // A download link cannot send a header: it says the page's language in its
  // query (GET /api/report?...&lang=en), before the browser's own preference.
  const std::string chosen =
      request.Header("x-ansinh-lang").empty() ? request.Query("lang") : request.Header("x-ansinh-lang");
  return RequestLanguage(chosen, request.Header("accept-language")) == i18n::Language::kEnglish ? english_
                                                                                                : vietnamese_;
}

HttpReply ConsoleApi::Refusal(grpc::StatusCode code, const std::string& key, const ApiRequest& request,
                              i18n::Args args) const {
  const ApiError error = ConsoleError(code, key, WordsFor(request), std::move(args));
  return HttpReply{error.http_status, "application/json; charset=utf-8", ErrorBodyJson(error), {}};
}

std::string ConsoleApi::SessionCookie(const std::string& id) const {
  return std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" +
         (options_.secure ? "; Secure" : "");
}

std::string ConsoleApi::ClearedSessionCookie() const {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (options_.secure ? "; Secure" : "");
}

std::optional<HttpReply> ConsoleApi::RefuseBeforeBody(const ApiRequest& headers_only) const {
  if (headers_only.method == "POST" && headers_only.path == "/api/session") return std::nullopt;
  if (sessions_.Peek(SessionIdOfCookie(headers_only.Header("cookie")), now_())) return std::nullopt;
  return Refusal(grpc::StatusCode::UNAUTHENTICATED, "error.console.no_session", headers_only);
}

HttpReply ConsoleApi::Handle(const ApiRequest& request) {
  if (request.method == "POST" && request.path == "/api/session") return SignIn(request);

  // Before any routing: an unknown path says nothing to someone signed out.
  const std::string session_id = SessionIdOfCookie(request.Header("cookie"));
  const std::optional<Session> session = sessions_.Use(session_id, now_());
  if (!session) {
    HttpReply reply = Refusal(grpc::StatusCode::UNAUTHENTICATED, "error.console.no_session", request);
    if (!session_id.empty()) reply.headers.emplace_back("Set-Cookie", ClearedSessionCookie());
    return reply;
  }
  if (ChangesState(request.method) && !CsrfTokenMatches(*session, request.Header("x-csrf-token"))) {
    return Refusal(grpc::StatusCode::PERMISSION_DENIED, "error.console.csrf", request);
  }

  const CallIdentity user{session->session_token, RandomHex(8)};
  HttpReply reply;
  if (request.method == "GET" && request.path == "/api/session") {
    reply.body = SessionJson(*session, sessions_.limits());
  } else if (request.method == "POST" && request.path == "/api/session/end") {
    return SignOut(request, *session);
  } else if (request.method == "POST" && request.path.starts_with(kRpcPrefix)) {
    reply = CallMethod(request, user);
  } else if (request.method == "POST" && request.path == "/api/import") {
    reply = ImportChunk(backends_, user, request, WordsFor(request));
  } else if (request.method == "GET" && request.path == "/api/export/household-history") {
    reply = ExportHouseholdHistory(backends_, user, request, WordsFor(request));
  } else if (request.method == "GET" && request.path == "/api/export/personal-data") {
    reply = ExportPersonalData(backends_, user, request, WordsFor(request));
  } else if (request.method == "GET" && request.path == "/api/report") {
    reply = ResolutionReportRoute(backends_, user, request, WordsFor(request));
  } else {
    reply =
        Refusal(grpc::StatusCode::NOT_FOUND, "error.console.not_found", request, {{"path", request.path}});
  }
  reply.headers.emplace_back("X-Correlation-Id", user.correlation_id);
  // The services no longer take the session's token (revoked, expired, the
  // account disabled): the console session ends with it.
  if (reply.status == 401) {
    sessions_.End(session->id);
    reply.headers.emplace_back("Set-Cookie", ClearedSessionCookie());
  }
  return reply;
}

HttpReply ConsoleApi::SignIn(const ApiRequest& request) {
  // A sign-in form posted from another site must not sign this browser in.
  const std::string origin = request.Header("origin");
  const std::string own_origin =
      std::string(options_.secure ? "https://" : "http://") + request.Header("host");
  if (!origin.empty() && origin != own_origin) {
    return Refusal(grpc::StatusCode::PERMISSION_DENIED, "error.console.origin", request,
                   {{"origin", origin}});
  }
  v1::SignInRequest credentials;
  if (const auto problem = ParseJsonBody(request.body, credentials)) {
    return Refusal(grpc::StatusCode::INVALID_ARGUMENT, "error.console.bad_json", request,
                   {{"type", "SignInRequest"}, {"detail", *problem}});
  }
  const i18n::Translator& words = WordsFor(request);
  ApiError missing =
      ConsoleError(grpc::StatusCode::INVALID_ARGUMENT, "error.console.sign_in_incomplete", words);
  if (credentials.username().empty()) {
    missing.violations.push_back({"username", words.Text("violation.console.required")});
  }
  if (credentials.password().empty()) {
    missing.violations.push_back({"password", words.Text("violation.console.required")});
  }
  if (!missing.violations.empty())
    return HttpReply{400, "application/json; charset=utf-8", ErrorBodyJson(missing), {}};

  if (sign_ins_in_flight_.fetch_add(1) >= options_.max_concurrent_sign_ins) {
    sign_ins_in_flight_.fetch_sub(1);
    return Refusal(grpc::StatusCode::RESOURCE_EXHAUSTED, "error.console.sign_in_busy", request);
  }
  v1::SignInResponse signed_in;
  const grpc::Status status = backends_.CallUnary(AccountsMethod("SignIn"), credentials, signed_in,
                                                  CallIdentity{options_.service_token, RandomHex(8)});
  sign_ins_in_flight_.fetch_sub(1);
  if (!status.ok()) {
    const ApiError error = ApiErrorFromStatus(status, words);
    return HttpReply{error.http_status, "application/json; charset=utf-8", ErrorBodyJson(error), {}};
  }
  const SessionTime token_expiry =
      signed_in.has_expires_at()
          ? SessionClock::from_time_t(
                google::protobuf::util::TimeUtil::TimestampToTimeT(signed_in.expires_at()))
          : SessionTime::max();
  const std::optional<Session> session =
      sessions_.Create(signed_in.session_token(), signed_in.account(), token_expiry,
                       std::string(i18n::LanguageCode(words.language())), now_());
  if (!session) {
    return Refusal(grpc::StatusCode::RESOURCE_EXHAUSTED, "error.console.too_many_sessions", request);
  }
  spdlog::info("signed in: {} ({} sessions)", session->account.username(), sessions_.size());
  HttpReply reply;
  reply.body = SessionJson(*session, sessions_.limits());
  reply.headers.emplace_back("Set-Cookie", SessionCookie(session->id));
  return reply;
}

HttpReply ConsoleApi::SignOut(const ApiRequest& request, const Session& session) {
  sessions_.End(session.id);
  v1::SignOutRequest sign_out;
  v1::SignOutResponse signed_out;
  const grpc::Status status = backends_.CallUnary(AccountsMethod("SignOut"), sign_out, signed_out,
                                                  CallIdentity{session.session_token, RandomHex(8)});
  // The console session is over either way; a token the registry could not
  // revoke still expires on its own.
  if (!status.ok()) {
    spdlog::warn("sign-out of {}: the session token was not revoked: {}", session.account.username(),
                 status.error_message());
  }
  (void)request;
  HttpReply reply{204, "", "", {}};
  reply.headers.emplace_back("Set-Cookie", ClearedSessionCookie());
  return reply;
}

HttpReply ConsoleApi::CallMethod(const ApiRequest& request, const CallIdentity& user) {
  const std::string rest = request.path.substr(sizeof(kRpcPrefix) - 1);
  const size_t slash = rest.find('/');
  const google::protobuf::MethodDescriptor* method =
      slash == std::string::npos ? nullptr : FindAllowedMethod(rest.substr(0, slash), rest.substr(slash + 1));
  if (method == nullptr) {
    return Refusal(grpc::StatusCode::NOT_FOUND, "error.console.not_found", request, {{"path", request.path}});
  }
  google::protobuf::MessageFactory* factory = google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<google::protobuf::Message> call_request(factory->GetPrototype(method->input_type())->New());
  std::unique_ptr<google::protobuf::Message> call_response(
      factory->GetPrototype(method->output_type())->New());
  if (const auto problem = ParseJsonBody(request.body, *call_request)) {
    return Refusal(grpc::StatusCode::INVALID_ARGUMENT, "error.console.bad_json", request,
                   {{"type", method->input_type()->name()}, {"detail", *problem}});
  }
  const grpc::Status status = backends_.CallUnary(*method, *call_request, *call_response, user);
  if (!status.ok()) {
    const ApiError error = ApiErrorFromStatus(status, WordsFor(request));
    return HttpReply{error.http_status, "application/json; charset=utf-8", ErrorBodyJson(error), {}};
  }
  HttpReply reply;
  reply.body = MessageJson(*call_response);
  return reply;
}

}  // namespace ansinh::console
