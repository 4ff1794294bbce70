// Sign-in, the user's token on every call, sign-out and a revoked token,
// against an in-process fake of the registry's Accounts and Registry
// services: what the console sends them and what it makes of their answers.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "console/console_api.h"
#include "console/random_secret.h"
#include "console_test_support.h"

namespace ansinh::console {
namespace {

using testing::Words;

std::string MetadataOf(const grpc::ServerContext& context, const std::string& key) {
  const auto it = context.client_metadata().find(key);
  return it == context.client_metadata().end() ? "" : std::string(it->second.data(), it->second.size());
}

// What the fake services saw, for the test to check.
struct Seen {
  std::mutex mutex;
  std::vector<std::string> sign_in_authorizations;
  std::vector<std::string> sign_out_authorizations;
  std::vector<std::string> registry_authorizations;
  std::vector<std::string> correlation_ids;
  std::string revoked;  // "Bearer <token>" the registry no longer accepts
};

class FakeAccounts final : public v1::Accounts::Service {
 public:
  explicit FakeAccounts(Seen& seen) : seen_(seen) {}
  grpc::Status SignIn(grpc::ServerContext* context, const v1::SignInRequest* request,
                      v1::SignInResponse* response) override {
    std::lock_guard lock(seen_.mutex);
    seen_.sign_in_authorizations.push_back(MetadataOf(*context, "authorization"));
    if (request->username() == "locked.user") {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "account locked until 10:15");
    }
    if (request->username() != "hoi.phunu" || request->password() != "dung-mat-khau") {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "wrong username or password");
    }
    response->set_session_token("ansinh_user_token_1");
    response->mutable_expires_at()->set_seconds(std::time(nullptr) + 3600);
    response->mutable_account()->set_username("hoi.phunu");
    response->mutable_account()->set_display_name("Nguyễn Thị Lan");
    response->mutable_account()->set_role(v1::ROLE_ORGANIZATION_STAFF);
    response->mutable_account()->set_organization_id("womens-union");
    response->mutable_account()->set_active(true);
    return grpc::Status::OK;
  }
  grpc::Status SignOut(grpc::ServerContext* context, const v1::SignOutRequest*,
                       v1::SignOutResponse*) override {
    std::lock_guard lock(seen_.mutex);
    seen_.sign_out_authorizations.push_back(MetadataOf(*context, "authorization"));
    return grpc::Status::OK;
  }

 private:
  Seen& seen_;
};

class FakeRegistry final : public v1::Registry::Service {
 public:
  explicit FakeRegistry(Seen& seen) : seen_(seen) {}
  grpc::Status GetHousehold(grpc::ServerContext* context, const v1::GetHouseholdRequest* request,
                            v1::GetHouseholdResponse* response) override {
    std::lock_guard lock(seen_.mutex);
    const std::string authorization = MetadataOf(*context, "authorization");
    seen_.registry_authorizations.push_back(authorization);
    seen_.correlation_ids.push_back(MetadataOf(*context, "x-correlation-id"));
    if (authorization == seen_.revoked)
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "token revoked");
    response->mutable_household()->set_household_id(request->household_id());
    response->mutable_household()->set_version(3);
    return grpc::Status::OK;
  }

 private:
  Seen& seen_;
};

class SignInTest : public ::testing::Test {
 protected:
  SignInTest() : accounts_(seen_), registry_(seen_) {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&accounts_);
    builder.RegisterService(&registry_);
    server_ = builder.BuildAndStart();
    const std::string address = "127.0.0.1:" + std::to_string(port);
    backends_ =
        std::make_unique<Backends>(BackendAddresses{address, address, address, address},
                                   grpc::InsecureChannelCredentials(), std::chrono::seconds(5), nullptr);
    api_ = std::make_unique<ConsoleApi>(
        *backends_, sessions_, Words(i18n::Language::kVietnamese), Words(i18n::Language::kEnglish),
        ConsoleApiOptions{"the-consoles-service-token", false, 8}, [] { return SessionClock::now(); });
  }
  ~SignInTest() override { server_->Shutdown(); }

  HttpReply SignIn(const std::string& username, const std::string& password) {
    ApiRequest request;
    request.method = "POST";
    request.path = "/api/session";
    request.headers["host"] = "127.0.0.1:8080";
    request.headers["origin"] = "http://127.0.0.1:8080";
    request.body = nlohmann::json{{"username", username}, {"password", password}}.dump();
    return api_->Handle(request);
  }

  static std::string SetCookieOf(const HttpReply& reply) {
    for (const auto& [name, value] : reply.headers) {
      if (name == "Set-Cookie") return value;
    }
    return "";
  }

  ApiRequest Call(const std::string& cookie, const std::string& csrf, std::string path, std::string body) {
    ApiRequest request;
    request.method = "POST";
    request.path = std::move(path);
    request.body = std::move(body);
    request.headers["cookie"] = cookie;
    request.headers["x-csrf-token"] = csrf;
    return request;
  }

  Seen seen_;
  FakeAccounts accounts_;
  FakeRegistry registry_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Backends> backends_;
  SessionStore sessions_{SessionLimits{}, RandomHex};
  std::unique_ptr<ConsoleApi> api_;
};

