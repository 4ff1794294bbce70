// Bearer tokens issued at run time (TokenAdmin, served by the registry):
// issued tokens work, revocation reaches every service within the cache
// lifetime (2 s; polled up to 5 s), expiry is honoured, only ward officers
// administer tokens, secrets and hashes never leave the service (not in
// ListTokens, not in the log), bootstrap-file tokens can be revoked, Redis
// being down is UNAVAILABLE rather than UNAUTHENTICATED, and the `ansinh
// token` commands work as a user runs them.
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/tokens.grpc.pb.h"
#include "auth/issued_tokens.h"
#include "auth/sha256.h"
#include "auth/token_secret.h"
#include "auth/token_store.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const std::string kAnsinh = std::string(ANSINH_BIN_DIR) + "/ansinh";
constexpr auto kRevocationBound = seconds(5);

class RegistryTokensTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    admin_ = v1::TokenAdmin::NewStub(registry_.channel());
    // Staff tokens are issued only for organizations of the assignment
    // service's directory, which is not running here: put two in, as it
    // would on its first start.
    for (const char* id : {"womens-union", "farmers-union"}) AddOrganization(id);
  }

  void AddOrganization(const std::string& id) {
    v1::Organization organization;
    organization.set_id(id);
    organization.set_name(id);
    organization.set_capacity(10);
    organization.set_active(true);
    organization.set_version(1);
    Redis().Command({"HSET", "ansinh:{p0}:assignment:organizations", id, organization.SerializeAsString()});
  }

  v1::IssueTokenResponse Issue(v1::Role role, const std::string& name, const std::string& organization = "",
                               int ttl_days = 0) {
    v1::IssueTokenRequest request;
    request.set_role(role);
    request.set_name(name);
    request.set_organization_id(organization);
    request.set_ttl_days(ttl_days);
    v1::IssueTokenResponse response;
    const grpc::Status status = admin_->IssueToken(Officer().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  grpc::Status Revoke(const std::string& token_id, v1::RevokeTokenResponse* response = nullptr) {
    v1::RevokeTokenRequest request;
    request.set_token_id(token_id);
    v1::RevokeTokenResponse ignored;
    return admin_->RevokeToken(Officer().get(), request, response ? response : &ignored);
  }

  v1::ListTokensResponse ListAll() {
    v1::ListTokensResponse response;
    const grpc::Status status = admin_->ListTokens(Officer().get(), v1::ListTokensRequest(), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // A read every role may make; its status says whether `token` was accepted.
  static grpc::Status Read(v1::Registry::Stub& stub, const std::string& token) {
    v1::ListHouseholdsRequest request;
    request.mutable_page()->set_page_size(10);
    v1::ListHouseholdsResponse response;
    return stub.ListHouseholds(AuthorizedContext(token).get(), request, &response);
  }
  grpc::Status Read(const std::string& token) { return Read(*stub_, token); }

  // Polls until a read with `token` is refused as unauthenticated, up to
  // kRevocationBound; returns the last status.
  static grpc::Status ReadUntilUnauthenticated(v1::Registry::Stub& stub, const std::string& token) {
    const auto deadline = std::chrono::steady_clock::now() + kRevocationBound;
    grpc::Status status = Read(stub, token);
    while (status.error_code() != grpc::StatusCode::UNAUTHENTICATED &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(100));
      status = Read(stub, token);
    }
    return status;
  }

  std::unique_ptr<v1::TokenAdmin::Stub> admin_;
};

TEST_F(RegistryTokensTest, AnOfficerIssuesAStaffTokenThatWorksOnAReadCall) {
  const v1::IssueTokenResponse issued = Issue(v1::ROLE_ORGANIZATION_STAFF, "Lê Thị Mai", "womens-union");
  EXPECT_TRUE(issued.secret().starts_with(auth::kSecretPrefix)) << "secret has the wrong form";
  EXPECT_EQ(issued.secret().size(), 50u);
  EXPECT_TRUE(issued.token_id().starts_with("tok_"));
  const int64_t ninety_days = 90LL * 86400;
  EXPECT_NEAR(static_cast<double>(issued.expires_at().seconds() - auth::NowSeconds()),
              static_cast<double>(ninety_days), 60.0);
  EXPECT_EQ(issued.token().role(), v1::ROLE_ORGANIZATION_STAFF);
  EXPECT_EQ(issued.token().organization_id(), "womens-union");
  EXPECT_EQ(issued.token().issued_by(), "Trần Văn Bình (ward officer)");

  const grpc::Status read = Read(issued.secret());
  EXPECT_TRUE(read.ok()) << read.error_message();
  // Only the hash is stored.
  EXPECT_TRUE(Redis().Command({"HEXISTS", auth::kIssuedTokensKey, auth::Sha256Hex(issued.secret())}).integer);
  for (const auto& [key, value] : Snapshot()) {
    EXPECT_EQ(value.find(issued.secret()), std::string::npos) << key;
  }
}

TEST_F(RegistryTokensTest, ARevokedTokenIsRefusedByEveryServiceWithinTheBound) {
  // A second registry on the same Redis: it learns of the revocation only
  // through Redis, after its cached answer expires.
  TempDir other_dir;
  ServiceProcess other("registry", redis_, tokens_.WriteFile(other_dir.path()), other_dir.path());
  other.Start();
  auto other_stub = v1::Registry::NewStub(other.channel());

  const v1::IssueTokenResponse issued = Issue(v1::ROLE_AUDITOR, "Ban thanh tra tổ 5");
  ASSERT_TRUE(Read(issued.secret()).ok());
  ASSERT_TRUE(Read(*other_stub, issued.secret()).ok());  // now cached there

  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(Revoke(issued.token_id(), &revoked).ok());
  EXPECT_TRUE(revoked.token().revoked());
  EXPECT_FALSE(revoked.already_revoked());

  const grpc::Status here = ReadUntilUnauthenticated(*stub_, issued.secret());
  EXPECT_EQ(here.error_code(), grpc::StatusCode::UNAUTHENTICATED) << here.error_message();
  const grpc::Status there = ReadUntilUnauthenticated(*other_stub, issued.secret());
  EXPECT_EQ(there.error_code(), grpc::StatusCode::UNAUTHENTICATED) << there.error_message();
  EXPECT_EQ(there.error_message().find(issued.secret()), std::string::npos);

  v1::RevokeTokenResponse again;
  ASSERT_TRUE(Revoke(issued.token_id(), &again).ok());
  EXPECT_TRUE(again.already_revoked());
}

TEST_F(RegistryTokensTest, AnExpiredTokenIsRefused) {
  const v1::IssueTokenResponse issued = Issue(v1::ROLE_SERVICE, "policy-bank-desk-2", "", 1);
  // Age the stored record past its expiry before the token is ever used.
  const std::string hash = auth::Sha256Hex(issued.secret());
  nlohmann::json record = nlohmann::json::parse(Redis().Command({"HGET", auth::kIssuedTokensKey, hash}).str);
  record["expires_at"] = auth::NowSeconds() - 1;
  Redis().Command({"HSET", auth::kIssuedTokensKey, hash, record.dump()});

  const grpc::Status status = Read(issued.secret());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  bool listed_as_expired = false;
  const v1::ListTokensResponse listed = ListAll();
  for (const auto& token : listed.tokens()) {
    if (token.token_id() == issued.token_id()) listed_as_expired = token.expired();
  }
  EXPECT_TRUE(listed_as_expired);
}

TEST_F(RegistryTokensTest, UnknownTokensAreUnauthenticatedWithoutEchoingThem) {
  const std::string made_up = "ansinh_made-up-token-that-nobody-issued-0000000000";
  const grpc::Status status = Read(made_up);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message().find(made_up), std::string::npos) << status.error_message();
  EXPECT_EQ(status.error_message().find("made-up"), std::string::npos) << status.error_message();
}

TEST_F(RegistryTokensTest, OnlyWardOfficersAdministerTokensAndRoleComesBeforeValidation) {
  const std::string file_token_id = auth::DeriveTokenId(auth::Sha256Hex(tokens_.auditor));
  for (const std::string& token : {tokens_.womens_union_staff, tokens_.auditor, tokens_.service}) {
    v1::IssueTokenRequest invalid_issue;  // no role, no name: still PERMISSION_DENIED
    v1::IssueTokenResponse issued;
    EXPECT_EQ(admin_->IssueToken(AuthorizedContext(token).get(), invalid_issue, &issued).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::RevokeTokenRequest revoke;
    revoke.set_token_id(file_token_id);
    v1::RevokeTokenResponse revoked;
    EXPECT_EQ(admin_->RevokeToken(AuthorizedContext(token).get(), revoke, &revoked).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::RevokeTokenRequest empty_revoke;
    EXPECT_EQ(admin_->RevokeToken(AuthorizedContext(token).get(), empty_revoke, &revoked).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    v1::ListTokensResponse listed;
    EXPECT_EQ(
        admin_->ListTokens(AuthorizedContext(token).get(), v1::ListTokensRequest(), &listed).error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
  }
  // The auditor's file token was not revoked by any of those calls.
  EXPECT_TRUE(Read(tokens_.auditor).ok());
}

TEST_F(RegistryTokensTest, BadIssueRequestsNameEachBadField) {
  struct Case {
    v1::Role role;
    std::string name;
    std::string organization;
    int ttl_days;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {v1::ROLE_UNSPECIFIED, "", "", 400, {"role", "name", "ttl_days"}},
      {static_cast<v1::Role>(42), "x", "", 0, {"role"}},
      {v1::ROLE_ORGANIZATION_STAFF, "Lê Thị Mai", "", 30, {"organization_id"}},
      {v1::ROLE_ORGANIZATION_STAFF, "Lê Thị Mai", "Hội Phụ nữ", 30, {"organization_id"}},
      {v1::ROLE_AUDITOR, "Ban thanh tra", "womens-union", 30, {"organization_id"}},
      {v1::ROLE_SERVICE, "desk", "", -1, {"ttl_days"}},
      {v1::ROLE_SERVICE, "   ", "", 367, {"name", "ttl_days"}},
  };
  for (const auto& test : cases) {
    v1::IssueTokenRequest request;
    request.set_role(test.role);
    request.set_name(test.name);
    request.set_organization_id(test.organization);
    request.set_ttl_days(test.ttl_days);
    v1::IssueTokenResponse response;
    const grpc::Status status = admin_->IssueToken(Officer().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << test.name;
    EXPECT_EQ(ViolatedFields(status), test.fields) << status.error_message();
  }
  // The boundaries themselves are accepted.
  EXPECT_FALSE(Issue(v1::ROLE_SERVICE, "one-day", "", 1).secret().empty());
  EXPECT_FALSE(Issue(v1::ROLE_SERVICE, "a-year", "", 366).secret().empty());

  v1::RevokeTokenResponse revoked;
  const grpc::Status empty = Revoke("", &revoked);
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(empty), std::vector<std::string>{"token_id"});
  EXPECT_EQ(Revoke("tok_0000000000000000").error_code(), grpc::StatusCode::NOT_FOUND);
}

// A staff token names an organization; one that is not in the ward's
// directory is refused (FAILED_PRECONDITION naming organization_id) and no
// token is written.
TEST_F(RegistryTokensTest, StaffTokensAreIssuedOnlyForOrganizationsInTheDirectory) {
  const long long before = Redis().Command({"HLEN", "ansinh:auth:tokens"}).AsInteger();
  v1::IssueTokenRequest request;
  request.set_role(v1::ROLE_ORGANIZATION_STAFF);
  request.set_name("Lê Thị Mai");
  request.set_organization_id("no-such-union");
  v1::IssueTokenResponse response;
  const grpc::Status status = admin_->IssueToken(Officer().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"organization_id"});
  EXPECT_NE(status.error_message().find("no-such-union"), std::string::npos) << status.error_message();
  EXPECT_TRUE(response.secret().empty());
  EXPECT_EQ(Redis().Command({"HLEN", "ansinh:auth:tokens"}).AsInteger(), before);

  // Once the directory has it, the same request is served.
  AddOrganization("no-such-union");
  EXPECT_FALSE(Issue(v1::ROLE_ORGANIZATION_STAFF, "Lê Thị Mai", "no-such-union").secret().empty());
  EXPECT_EQ(Redis().Command({"HLEN", "ansinh:auth:tokens"}).AsInteger(), before + 1);
}

TEST_F(RegistryTokensTest, ListTokensShowsEveryTokenButNoSecretOrHash) {
  const v1::IssueTokenResponse issued =
      Issue(v1::ROLE_ORGANIZATION_STAFF, "Phạm Văn Lộc", "farmers-union", 30);
  const v1::ListTokensResponse listed = ListAll();
  std::ifstream file(dir_.path() + "/tokens.json");
  const size_t in_file =
      auth::ParseTokensFile(std::string(std::istreambuf_iterator<char>(file), {}), "tokens.json").size();
  ASSERT_EQ(static_cast<size_t>(listed.tokens_size()), in_file + 1);  // the file's and the one issued
  int from_file = 0;
  bool found = false;
  for (const auto& token : listed.tokens()) {
    if (token.source() == v1::TOKEN_SOURCE_FILE) ++from_file;
    if (token.token_id() == issued.token_id()) {
      found = true;
      EXPECT_EQ(token.source(), v1::TOKEN_SOURCE_ISSUED);
      EXPECT_EQ(token.name(), "Phạm Văn Lộc");
      EXPECT_EQ(token.organization_id(), "farmers-union");
      EXPECT_FALSE(token.revoked());
      EXPECT_FALSE(token.expired());
    }
  }
  EXPECT_EQ(static_cast<size_t>(from_file), in_file);
  EXPECT_TRUE(found);
  const std::string everything = listed.SerializeAsString() + listed.DebugString();
  EXPECT_EQ(everything.find(issued.secret()), std::string::npos);
  EXPECT_EQ(everything.find(auth::Sha256Hex(issued.secret())), std::string::npos);
  for (const std::string& file_token : {tokens_.officer, tokens_.auditor, tokens_.service}) {
    EXPECT_EQ(everything.find(file_token), std::string::npos);
    EXPECT_EQ(everything.find(auth::Sha256Hex(file_token)), std::string::npos);
  }
}

TEST_F(RegistryTokensTest, TheSecretNeverAppearsInTheServiceLog) {
  const v1::IssueTokenResponse issued = Issue(v1::ROLE_AUDITOR, "Ban thanh tra tổ 7");
  ASSERT_TRUE(Read(issued.secret()).ok());
  ASSERT_TRUE(Revoke(issued.token_id()).ok());
  EXPECT_EQ(ReadUntilUnauthenticated(*stub_, issued.secret()).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::string log = registry_.log();
  EXPECT_NE(log.find("token issued: token_id=" + issued.token_id()), std::string::npos) << log;
  EXPECT_NE(log.find("token revoked: token_id=" + issued.token_id()), std::string::npos) << log;
  EXPECT_EQ(log.find(issued.secret()), std::string::npos);
  EXPECT_EQ(log.find(issued.secret().substr(auth::kSecretPrefix.size())), std::string::npos);
  EXPECT_EQ(log.find(auth::Sha256Hex(issued.secret())), std::string::npos);
}

TEST_F(RegistryTokensTest, ABootstrapFileTokenCanBeRevokedByItsDerivedId) {
  ASSERT_TRUE(Read(tokens_.auditor).ok());
  const std::string token_id = auth::DeriveTokenId(auth::Sha256Hex(tokens_.auditor));
  const v1::ListTokensResponse all = ListAll();
  bool listed = false;
  for (const auto& token : all.tokens()) listed = listed || token.token_id() == token_id;
  ASSERT_TRUE(listed) << "the file token's derived id is not listed";

  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(Revoke(token_id, &revoked).ok());
  EXPECT_EQ(revoked.token().source(), v1::TOKEN_SOURCE_FILE);
  EXPECT_EQ(revoked.token().role(), v1::ROLE_AUDITOR);
  const grpc::Status status = ReadUntilUnauthenticated(*stub_, tokens_.auditor);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  // The other file tokens are untouched.
  EXPECT_TRUE(Read(tokens_.service).ok());
  EXPECT_TRUE(Read(tokens_.officer).ok());
}

TEST_F(RegistryTokensTest, TheImportStreamAuthenticatesIssuedAndRevokedTokens) {
  auto import = [&](const std::string& token) {
    v1::ImportHouseholdsResponse response;
    auto context = AuthorizedContext(token);
    auto writer = stub_->ImportHouseholds(context.get(), &response);
    writer->WritesDone();
    return writer->Finish();
  };
  const v1::IssueTokenResponse officer = Issue(v1::ROLE_WARD_OFFICER, "Cán bộ mới");
  const grpc::Status accepted = import(officer.secret());
  EXPECT_TRUE(accepted.ok()) << accepted.error_message();
  ASSERT_TRUE(Revoke(officer.token_id()).ok());
  const auto deadline = std::chrono::steady_clock::now() + kRevocationBound;
  grpc::Status refused = import(officer.secret());
  while (refused.error_code() != grpc::StatusCode::UNAUTHENTICATED &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(100));
    refused = import(officer.secret());
  }
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED) << refused.error_message();
}

TEST_F(RegistryTokensTest, RedisUnreachableDuringAuthenticationIsUnavailable) {
  redis_.Stop();
  // A token this service has not cached: checking it needs Redis.
  const grpc::Status status = Read(tokens_.farmers_union_staff);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
}

// ---------------------------------------------------------------------------
// The `ansinh token` commands, run as a user runs them.
// ---------------------------------------------------------------------------

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

class TokenCliTest : public RegistryTokensTest {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kAnsinh)) GTEST_SKIP() << "the ansinh CLI is not built: " << kAnsinh;
    RegistryTokensTest::SetUp();
    setenv("ANSINH_REGISTRY_ADDRESS", registry_.address().c_str(), 1);
    unsetenv("ANSINH_TOKEN_FILE");
  }

  CommandResult Ansinh(const std::string& arguments, const std::string& token) {
    setenv("ANSINH_TOKEN", token.c_str(), 1);
    CommandResult run;
    FILE* pipe = popen((kAnsinh + " " + arguments + " 2>" + dir_.path() + "/stderr.txt").c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  std::string Stderr() {
    std::ifstream in(dir_.path() + "/stderr.txt");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

TEST_F(TokenCliTest, IssueListAndRevokeWorkFromTheCommandLine) {
  const CommandResult issued = Ansinh(
      "token issue --role organization_staff --name 'Lê Thị Mai' --organization womens-union --ttl-days 30 "
      "--json",
      tokens_.officer);
  ASSERT_EQ(issued.exit_code, 0) << Stderr();
  const nlohmann::json json = nlohmann::json::parse(issued.out);
  const std::string secret = json.at("secret").get<std::string>();
  const std::string token_id = json.at("token_id").get<std::string>();
  ASSERT_TRUE(secret.starts_with(auth::kSecretPrefix)) << "unexpected secret form";
  EXPECT_TRUE(Read(secret).ok());

  const CommandResult human = Ansinh("token issue --role auditor --name 'Ban thanh tra'", tokens_.officer);
  ASSERT_EQ(human.exit_code, 0) << Stderr();
  EXPECT_NE(human.out.find("cannot be shown again"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find(auth::kSecretPrefix), std::string::npos);

  const CommandResult listed = Ansinh("token list", tokens_.officer);
  ASSERT_EQ(listed.exit_code, 0) << Stderr();
  EXPECT_NE(listed.out.find(token_id), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("Lê Thị Mai"), std::string::npos);
  EXPECT_EQ(listed.out.find(secret), std::string::npos);
  EXPECT_EQ(listed.out.find(auth::Sha256Hex(secret)), std::string::npos);

  const CommandResult revoked = Ansinh("token revoke " + token_id, tokens_.officer);
  ASSERT_EQ(revoked.exit_code, 0) << Stderr();
  EXPECT_NE(revoked.out.find("Revoked token " + token_id), std::string::npos) << revoked.out;
  EXPECT_EQ(ReadUntilUnauthenticated(*stub_, secret).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  const CommandResult as_listed = Ansinh("token list --json", tokens_.officer);
  ASSERT_EQ(as_listed.exit_code, 0) << Stderr();
  bool shows_revoked = false;
  const nlohmann::json listed_json = nlohmann::json::parse(as_listed.out);
  for (const auto& token : listed_json.at("tokens")) {
    if (token.at("token_id") == token_id) shows_revoked = token.at("revoked").get<bool>();
  }
  EXPECT_TRUE(shows_revoked);
}

TEST_F(TokenCliTest, NonOfficersAndBadInputFailWithTheReason) {
  const CommandResult denied = Ansinh("token list", tokens_.auditor);
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_NE(Stderr().find("PERMISSION_DENIED"), std::string::npos) << Stderr();

  const CommandResult missing_org = Ansinh("token issue --role organization_staff --name x", tokens_.officer);
  EXPECT_EQ(missing_org.exit_code, 1);
  EXPECT_NE(Stderr().find("organization_id"), std::string::npos) << Stderr();

  const CommandResult bad_role = Ansinh("token issue --role king --name x", tokens_.officer);
  EXPECT_NE(bad_role.exit_code, 0);
}

}  // namespace
}  // namespace ansinh::registry::testkit
