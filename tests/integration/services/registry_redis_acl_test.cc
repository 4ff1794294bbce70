// Redis credentials of a service: a wrong password keeps the registry
// NOT_SERVING and its log says why without quoting the password; the
// registry's ACL user with the rules of deploy/local/redis-acl/registry.rules
// (what run.sh gives it) runs the registry end to end and is refused FLUSHALL,
// KEYS, CONFIG and keys outside its families. Every service user's refusals,
// one by one: redis_service_acl_test.cc.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ansinh/v1/operations.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "household_builders.h"
#include "redis/redis_connection.h"
#include "redis/redis_error.h"
#include "redis_server.h"
#include "security_test_support.h"
#include "service_process.h"
#include "test_tokens.h"

namespace ansinh {
namespace {

using security_testing::CommandRun;
using security_testing::Eventually;
using security_testing::RunCommand;
using security_testing::WriteFile;
using testkit::AuthorizedContext;

v1::Household AclTestHousehold() {
  return testkit::OneMemberHousehold({.full_name = "Lê Văn Tâm",
                                      .sex = v1::SEX_MALE,
                                      .date_of_birth = "1969-08-15",
                                      .national_id = "046069000123",
                                      .education_level = v1::EDUCATION_LEVEL_LOWER_SECONDARY,
                                      .employment = v1::EMPLOYMENT_WAGE_WITH_CONTRACT},
                                     {.address = "3 Kiệt 7 Phạm Văn Đồng", .residential_group = "TDP-02"});
}

class RegistryRedisAclTest : public ::testing::Test {
 protected:
  void SetUp() override { redis_.Start(); }

