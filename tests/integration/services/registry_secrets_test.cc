// No secret is ever logged or printed: the registry, started at trace level
// with a Redis password from a file and called with bearer tokens (good and
// bad), writes neither the password nor any token to its log; the CLI's
// `status --json` prints neither. Requests past --max-request-bytes fail with
// RESOURCE_EXHAUSTED.
#include <gtest/gtest.h>

#include <filesystem>

#include "ansinh/v1/operations.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "household_builders.h"
#include "redis_server.h"
#include "security_test_support.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using security_testing::AnsinhCli;
using security_testing::CommandRun;
using security_testing::RunCommand;
using testkit::AuthorizedContext;

v1::Household HouseholdAt(const std::string& address) {
  return testkit::OneMemberHousehold({.full_name = "Phan Thị Lan",
                                      .date_of_birth = "1982-01-09",
                                      .national_id = "046182000456",
                                      .education_level = v1::EDUCATION_LEVEL_PRIMARY},
                                     {.address = address, .residential_group = "TDP-03"});
}

class RegistrySecretsTest : public ::testing::Test {
 protected:
  void SetUp() override { redis_.Start(); }

  grpc::Status Create(const std::string& token, const std::string& address) {
    v1::CreateHouseholdRequest request;
    *request.mutable_household() = HouseholdAt(address);
    v1::CreateHouseholdResponse response;
    return v1::Registry::NewStub(registry_->channel())
        ->CreateHousehold(AuthorizedContext(token).get(), request, &response);
  }

  void StartRegistry(std::vector<std::string> extra_args) {
    registry_ = std::make_unique<testkit::ServiceProcess>("registry", redis_, tokens_.WriteFile(dir_.path()),
                                                          dir_.path(), std::move(extra_args));
    registry_->Start();
  }

  // Every secret of the test: the Redis passwords (the admin's and the
  // registry user's) and each role's token.
  std::vector<std::string> Secrets() const {
    return {redis_.password(),
            redis_.service_password("registry"),
            tokens_.officer,
            tokens_.womens_union_staff,
            tokens_.farmers_union_staff,
            tokens_.auditor,
            tokens_.service};
  }

  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  testkit::TestTokens tokens_;
  std::unique_ptr<testkit::ServiceProcess> registry_;
};

TEST_F(RegistrySecretsTest, TheLogHoldsNoPasswordAndNoToken) {
  StartRegistry({"--log-level", "trace"});
  ASSERT_TRUE(Create(tokens_.officer, "5 Kiệt 9 Lê Lợi").ok());
  EXPECT_EQ(Create(tokens_.auditor, "6 Kiệt 9 Lê Lợi").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Create(tokens_.officer + "-forged", "7 Kiệt 9 Lê Lợi").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::GetServiceInfoRequest request;
  v1::ServiceInfo info;
  ASSERT_TRUE(v1::Operations::NewStub(registry_->channel())
                  ->GetServiceInfo(AuthorizedContext(tokens_.service).get(), request, &info)
                  .ok());
  ASSERT_TRUE(registry_->Terminate().has_value());

  const std::string log = registry_->log();
  // The start-up line describing the configuration is there, naming the
  // password file, not its contents.
  EXPECT_NE(log.find("configuration: registry"), std::string::npos) << log;
  EXPECT_NE(log.find("user registry, password from " + registry_->redis_password_file()), std::string::npos)
      << log;
  for (const std::string& secret : Secrets()) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "the log holds " << secret << ":\n" << log;
  }
}

TEST_F(RegistrySecretsTest, StatusJsonPrintsNoSecret) {
  if (!std::filesystem::exists(AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
  StartRegistry({});
  ASSERT_TRUE(Create(tokens_.officer, "8 Kiệt 9 Lê Lợi").ok());
  // Only the registry runs; the other addresses refuse at once.
  const std::string nobody = "127.0.0.1:" + std::to_string(testkit::FreePort());
  const CommandRun run = RunCommand({AnsinhCli(), "--registry", registry_->address(), "--classification",
                                     nobody, "--assignment", nobody, "--monitoring", nobody, "--token",
                                     tokens_.auditor, "--timeout", "5", "status", "--json"});
  EXPECT_NE(run.output.find("\"service\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find(registry_->address()), std::string::npos) << run.output;
  for (const std::string& secret : Secrets()) {
    EXPECT_EQ(run.output.find(secret), std::string::npos) << run.output;
  }
}

TEST_F(RegistrySecretsTest, RequestsPastTheBoundAreResourceExhausted) {
  StartRegistry({"--max-request-bytes", "65536"});
  EXPECT_TRUE(Create(tokens_.officer, "9 Kiệt 9 Lê Lợi").ok());
  const grpc::Status oversized = Create(tokens_.officer, std::string(70 * 1024, 'x'));
  EXPECT_EQ(oversized.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << oversized.error_message();
  // The server still serves afterwards.
  EXPECT_EQ(registry_->Health(), testkit::ServingStatus{grpc::health::v1::HealthCheckResponse::SERVING});
}

TEST_F(RegistrySecretsTest, TheDefaultBoundIsFourMebibytes) {
  StartRegistry({});
  const grpc::Status just_under = Create(tokens_.officer, std::string(3 * 1024 * 1024, 'y'));
  EXPECT_NE(just_under.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << just_under.error_message();
  const grpc::Status over = Create(tokens_.officer, std::string(4 * 1024 * 1024 + 1, 'z'));
  EXPECT_EQ(over.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << over.error_message();
}

}  // namespace
}  // namespace ansinh
