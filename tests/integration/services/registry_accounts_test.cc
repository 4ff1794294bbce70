// Staff accounts (ansinh.v1.Accounts, served by the registry): the console
// signs people in with its service token and gets a session token of the
// account's role and organization; wrong passwords and unknown usernames get
// the same UNAUTHENTICATED, slow down from the fourth and lock after five
// (FAILED_PRECONDITION, error.account.locked), across a registry restart;
// setting a password unlocks; disabling ends the sessions; only the service
// role signs in; requests are validated field by field; only Argon2id hashes
// are stored; and `ansinh account` and `ansinh admin init-accounts` work as a
// ward officer runs them. Each hash costs real time (libsodium's interactive
// cost), so each test signs in only as often as it must.
#include <gmock/gmock.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/support/error_details.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/tokens.grpc.pb.h"
#include "auth/token_record.h"
#include "auth/token_secret.h"
#include "bad_request.h"
#include "eventually.h"
#include "google/rpc/error_details.pb.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const std::string kAccountsCli = std::string(ANSINH_BIN_DIR) + "/ansinh";
constexpr char kLanPassword[] = "hoa sen trong đầm 2026";

class RegistryAccountsTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    accounts_ = v1::Accounts::NewStub(registry_.channel());
    for (const char* id : {"womens-union", "farmers-union"}) {
      v1::Organization organization;
      organization.set_id(id);
      organization.set_name(id);
      organization.set_capacity(10);
      organization.set_active(true);
      organization.set_version(1);
      Redis().Command({"HSET", "ansinh:{p0}:assignment:organizations", id, organization.SerializeAsString()});
    }
  }

  grpc::Status Create(const std::string& username, const std::string& display_name, v1::Role role,
                      const std::string& organization, const std::string& password,
                      v1::CreateAccountResponse* response = nullptr) {
    v1::CreateAccountRequest request;
    request.mutable_account()->set_username(username);
    request.mutable_account()->set_display_name(display_name);
    request.mutable_account()->set_role(role);
    request.mutable_account()->set_organization_id(organization);
    request.set_password(password);
    v1::CreateAccountResponse ignored;
    return accounts_->CreateAccount(Officer().get(), request, response ? response : &ignored);
  }

  // Lan of the Women's Union, as most tests need her.
  void CreateLan() {
    const grpc::Status status =
        Create("hoi.phunu", "Nguyễn Thị Lan", v1::ROLE_ORGANIZATION_STAFF, "womens-union", kLanPassword);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status SignIn(const std::string& username, const std::string& password, v1::SignInResponse* response,
                      const std::string& caller_token = "") {
    v1::SignInRequest request;
    request.set_username(username);
    request.set_password(password);
    return accounts_->SignIn(
        AuthorizedContext(caller_token.empty() ? tokens_.service : caller_token, seconds(30)).get(), request,
        response);
  }
  grpc::Status SignIn(const std::string& username, const std::string& password) {
    v1::SignInResponse ignored;
    return SignIn(username, password, &ignored);
  }

  grpc::Status Update(const v1::UpdateAccountRequest& request,
                      v1::UpdateAccountResponse* response = nullptr) {
    v1::UpdateAccountResponse ignored;
    return accounts_->UpdateAccount(Officer().get(), request, response ? response : &ignored);
  }

  static v1::UpdateAccountRequest LanWithActive(bool active) {
    v1::UpdateAccountRequest request;
    request.set_username("hoi.phunu");
    request.set_display_name("Nguyễn Thị Lan");
    request.set_role(v1::ROLE_ORGANIZATION_STAFF);
    request.set_organization_id("womens-union");
    request.set_active(active);
    return request;
  }

  v1::Account Listed(const std::string& username) {
    v1::ListAccountsResponse listed;
    const grpc::Status status = accounts_->ListAccounts(Officer().get(), v1::ListAccountsRequest(), &listed);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const v1::Account& account : listed.accounts()) {
      if (account.username() == username) return account;
    }
    ADD_FAILURE() << "no account " << username << " listed";
    return {};
  }

  // A read every role may make; its status says whether `token` is accepted.
  grpc::Status ReadWith(const std::string& token) {
    v1::ListHouseholdsRequest request;
    request.mutable_page()->set_page_size(1);
    v1::ListHouseholdsResponse response;
    return stub_->ListHouseholds(AuthorizedContext(token).get(), request, &response);
  }

  std::unique_ptr<v1::Accounts::Stub> accounts_;
};