TEST_F(SignInTest, SignInUsesTheServiceTokenAndEveryCallAfterItTheUsersOwn) {
  const HttpReply signed_in = SignIn("hoi.phunu", "dung-mat-khau");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const std::string set_cookie = SetCookieOf(signed_in);
  EXPECT_TRUE(set_cookie.starts_with("ansinh_session=")) << set_cookie;
  EXPECT_NE(set_cookie.find("; Path=/; HttpOnly; SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos);
  const nlohmann::json body = nlohmann::json::parse(signed_in.body);
  EXPECT_EQ(body["account"]["display_name"], "Nguyễn Thị Lan");
  EXPECT_EQ(body.dump().find("ansinh_user_token_1"), std::string::npos) << "the token stays in the console";
  ASSERT_EQ(seen_.sign_in_authorizations.size(), 1u);
  EXPECT_EQ(seen_.sign_in_authorizations[0], "Bearer the-consoles-service-token");

  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const HttpReply read = api_->Handle(
      Call(cookie, body["csrf_token"], "/api/rpc/Registry/GetHousehold", R"({"household_id": "HH-7"})"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(nlohmann::json::parse(read.body)["household"]["version"], "3");
  ASSERT_EQ(seen_.registry_authorizations.size(), 1u);
  EXPECT_EQ(seen_.registry_authorizations[0], "Bearer ansinh_user_token_1");
  EXPECT_EQ(seen_.correlation_ids[0].size(), 16u);

  const HttpReply out = api_->Handle(Call(cookie, body["csrf_token"], "/api/session/end", ""));
  EXPECT_EQ(out.status, 204);
  ASSERT_EQ(seen_.sign_out_authorizations.size(), 1u);
  EXPECT_EQ(seen_.sign_out_authorizations[0], "Bearer ansinh_user_token_1");
  EXPECT_EQ(sessions_.size(), 0u);
}

TEST_F(SignInTest, ATokenTheServicesNoLongerAcceptEndsTheConsoleSession) {
  const HttpReply signed_in = SignIn("hoi.phunu", "dung-mat-khau");
  const std::string set_cookie = SetCookieOf(signed_in);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const std::string csrf = nlohmann::json::parse(signed_in.body)["csrf_token"];
  {
    std::lock_guard lock(seen_.mutex);
    seen_.revoked = "Bearer ansinh_user_token_1";  // the account was disabled
  }
  const HttpReply refused = api_->Handle(Call(cookie, csrf, "/api/rpc/Registry/GetHousehold", "{}"));
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(SetCookieOf(refused).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(sessions_.size(), 0u);
  EXPECT_EQ(api_->Handle(Call(cookie, csrf, "/api/rpc/Registry/GetHousehold", "{}")).status, 401);
}

TEST_F(SignInTest, AWrongPasswordIs401AndALockedAccount409WithNoSession) {
  const HttpReply wrong = SignIn("hoi.phunu", "sai-mat-khau");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(SetCookieOf(wrong), "");
  const HttpReply locked = SignIn("locked.user", "anything-at-all");
  EXPECT_EQ(locked.status, 409);
  EXPECT_EQ(nlohmann::json::parse(locked.body)["error"]["message"], "account locked until 10:15");
  EXPECT_EQ(sessions_.size(), 0u);
}

}  // namespace
}  // namespace ansinh::console
