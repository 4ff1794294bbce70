#include "console/console_api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "console/random_secret.h"
#include "console_test_support.h"

namespace ansinh::console {
namespace {

using testing::Words;

// The routes with every service unreachable (port 1 refuses at once): what
// the console decides on its own is tested here, the calls that reach a
// service in the integration test.
class ConsoleApiTest : public ::testing::Test {
 protected:
  ConsoleApiTest()
      : backends_(Unreachable(), grpc::InsecureChannelCredentials(), std::chrono::milliseconds(500), nullptr),
        sessions_(SessionLimits{}, RandomHex),
        api_(backends_, sessions_, Words(i18n::Language::kVietnamese), Words(i18n::Language::kEnglish),
             ConsoleApiOptions{"service-token", false, 8}, [this] { return now_; }) {}

  static BackendAddresses Unreachable() {
    return BackendAddresses{"127.0.0.1:1", "127.0.0.1:1", "127.0.0.1:1", "127.0.0.1:1"};
  }

  Session SignedIn() {
    v1::Account account;
    account.set_username("hoi.phunu");
    account.set_display_name("Nguyễn Thị Lan");
    account.set_role(v1::ROLE_ORGANIZATION_STAFF);
    account.set_organization_id("womens-union");
    return *sessions_.Create("session-token", account, now_ + std::chrono::hours(12), "vi", now_);
  }

  static ApiRequest Request(std::string method, std::string path, const Session* session = nullptr,
                            bool with_csrf = true) {
    ApiRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.headers["host"] = "127.0.0.1:8080";
    if (session != nullptr) {
      request.headers["cookie"] = "theme=dark; ansinh_session=" + session->id;
      if (with_csrf) request.headers["x-csrf-token"] = session->csrf_token;
    }
    return request;
  }

  static nlohmann::json Error(const HttpReply& reply) { return nlohmann::json::parse(reply.body)["error"]; }