TEST_F(RegistryAccountsTest, SigningInGivesASessionTokenOfTheAccountsRoleAndOrganizationForTwelveHours) {
  v1::CreateAccountResponse created;
  ASSERT_TRUE(Create("hoi.phunu", "Nguyễn Thị Lan", v1::ROLE_ORGANIZATION_STAFF, "womens-union", kLanPassword,
                     &created)
                  .ok());
  EXPECT_TRUE(created.account().active());
  EXPECT_EQ(created.account().created_by(), "Trần Văn Bình (ward officer)");

  v1::SignInResponse signed_in;
  const grpc::Status status = SignIn("hoi.phunu", kLanPassword, &signed_in);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(signed_in.session_token().starts_with(auth::kSecretPrefix));
  EXPECT_NEAR(static_cast<double>(signed_in.expires_at().seconds() - auth::NowSeconds()), 12.0 * 3600, 60.0);
  EXPECT_EQ(signed_in.account().username(), "hoi.phunu");
  EXPECT_EQ(signed_in.account().role(), v1::ROLE_ORGANIZATION_STAFF);
  EXPECT_EQ(signed_in.account().organization_id(), "womens-union");
  EXPECT_TRUE(signed_in.account().has_last_sign_in_at());
  EXPECT_TRUE(ReadWith(signed_in.session_token()).ok());

  // The token is an issued token of Lan's role, organization and name.
  v1::ListTokensResponse tokens;
  ASSERT_TRUE(v1::TokenAdmin::NewStub(registry_.channel())
                  ->ListTokens(Officer().get(), v1::ListTokensRequest(), &tokens)
                  .ok());
  int sessions = 0;
  for (const v1::TokenInfo& token : tokens.tokens()) {
    if (token.issued_by() != "sign-in: hoi.phunu") continue;
    ++sessions;
    EXPECT_EQ(token.role(), v1::ROLE_ORGANIZATION_STAFF);
    EXPECT_EQ(token.organization_id(), "womens-union");
    EXPECT_EQ(token.name(), "Nguyễn Thị Lan");
  }
  EXPECT_EQ(sessions, 1);

  // Only the Argon2id hash is stored; the password is nowhere in Redis.
  const redis::Reply hash =
      Redis().Command({"HGET", "ansinh:{ward}:registry:account-passwords", "hoi.phunu"});
  EXPECT_TRUE(hash.str.starts_with("$argon2id$")) << hash.str;
  for (const auto& [key, value] : Snapshot()) {
    EXPECT_EQ(value.find("hoa sen trong"), std::string::npos) << key;
    EXPECT_EQ(value.find(signed_in.session_token()), std::string::npos) << key;
  }
  EXPECT_EQ(registry_.log().find("hoa sen trong"), std::string::npos);
}

TEST_F(RegistryAccountsTest, AWrongPasswordAndAnUnknownUsernameGetTheSameAnswer) {
  CreateLan();
  const grpc::Status wrong = SignIn("hoi.phunu", "not her password");
  const grpc::Status unknown = SignIn("hoi.khongco", kLanPassword);
  const grpc::Status impossible = SignIn("Không Phải Tên", kLanPassword);
  for (const grpc::Status* status : {&wrong, &unknown, &impossible}) {
    EXPECT_EQ(status->error_code(), grpc::StatusCode::UNAUTHENTICATED) << status->error_message();
    EXPECT_EQ(status->error_message(), wrong.error_message());
    EXPECT_EQ(ansinh::testkit::CatalogKeyOf(*status).key, "error.account.sign_in_failed");
  }
}