  testkit::TempDir dir_;
  testkit::RedisServer redis_{dir_.path()};
  testkit::TestTokens tokens_;
  testkit::ServiceProcess registry_{"registry", redis_, tokens_.WriteFile(dir_.path()), dir_.path()};
};

TEST_F(RegistryRedisAclTest, AWrongPasswordNeverServesAndTheLogSaysWhy) {
  const std::string wrong_password = "not-the-redis-password-7f3a";
  const std::string password_file = dir_.path() + "/wrong-password";
  WriteFile(password_file, wrong_password + "\n");
  // The owner's only, as a password file must be, so the start gets as far as Redis.
  std::filesystem::permissions(password_file,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
  // Started by hand: ServiceProcess waits for a port, and the registry may
  // stop before listening (its start-up writes to Redis) or listen and stay
  // NOT_SERVING; either way it must never serve.
  const std::string ports_file = dir_.path() + "/wrong-password-registry.ports";
  testkit::ChildProcess process;
  process.Start({std::string(ANSINH_BIN_DIR) + "/ansinh-registry", "--listen", "127.0.0.1:0", "--ports-file",
                 ports_file, "--redis-port", std::to_string(redis_.port()), "--redis-password-file",
                 password_file, "--tokens-file", tokens_.WriteFile(dir_.path())},
                dir_.path() + "/wrong-password-registry.log");

  ASSERT_TRUE(Eventually([&] { return process.ReadLog().find("WRONGPASS") != std::string::npos; },
                         std::chrono::seconds(15)))
      << process.ReadLog();
  std::ifstream ports(ports_file);
  if (process.running() && ports) {
    const std::string address =
        "127.0.0.1:" + std::to_string(nlohmann::json::parse(ports).at("grpc").get<int>());
    auto health =
        grpc::health::v1::Health::NewStub(testkit::TestChannel(address, grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
    grpc::health::v1::HealthCheckResponse response;
    health->Check(&context, grpc::health::v1::HealthCheckRequest(), &response);
    EXPECT_NE(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  }
  const std::string log = process.ReadLog();
  EXPECT_NE(log.find("refused AUTH as user default"), std::string::npos) << log;
  EXPECT_EQ(log.find(wrong_password), std::string::npos) << log;
  EXPECT_EQ(log.find(redis_.password()), std::string::npos) << log;
}

TEST_F(RegistryRedisAclTest, AServiceUserWithRunShRulesRunsTheRegistry) {
  // The test support starts every service as its own ACL user.
  ASSERT_EQ(registry_.redis_user(), "registry");
  registry_.Start();

  auto stub = v1::Registry::NewStub(registry_.channel());
  v1::CreateHouseholdRequest create;
  *create.mutable_household() = AclTestHousehold();
  v1::CreateHouseholdResponse created;
  grpc::Status status = stub->CreateHousehold(AuthorizedContext(tokens_.officer).get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << registry_.log();
  v1::GetHouseholdRequest get;
  get.set_household_id(created.household().household_id());
  v1::GetHouseholdResponse got;
  status = stub->GetHousehold(AuthorizedContext(tokens_.auditor).get(), get, &got);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(got.household().version(), 1u);
  // Operations reads stream lengths and consumer groups (XLEN, XINFO, XPENDING).
  v1::GetServiceInfoRequest info_request;
  v1::ServiceInfo info;
  status = v1::Operations::NewStub(registry_.channel())
               ->GetServiceInfo(AuthorizedContext(tokens_.auditor).get(), info_request, &info);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(info.redis_reachable());

  redis::Connection connection(redis_.ServiceOptions("registry", "acl-probe"));
  EXPECT_EQ(connection.Command({"PING"}).str, "PONG");
  // Scripts run (the consumers' partition leases are Lua scripts) on the
  // user's own keys.
  EXPECT_EQ(connection
                .Command({"EVAL", "return redis.call('SET', KEYS[1], '1')", "1",
                          "ansinh:{ward}:registry:acl-probe"})
                .str,
            "OK");
  redis::Connection admin(redis_.Options("admin"));
  const std::vector<redis::Args> refused{
      {"FLUSHALL"},
      {"FLUSHDB"},
      {"KEYS", "*"},
      {"CONFIG", "GET", "requirepass"},
      {"ACL", "LIST"},
      {"INFO"},
      {"SHUTDOWN", "NOSAVE"},
      {"SET", "outside:key", "1"},
      {"SET", "ansinh:acl-probe", "1"},
      {"SCAN", "0"},
      // Scripts run with the user's rules: a key outside its families stays out.
      {"EVAL", "return redis.call('SET', KEYS[1], '1')", "1", "outside:key"}};
  for (const redis::Args& command : refused) {
    try {
      connection.Command(command);
      ADD_FAILURE() << command[0] << " was allowed";
    } catch (const redis::ReplyError& error) {
      EXPECT_NE(std::string(error.what()).find("NOPERM"), std::string::npos)
          << command[0] << ": " << error.what();
    }
  }
  // DEBUG is refused before the ACL is consulted (enable-debug-command);
  // ask the ACL itself.
  EXPECT_NE(admin.Command({"ACL", "DRYRUN", "registry", "DEBUG", "SLEEP", "0"}).str.find("no permissions"),
            std::string::npos);
  EXPECT_EQ(admin
                .Command({"ACL", "DRYRUN", "registry", "XAUTOCLAIM", "ansinh:{p0}:events:registry", "g", "c",
                          "0", "0"})
                .str,
            "OK");
  // Nothing was flushed.
  EXPECT_GT(admin.Command({"DBSIZE"}).integer, 0);
}

TEST_F(RegistryRedisAclTest, AUserWithoutAPasswordFileRefusesToStart) {
  const std::string missing = dir_.path() + "/no-such-password";
  const CommandRun run =
      RunCommand({std::string(ANSINH_BIN_DIR) + "/ansinh-registry", "--listen", "127.0.0.1:0", "--redis-port",
                  std::to_string(redis_.port()), "--redis-user", "registry", "--redis-password-file", missing,
                  "--tokens-file", dir_.path() + "/tokens.json"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--redis-user registry needs its password"), std::string::npos) << run.output;
}

TEST_F(RegistryRedisAclTest, APasswordFileOthersCanReadRefusesToStartNamingTheFix) {
  const std::string password_file = redis_.service_password_file("registry");
  std::filesystem::permissions(password_file, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  const CommandRun run =
      RunCommand({std::string(ANSINH_BIN_DIR) + "/ansinh-registry", "--listen", "127.0.0.1:0", "--redis-port",
                  std::to_string(redis_.port()), "--redis-user", "registry", "--redis-password-file",
                  password_file, "--tokens-file", tokens_.WriteFile(dir_.path())});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--redis-password-file " + password_file + " (mode 0604) can be read by others"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("chmod 600 " + password_file), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find(redis_.service_password("registry")), std::string::npos) << run.output;

  // Fixed as the message says, it starts.
  std::filesystem::permissions(password_file, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::remove);
  registry_.Start();
  EXPECT_EQ(registry_.Health(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace ansinh