  static bool ClearsCookie(const HttpReply& reply) {
    for (const auto& [name, value] : reply.headers) {
      if (name == "Set-Cookie" && value.starts_with("ansinh_session=;") &&
          value.find("Max-Age=0") != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  SessionTime now_ = SessionClock::from_time_t(1'780'000'000);
  Backends backends_;
  SessionStore sessions_;
  ConsoleApi api_;
};

TEST_F(ConsoleApiTest, WithoutASessionEveryApiPathIs401EvenOnesThatDoNotExist) {
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/session"},
                                                        {"POST", "/api/rpc/Registry/GetHousehold"},
                                                        {"POST", "/api/rpc/Nothing/Here"},
                                                        {"GET", "/api/does-not-exist"},
                                                        {"DELETE", "/api/session"},
                                                        {"POST", "/api/import"},
                                                        {"GET", "/api/export/household-history"}}) {
    const HttpReply reply = api_.Handle(Request(method, path));
    EXPECT_EQ(reply.status, 401) << method << " " << path;
    EXPECT_EQ(Error(reply)["key"], "error.console.no_session") << path;
    EXPECT_EQ(Error(reply)["code"], "UNAUTHENTICATED");
    EXPECT_TRUE(api_.RefuseBeforeBody(Request(method, path)).has_value()) << path;
  }
}

TEST_F(ConsoleApiTest, AnUnknownSessionIdIs401AndTheCookieIsCleared) {
  ApiRequest request = Request("GET", "/api/session");
  request.headers["cookie"] = "ansinh_session=" + RandomHex(32);
  const HttpReply reply = api_.Handle(request);
  EXPECT_EQ(reply.status, 401);
  EXPECT_TRUE(ClearsCookie(reply));
}

TEST_F(ConsoleApiTest, ASessionIdleThirtyMinutesIsOver) {
  const Session session = SignedIn();
  now_ += std::chrono::minutes(29);
  EXPECT_EQ(api_.Handle(Request("GET", "/api/session", &session)).status, 200);
  now_ += std::chrono::minutes(30);
  EXPECT_EQ(api_.Handle(Request("GET", "/api/session", &session)).status, 401);
}

TEST_F(ConsoleApiTest, TheCurrentSessionIsAnsweredWithItsAccountAndCsrfToken) {
  const Session session = SignedIn();
  EXPECT_FALSE(api_.RefuseBeforeBody(Request("GET", "/api/session", &session)).has_value());
  const HttpReply reply = api_.Handle(Request("GET", "/api/session", &session, false));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json body = nlohmann::json::parse(reply.body);
  EXPECT_EQ(body["account"]["username"], "hoi.phunu");
  EXPECT_EQ(body["account"]["role"], "ROLE_ORGANIZATION_STAFF");
  EXPECT_EQ(body["account"]["organization_id"], "womens-union");
  EXPECT_EQ(body["account"]["active"], false);  // primitive fields always present
  EXPECT_EQ(body["csrf_token"], session.csrf_token);
  EXPECT_EQ(body["idle_timeout_seconds"], 1800);
  EXPECT_EQ(body["expires_at"], "2026-05-29T08:26:40Z");
  EXPECT_EQ(body.dump().find("session-token"), std::string::npos)
      << "the bearer token never reaches the browser";
}

TEST_F(ConsoleApiTest, AStateChangingRequestWithoutTheSessionsCsrfTokenIs403) {
  const Session session = SignedIn();
  const Session other = SignedIn();
  HttpReply reply = api_.Handle(Request("POST", "/api/rpc/Registry/GetHousehold", &session, false));
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(Error(reply)["key"], "error.console.csrf");
  ApiRequest foreign = Request("POST", "/api/session/end", &session);
  foreign.headers["x-csrf-token"] = other.csrf_token;
  EXPECT_EQ(api_.Handle(foreign).status, 403);
  EXPECT_EQ(api_.Handle(Request("POST", "/api/import", &session, false)).status, 403);
  // Refused, not ended: the session still answers.
  EXPECT_EQ(api_.Handle(Request("GET", "/api/session", &session, false)).status, 200);
}

TEST_F(ConsoleApiTest, MethodsOffTheAllowListAndUnknownPathsAre404ForASignedInUser) {
  const Session session = SignedIn();
  for (const char* path :
       {"/api/rpc/Registry/ImportHouseholds", "/api/rpc/TokenAdmin/IssueToken", "/api/rpc/Accounts/SignIn",
        "/api/rpc/Registry/Nothing", "/api/rpc/Registry", "/api/rpc/", "/api/elsewhere"}) {
    const HttpReply reply = api_.Handle(Request("POST", path, &session));
    EXPECT_EQ(reply.status, 404) << path;
    EXPECT_EQ(Error(reply)["key"], "error.console.not_found") << path;
  }
  EXPECT_EQ(api_.Handle(Request("GET", "/api/rpc/Registry/GetHousehold", &session)).status, 404);
}

TEST_F(ConsoleApiTest, ABodyThatIsNotTheRequestMessageIs400BeforeAnyCall) {
  const Session session = SignedIn();
  ApiRequest request = Request("POST", "/api/rpc/Registry/GetHousehold", &session);
  request.headers["x-ansinh-lang"] = "en";
  request.body = R"({"household": "HH-000001"})";
  const HttpReply reply = api_.Handle(request);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(Error(reply)["key"], "error.console.bad_json");
  const std::string message = Error(reply)["message"];
  EXPECT_NE(message.find("GetHouseholdRequest"), std::string::npos) << message;
  EXPECT_NE(message.find("household"), std::string::npos) << message;
}

TEST_F(ConsoleApiTest, AnAllowedCallToAServiceThatIsDownIs503InTheUsersLanguage) {
  const Session session = SignedIn();
  ApiRequest request = Request("POST", "/api/rpc/Registry/GetHousehold", &session);
  request.body = R"({"household_id": "HH-000001"})";
  const HttpReply reply = api_.Handle(request);
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(Error(reply)["key"], "error.console.unavailable");
  EXPECT_EQ(Error(reply)["message"], Words(i18n::Language::kVietnamese).Text("error.console.unavailable"));
  EXPECT_FALSE(ClearsCookie(reply));
  EXPECT_EQ(api_.Handle(Request("GET", "/api/session", &session)).status, 200);
}

TEST_F(ConsoleApiTest, SignInFromAnotherOriginIsRefused) {
  ApiRequest request = Request("POST", "/api/session");
  request.headers["origin"] = "https://evil.example";
  request.body = R"({"username": "hoi.phunu", "password": "correct horse"})";
  const HttpReply reply = api_.Handle(request);
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(Error(reply)["key"], "error.console.origin");
  EXPECT_FALSE(api_.RefuseBeforeBody(request).has_value()) << "sign-in needs no session";
}

TEST_F(ConsoleApiTest, SignInNamesEachMissingField) {
  ApiRequest request = Request("POST", "/api/session");
  request.headers["origin"] = "http://127.0.0.1:8080";
  request.body = R"({"username": "hoi.phunu"})";
  HttpReply reply = api_.Handle(request);
  EXPECT_EQ(reply.status, 400);
  ASSERT_EQ(Error(reply)["violations"].size(), 1u);
  EXPECT_EQ(Error(reply)["violations"][0]["field"], "password");
  EXPECT_EQ(Error(reply)["violations"][0]["description"], "là bắt buộc");
  request.body = "{";
  EXPECT_EQ(api_.Handle(request).status, 400);
}

TEST_F(ConsoleApiTest, SignInWhileTheRegistryIsDownCreatesNoSession) {
  ApiRequest request = Request("POST", "/api/session");
  request.body = R"({"username": "hoi.phunu", "password": "correct horse"})";
  const HttpReply reply = api_.Handle(request);
  EXPECT_EQ(reply.status, 503);
  for (const auto& [name, value] : reply.headers) EXPECT_NE(name, "Set-Cookie");
  EXPECT_EQ(sessions_.size(), 0u);
}

TEST_F(ConsoleApiTest, SignInsPastTheConcurrentLimitAreRefusedAtOnce) {
  // No sign-in may wait on the registry: every one is past the limit.
  ConsoleApi closed(backends_, sessions_, Words(i18n::Language::kVietnamese), Words(i18n::Language::kEnglish),
                    ConsoleApiOptions{"service-token", false, 0}, [this] { return now_; });
  ApiRequest request = Request("POST", "/api/session");
  request.body = R"({"username": "hoi.phunu", "password": "correct horse"})";
  const HttpReply reply = closed.Handle(request);
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(Error(reply)["key"], "error.console.sign_in_busy");
  // The slot is given back: the limit counts sign-ins in flight, not ever made.
  ConsoleApi one(backends_, sessions_, Words(i18n::Language::kVietnamese), Words(i18n::Language::kEnglish),
                 ConsoleApiOptions{"service-token", false, 1}, [this] { return now_; });
  EXPECT_EQ(one.Handle(request).status, 503);  // tried, and the registry is down
  EXPECT_EQ(one.Handle(request).status, 503);
}

TEST_F(ConsoleApiTest, SignOutEndsTheSessionEvenWhenTheTokenCannotBeRevoked) {
  const Session session = SignedIn();
  const HttpReply reply = api_.Handle(Request("POST", "/api/session/end", &session));
  EXPECT_EQ(reply.status, 204);
  EXPECT_TRUE(ClearsCookie(reply));
  EXPECT_EQ(api_.Handle(Request("GET", "/api/session", &session)).status, 401);
}

TEST_F(ConsoleApiTest, ExportAndImportCheckTheirParametersByName) {
  const Session session = SignedIn();
  ApiRequest exported = Request("GET", "/api/export/household-history", &session);
  exported.query["format"] = "xml";
  HttpReply reply = api_.Handle(exported);
  EXPECT_EQ(reply.status, 400);
  ASSERT_EQ(Error(reply)["violations"].size(), 2u);
  EXPECT_EQ(Error(reply)["violations"][0]["field"], "format");
  EXPECT_EQ(Error(reply)["violations"][1]["field"], "household_id");

  ApiRequest imported = Request("POST", "/api/import", &session);
  imported.query["format"] = "csv";
  imported.query["first_line"] = "1";  // line 1 is the header
  reply = api_.Handle(imported);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(Error(reply)["violations"][0]["field"], "first_line");
}

// A download link sends no X-Ansinh-Lang: its query's lang chooses the words,
// over the browser's Accept-Language; the header, when sent, still comes first.
TEST_F(ConsoleApiTest, TheReportsQueryNamesItsLanguageForADownloadLink) {
  const Session session = SignedIn();
  ApiRequest english = Request("GET", "/api/report", &session);
  english.query["kind"] = "weekly";
  english.query["lang"] = "en";
  english.headers["accept-language"] = "vi-VN,vi;q=0.9";
  HttpReply reply = api_.Handle(english);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(Error(reply)["violations"][0]["field"], "kind");
  EXPECT_EQ(Error(reply)["message"], Words(i18n::Language::kEnglish).Text("error.console.bad_query"));

  ApiRequest vietnamese = english;
  vietnamese.query["lang"] = "vi";
  vietnamese.headers["accept-language"] = "en-US,en;q=0.9";
  reply = api_.Handle(vietnamese);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(Error(reply)["message"], Words(i18n::Language::kVietnamese).Text("error.console.bad_query"));

  vietnamese.headers["x-ansinh-lang"] = "en";
  EXPECT_EQ(Error(api_.Handle(vietnamese))["message"],
            Words(i18n::Language::kEnglish).Text("error.console.bad_query"));
}

TEST(SessionCookie, TheSessionIdIsFoundAmongOtherCookies) {
  EXPECT_EQ(SessionIdOfCookie("ansinh_session=abc"), "abc");
  EXPECT_EQ(SessionIdOfCookie("a=1; ansinh_session=abc; b=2"), "abc");
  EXPECT_EQ(SessionIdOfCookie("xansinh_session=abc"), "");
  EXPECT_EQ(SessionIdOfCookie("ansinh_sessionx=abc"), "");
  EXPECT_EQ(SessionIdOfCookie(""), "");
}

TEST(RouteLabels, AreBoundedWhateverThePath) {
  EXPECT_EQ(ApiRouteLabel("POST", "/api/rpc/Registry/GetHousehold"), "/api/rpc/Registry/GetHousehold");
  EXPECT_EQ(ApiRouteLabel("POST", "/api/rpc/Registry/Made-Up-1234"), "/api/other");
  EXPECT_EQ(ApiRouteLabel("GET", "/api/whatever/123"), "/api/other");
  EXPECT_EQ(ApiRouteLabel("POST", "/api/session"), "/api/session");
}

}  // namespace
}  // namespace ansinh::console
