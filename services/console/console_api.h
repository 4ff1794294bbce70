#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>

#include "console/backends.h"
#include "console/http_types.h"
#include "console/session_store.h"
#include "i18n/translator.h"

namespace ansinh::console {

inline constexpr char kSessionCookie[] = "ansinh_session";

struct ConsoleApiOptions {
  // The console's own ROLE_SERVICE token: Accounts.SignIn only.
  std::string service_token;
  // Served over TLS: cookies get Secure and the sign-in origin is https.
  bool secure = false;
  // Sign-ins waiting on the registry at once. The registry answers wrong
  // passwords slowly (up to 8 s), each holding an HTTP thread meanwhile:
  // beyond this, a sign-in is refused at once (429) so that a burst of wrong
  // passwords cannot take every thread from the people already signed in.
  int max_concurrent_sign_ins = 8;
};

// The JSON API under /api/ (docs/console.md, "Routes"), independent of the
// HTTP library: the server adapter hands each request over as an ApiRequest.
// Every route but sign-in needs a live session (401 otherwise, for unknown
// paths too, before any routing); every state-changing one its CSRF token.
class ConsoleApi {
 public:
  using Now = std::function<SessionTime()>;

  ConsoleApi(const Backends& backends, SessionStore& sessions, const i18n::Translator& vietnamese,
             const i18n::Translator& english, ConsoleApiOptions options, Now now);

  HttpReply Handle(const ApiRequest& request);

  // Whether the request can be refused from its headers alone (no live
  // session: 401), so the server need not read a body nobody may send.
  std::optional<HttpReply> RefuseBeforeBody(const ApiRequest& headers_only) const;

  const SessionStore& sessions() const { return sessions_; }

 private:
  const i18n::Translator& WordsFor(const ApiRequest& request) const;
  HttpReply SignIn(const ApiRequest& request);
  HttpReply SignOut(const ApiRequest& request, const Session& session);
  HttpReply CallMethod(const ApiRequest& request, const CallIdentity& user);
  HttpReply Refusal(grpc::StatusCode code, const std::string& key, const ApiRequest& request,
                    i18n::Args args = {}) const;
  std::string SessionCookie(const std::string& id) const;
  std::string ClearedSessionCookie() const;

  const Backends& backends_;
  SessionStore& sessions_;
  const i18n::Translator& vietnamese_;
  const i18n::Translator& english_;
  ConsoleApiOptions options_;
  Now now_;
  std::atomic<int> sign_ins_in_flight_{0};
};

// The session id of a Cookie header ("a=1; ansinh_session=<id>"), or "".
std::string SessionIdOfCookie(const std::string& cookie_header);

// The session as GET /api/session and sign-in answer it: {"account",
// "csrf_token", "expires_at" (RFC 3339), "idle_timeout_seconds"}.
std::string SessionJson(const Session& session, const SessionLimits& limits);

// The metrics label of an API path: "/api/rpc/Registry/GetHousehold" for an
// allowed method, the fixed routes as they are, "/api/other" for the rest
// (the label set stays bounded whatever paths clients invent).
std::string ApiRouteLabel(const std::string& method, const std::string& path);

}  // namespace ansinh::console