TEST_F(RegistryAccountsTest, WrongPasswordsSlowDownThenLockTheAccountUntilANewPasswordIsSet) {
  CreateLan();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(SignIn("hoi.phunu", "wrong password " + std::to_string(i)).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  // The counters are in Redis: a restarted registry (or another instance)
  // goes on counting.
  ASSERT_TRUE(registry_.Terminate().has_value());
  registry_.Start();
  accounts_ = v1::Accounts::NewStub(registry_.channel());

  const auto fourth_started = std::chrono::steady_clock::now();
  EXPECT_EQ(SignIn("hoi.phunu", "wrong password 3").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_GE(std::chrono::steady_clock::now() - fourth_started, milliseconds(950));
  EXPECT_EQ(SignIn("hoi.phunu", "wrong password 4").error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // Locked: even the right password is refused, saying until when.
  const grpc::Status locked = SignIn("hoi.phunu", kLanPassword);
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << locked.error_message();
  const ansinh::testkit::CatalogKey key = ansinh::testkit::CatalogKeyOf(locked);
  EXPECT_EQ(key.key, "error.account.locked");
  ASSERT_EQ(key.args.count("until"), 1u);
  EXPECT_EQ(key.args.at("until").size(), 16u) << key.args.at("until");  // "2026-12-06 14:05"
  const v1::Account listed = Listed("hoi.phunu");
  EXPECT_EQ(listed.failed_sign_ins(), 5);
  EXPECT_NEAR(static_cast<double>(listed.locked_until().seconds() - auth::NowSeconds()), 15.0 * 60, 60.0);

  // A ward officer sets a new password: unlocked, and the new one works.
  v1::SetPasswordRequest reset;
  reset.set_username("hoi.phunu");
  reset.set_password("sen nở cuối hè 2026");
  v1::SetPasswordResponse reset_response;
  ASSERT_TRUE(accounts_->SetPassword(Officer().get(), reset, &reset_response).ok());
  EXPECT_EQ(reset_response.account().failed_sign_ins(), 0);
  EXPECT_FALSE(reset_response.account().has_locked_until());
  const grpc::Status after = SignIn("hoi.phunu", "sen nở cuối hè 2026");
  EXPECT_TRUE(after.ok()) << after.error_message();
}

TEST_F(RegistryAccountsTest, OnlyTheServiceRoleSignsPeopleIn) {
  CreateLan();
  v1::SignInResponse response;
  for (const std::string& token : {tokens_.officer, tokens_.womens_union_staff, tokens_.auditor}) {
    const grpc::Status status = SignIn("hoi.phunu", kLanPassword, &response, token);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
  }
  EXPECT_EQ(SignIn("hoi.phunu", kLanPassword, &response, "no-such-token").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(response.session_token().empty());
}

TEST_F(RegistryAccountsTest, DisablingAnAccountEndsItsSessionsAndRefusesItsSignIn) {
  CreateLan();
  v1::SignInResponse signed_in;
  ASSERT_TRUE(SignIn("hoi.phunu", kLanPassword, &signed_in).ok());
  ASSERT_TRUE(ReadWith(signed_in.session_token()).ok());

  v1::UpdateAccountResponse disabled;
  ASSERT_TRUE(Update(LanWithActive(false), &disabled).ok());
  EXPECT_FALSE(disabled.account().active());
  EXPECT_EQ(disabled.sessions_ended(), 1);
  EXPECT_TRUE(ansinh::testkit::Eventually(
      [&] { return ReadWith(signed_in.session_token()).error_code() == grpc::StatusCode::UNAUTHENTICATED; },
      seconds(5)));

  const grpc::Status refused = SignIn("hoi.phunu", kLanPassword);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED) << refused.error_message();
  EXPECT_EQ(ansinh::testkit::CatalogKeyOf(refused).key, "error.account.disabled");

  ASSERT_TRUE(Update(LanWithActive(true)).ok());
  EXPECT_TRUE(SignIn("hoi.phunu", kLanPassword).ok());
}

TEST_F(RegistryAccountsTest, SigningOutRevokesTheSessionTokenAndNoOtherKind) {
  CreateLan();
  v1::SignInResponse signed_in;
  ASSERT_TRUE(SignIn("hoi.phunu", kLanPassword, &signed_in).ok());
  v1::SignOutResponse out;
  ASSERT_TRUE(accounts_->SignOut(AuthorizedContext(signed_in.session_token()).get(), {}, &out).ok());
  EXPECT_EQ(ReadWith(signed_in.session_token()).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  const grpc::Status officer = accounts_->SignOut(Officer().get(), {}, &out);
  EXPECT_EQ(officer.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ansinh::testkit::CatalogKeyOf(officer).key, "error.account.not_a_session");
  EXPECT_TRUE(ReadWith(tokens_.officer).ok());
}

TEST_F(RegistryAccountsTest, BadRequestsNameEachBadField) {
  const grpc::Status empty = Create("", "", v1::ROLE_UNSPECIFIED, "", "");
  EXPECT_EQ(empty.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(empty),
              ::testing::UnorderedElementsAre("account.username", "account.display_name", "account.role",
                                              "password"));
  const grpc::Status bad = Create("Hội Phụ Nữ", "Nguyễn Thị Lan", v1::ROLE_ORGANIZATION_STAFF, "", "short");
  EXPECT_THAT(ViolatedFields(bad),
              ::testing::UnorderedElementsAre("account.username", "account.organization_id", "password"));
  const grpc::Status service = Create("may.chu", "Máy chủ", v1::ROLE_SERVICE, "", "a long enough password");
  EXPECT_THAT(ViolatedFields(service), ::testing::ElementsAre("account.role"));

  const grpc::Status unknown_organization =
      Create("hoi.cuuchienbinh", "Lê Văn Tư", v1::ROLE_ORGANIZATION_STAFF, "veterans-union", kLanPassword);
  EXPECT_EQ(unknown_organization.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(ViolatedFields(unknown_organization), ::testing::ElementsAre("account.organization_id"));

  CreateLan();
  const grpc::Status again =
      Create("hoi.phunu", "Nguyễn Thị Lan", v1::ROLE_ORGANIZATION_STAFF, "womens-union", kLanPassword);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ansinh::testkit::CatalogKeyOf(again).key, "error.account.exists");

  v1::UpdateAccountRequest nobody = LanWithActive(true);
  nobody.set_username("khong.co");
  const grpc::Status missing = Update(nobody);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ansinh::testkit::CatalogKeyOf(missing).key, "error.account.not_found");

  v1::SignInResponse ignored;
  const grpc::Status blank = SignIn("", "", &ignored);
  EXPECT_EQ(blank.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(blank), ::testing::UnorderedElementsAre("username", "password"));

  // Only ward officers administer accounts.
  v1::ListAccountsResponse listed;
  EXPECT_EQ(
      accounts_->ListAccounts(AuthorizedContext(tokens_.womens_union_staff).get(), {}, &listed).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

// ---------------------------------------------------------------------------
// The CLI, as a ward officer runs it.
// ---------------------------------------------------------------------------

struct AccountCliRun {
  int exit_code = -1;
  std::string out;
};

class AccountCliTest : public RegistryAccountsTest {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kAccountsCli))
      GTEST_SKIP() << "the ansinh CLI is not built: " << kAccountsCli;
    RegistryAccountsTest::SetUp();
    setenv("ANSINH_REGISTRY_ADDRESS", registry_.address().c_str(), 1);
    setenv("ANSINH_TOKEN", tokens_.officer.c_str(), 1);
    unsetenv("ANSINH_TOKEN_FILE");
  }

  AccountCliRun Ansinh(const std::string& arguments) {
    AccountCliRun run;
    FILE* pipe =
        popen((kAccountsCli + " " + arguments + " </dev/null 2>" + dir_.path() + "/stderr.txt").c_str(), "r");
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

  static std::string FirstLineOf(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
  }
};

TEST_F(AccountCliTest, InitAccountsCreatesTheFourDemoAccountsOnceWithPrivatePasswordFiles) {
  const std::filesystem::path var = std::filesystem::path(dir_.path()) / "var";
  const AccountCliRun first = Ansinh("admin init-accounts --dir " + var.string());
  ASSERT_EQ(first.exit_code, 0) << first.out << Stderr();
  const std::filesystem::path accounts_dir = var / "accounts";
  EXPECT_EQ(std::filesystem::status(accounts_dir).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_all);
  std::map<std::string, std::string> passwords;
  for (const char* username : {"canbo.phuong", "hoi.phunu", "hoi.nongdan", "kiem.toan"}) {
    const std::filesystem::path file = accounts_dir / (std::string(username) + ".password");
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    passwords[username] = FirstLineOf(file);
    EXPECT_GE(passwords[username].size(), 10u);
    // Nothing secret is printed.
    EXPECT_EQ(first.out.find(passwords[username]), std::string::npos);
  }
  EXPECT_EQ(Listed("hoi.nongdan").organization_id(), "farmers-union");
  EXPECT_EQ(Listed("kiem.toan").display_name(), "Phạm Thị Thu");
  EXPECT_EQ(Listed("canbo.phuong").role(), v1::ROLE_WARD_OFFICER);

  // Idempotent: nothing changes, the files are kept.
  const AccountCliRun second = Ansinh("admin init-accounts --dir " + var.string());
  ASSERT_EQ(second.exit_code, 0) << Stderr();
  EXPECT_EQ(FirstLineOf(accounts_dir / "hoi.phunu.password"), passwords["hoi.phunu"]);
  v1::SignInResponse signed_in;
  const grpc::Status status = SignIn("hoi.phunu", passwords["hoi.phunu"], &signed_in);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(signed_in.account().display_name(), "Nguyễn Thị Lan");
}

TEST_F(AccountCliTest, CreateListDisableAndSetAPasswordFromTheCommandLine) {
  const std::filesystem::path password_file = std::filesystem::path(dir_.path()) / "lan.password";
  std::ofstream(password_file) << kLanPassword << "\n";
  const AccountCliRun created = Ansinh(
      "account create hoi.phunu --name 'Nguyễn Thị Lan' --role organization_staff "
      "--organization womens-union --password-file " +
      password_file.string());
  ASSERT_EQ(created.exit_code, 0) << Stderr();
  EXPECT_TRUE(SignIn("hoi.phunu", kLanPassword).ok());

  const AccountCliRun listed = Ansinh("account list");
  ASSERT_EQ(listed.exit_code, 0) << Stderr();
  EXPECT_NE(listed.out.find("hoi.phunu"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("Nguyễn Thị Lan"), std::string::npos) << listed.out;

  const AccountCliRun renamed = Ansinh("account update hoi.phunu --name 'Nguyễn Thị Lan Anh'");
  ASSERT_EQ(renamed.exit_code, 0) << Stderr();
  EXPECT_EQ(Listed("hoi.phunu").display_name(), "Nguyễn Thị Lan Anh");
  EXPECT_TRUE(Listed("hoi.phunu").active());

  ASSERT_EQ(Ansinh("account disable hoi.phunu").exit_code, 0) << Stderr();
  EXPECT_FALSE(Listed("hoi.phunu").active());
  ASSERT_EQ(Ansinh("account enable hoi.phunu").exit_code, 0) << Stderr();
  EXPECT_TRUE(Listed("hoi.phunu").active());

  const AccountCliRun short_password = Ansinh("account password hoi.phunu --password-file /dev/null");
  EXPECT_EQ(short_password.exit_code, 1);
  EXPECT_NE(Stderr().find("password"), std::string::npos) << Stderr();
}

}  // namespace
}  // namespace ansinh::registry::testkit
