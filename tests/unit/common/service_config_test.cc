// The shared service flags: defaults, flags and ANSINH_* variables for the
// Redis user, TLS files and request bound; ConfigProblems for combinations
// flags alone cannot reject; DescribeForLog and RedisOptionsFor never carry
// the password text into a log line.
#include "config/service_config.h"

#include "config/secret_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ansinh::config {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class ServiceConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ansinh-config-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    for (const char* name : kVariables) ::unsetenv(name);
    std::filesystem::remove_all(dir_);
  }

  // Parses `args` (after the program name) into a fresh registry config.
  ServiceConfig Parse(std::vector<std::string> args) {
    ServiceConfig config;
    config.service = "registry";
    CLI::App app;
    AddServiceOptions(app, config);
    args.insert(args.begin(), "ansinh-registry");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    app.parse(static_cast<int>(argv.size()), argv.data());
    return config;
  }

  // The owner's only, as secret files must be (ConfigProblems refuses others).
  std::string File(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    std::filesystem::permissions(path,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace);
    return path;
  }

  static constexpr const char* kVariables[] = {"ANSINH_REDIS_USER",        "ANSINH_TLS_CERT_FILE",
                                               "ANSINH_TLS_KEY_FILE",      "ANSINH_TLS_CLIENT_CA_FILE",
                                               "ANSINH_MAX_REQUEST_BYTES", "ANSINH_ALLOW_SHARED_SECRET_FILES",
                                               "ANSINH_REDIS_CLUSTER",     "ANSINH_REDIS_WAIT_REPLICAS"};
  std::filesystem::path dir_;
};

TEST_F(ServiceConfigTest, DefaultsArePlaintextTheDefaultUserAndFourMebibytes) {
  const ServiceConfig config = Parse({});
  EXPECT_EQ(config.redis_user, "");
  EXPECT_EQ(config.tls_cert_file, "");
  EXPECT_EQ(config.tls_key_file, "");
  EXPECT_EQ(config.tls_client_ca_file, "");
  EXPECT_EQ(config.max_request_bytes, 4 * 1024 * 1024);
}

TEST_F(ServiceConfigTest, FlagsSetTheNewOptions) {
  const ServiceConfig config = Parse({"--redis-user", "registry", "--tls-cert-file", "s.pem",
                                      "--tls-key-file", "s.key", "--tls-client-ca-file", "ca.pem",
                                      "--max-request-bytes", "65536", "--redis-command-timeout-ms", "15000"});
  EXPECT_EQ(config.redis_user, "registry");
  EXPECT_EQ(config.redis_command_timeout_ms, 15000);
  EXPECT_EQ(config.RedisOptionsFor("registry").command_timeout, std::chrono::milliseconds(15000));
  EXPECT_EQ(config.tls_cert_file, "s.pem");
  EXPECT_EQ(config.tls_key_file, "s.key");
  EXPECT_EQ(config.tls_client_ca_file, "ca.pem");
  EXPECT_EQ(config.max_request_bytes, 65536);
}

TEST_F(ServiceConfigTest, RedisClusterIsOffByDefaultAndItsFlagsReachTheOptions) {
  const redis::RedisOptions single = Parse({}).RedisOptionsFor("x");
  EXPECT_FALSE(single.cluster);
  EXPECT_FALSE(single.check_single_slot);

  const ServiceConfig config =
      Parse({"--redis-cluster", "--redis-wait-replicas", "2", "--redis-wait-timeout-ms", "250"});
  const redis::RedisOptions options = config.RedisOptionsFor("x");
  EXPECT_TRUE(options.cluster);
  EXPECT_EQ(options.wait_replicas, 2);
  EXPECT_EQ(options.wait_timeout, std::chrono::milliseconds(250));

  // A service whose transactions all stay in one slot asks for the check
  // in its main.cc (no flag): every connection it builds then checks.
  ServiceConfig strict = Parse({});
  strict.redis_check_single_slot = true;
  EXPECT_TRUE(strict.RedisOptionsFor("x").check_single_slot);
  EXPECT_FALSE(strict.RedisOptionsFor("x").cluster);
  EXPECT_NE(DescribeForLog(config).find("cluster, WAIT 2 replica(s)"), std::string::npos);

  ::setenv("ANSINH_REDIS_CLUSTER", "true", 1);
  ::setenv("ANSINH_REDIS_WAIT_REPLICAS", "0", 1);
  const redis::RedisOptions from_env = Parse({}).RedisOptionsFor("x");
  EXPECT_TRUE(from_env.cluster);
  EXPECT_EQ(from_env.wait_replicas, 0);
}

TEST_F(ServiceConfigTest, EnvironmentVariablesApplyAndFlagsWin) {
  ::setenv("ANSINH_REDIS_USER", "from-env", 1);
  ::setenv("ANSINH_TLS_CERT_FILE", "env.pem", 1);
  ::setenv("ANSINH_TLS_KEY_FILE", "env.key", 1);
  ::setenv("ANSINH_TLS_CLIENT_CA_FILE", "env-ca.pem", 1);
  ::setenv("ANSINH_MAX_REQUEST_BYTES", "2048", 1);
  const ServiceConfig from_env = Parse({});
  EXPECT_EQ(from_env.redis_user, "from-env");
  EXPECT_EQ(from_env.tls_cert_file, "env.pem");
  EXPECT_EQ(from_env.tls_key_file, "env.key");
  EXPECT_EQ(from_env.tls_client_ca_file, "env-ca.pem");
  EXPECT_EQ(from_env.max_request_bytes, 2048);
  const ServiceConfig flag_wins = Parse({"--redis-user", "from-flag", "--max-request-bytes", "4096"});
  EXPECT_EQ(flag_wins.redis_user, "from-flag");
  EXPECT_EQ(flag_wins.max_request_bytes, 4096);
}

TEST_F(ServiceConfigTest, MaxRequestBytesOutsideItsRangeIsRejected) {
  for (const char* value : {"0", "1023", "2000000000", "lots"}) {
    EXPECT_THROW(Parse({"--max-request-bytes", value}), CLI::ParseError) << value;
  }
}

TEST_F(ServiceConfigTest, ProblemsOfHalfATlsConfiguration) {
  const std::string missing = (dir_ / "missing.pem").string();
  struct Case {
    std::string cert, key, client_ca, says;
  };
  const std::vector<Case> cases{
      {"s.pem", "", "", "--tls-cert-file is given without --tls-key-file"},
      {"", "s.key", "", "--tls-key-file is given without --tls-cert-file"},
      {"", "", "ca.pem", "--tls-client-ca-file needs --tls-cert-file and --tls-key-file"},
      {missing, File("s.key", "key"), "", "--tls-cert-file: cannot read " + missing},
  };
  for (const Case& c : cases) {
    ServiceConfig config;
    config.redis_password_file = "";
    config.tls_cert_file = c.cert;
    config.tls_key_file = c.key;
    config.tls_client_ca_file = c.client_ca;
    const std::vector<std::string> problems = ConfigProblems(config);
    ASSERT_EQ(problems.size(), 1u) << c.says;
    EXPECT_THAT(problems[0], HasSubstr(c.says));
  }
}

TEST_F(ServiceConfigTest, ARedisUserNeedsAPasswordFile) {
  ServiceConfig config;
  config.redis_user = "registry";
  config.redis_password_file = (dir_ / "absent").string();
  EXPECT_THAT(ConfigProblems(config), ElementsAre(HasSubstr("--redis-user registry needs its password")));
  config.redis_password_file = File("empty", "");
  EXPECT_THAT(ConfigProblems(config), ElementsAre(HasSubstr("is empty")));
  config.redis_password_file = File("password", "s3cret-value\n");
  EXPECT_THAT(ConfigProblems(config), IsEmpty());
}

TEST_F(ServiceConfigTest, ASecretFileOthersCanReadStopsTheStartNamingTheFix) {
  ServiceConfig config;
  config.redis_user = "registry";
  config.redis_password_file = File("registry.password", "s3cret-value\n");
  ASSERT_THAT(ConfigProblems(config), IsEmpty());
  std::filesystem::permissions(config.redis_password_file, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  EXPECT_THAT(ConfigProblems(config),
              ElementsAre(AllOf(HasSubstr("--redis-password-file " + config.redis_password_file),
                                HasSubstr("can be read by others"),
                                HasSubstr("chmod 600 " + config.redis_password_file))));
  // Compose's bind-mounted secrets: accepted when asked for.
  config.allow_shared_secret_files = true;
  EXPECT_THAT(ConfigProblems(config), IsEmpty());
  config.allow_shared_secret_files = false;

  config.redis_password_file = File("other.password", "s3cret-value\n");
  config.tokens_file = File("tokens.json", "{\"tokens\": []}\n");
  std::filesystem::permissions(config.tokens_file, std::filesystem::perms::others_write,
                               std::filesystem::perm_options::add);
  EXPECT_THAT(ConfigProblems(config), ElementsAre(AllOf(HasSubstr("--tokens-file " + config.tokens_file),
                                                        HasSubstr("can be written by others"))));
}

TEST_F(ServiceConfigTest, TheAllowSharedSecretFilesFlagHasAnEnvironmentVariable) {
  EXPECT_FALSE(Parse({}).allow_shared_secret_files);
  EXPECT_TRUE(Parse({"--allow-shared-secret-files"}).allow_shared_secret_files);
  ::setenv("ANSINH_ALLOW_SHARED_SECRET_FILES", "1", 1);
  EXPECT_TRUE(Parse({}).allow_shared_secret_files);
}

TEST(SecretFileModes, OthersNeverAndTheGroupOnlyWhenItIsTheServicesOwn) {
  constexpr gid_t kServiceGroup = 10001;
  constexpr gid_t kOtherGroup = 100;
  const auto problem = [&](mode_t permissions, gid_t group) {
    return SecretFileModeProblem("--tls-key-file", "/k", FileMode{permissions, group}, kServiceGroup);
  };
  EXPECT_EQ(problem(0600, kOtherGroup), std::nullopt);
  EXPECT_EQ(problem(0400, kOtherGroup), std::nullopt);
  // A Kubernetes Secret mounted for the pod's fsGroup.
  EXPECT_EQ(problem(0440, kServiceGroup), std::nullopt);
  EXPECT_THAT(
      problem(0640, kOtherGroup).value_or(""),
      AllOf(HasSubstr("--tls-key-file /k (mode 0640) can be read by its group,"), HasSubstr("chmod 600 /k")));
  EXPECT_THAT(problem(0604, kServiceGroup).value_or(""), HasSubstr("can be read by others"));
  EXPECT_THAT(problem(0644, kOtherGroup).value_or(""), HasSubstr("can be read by its group and others"));
  // Execute or write bits count too: any access is access.
  EXPECT_THAT(problem(0601, kServiceGroup).value_or(""), HasSubstr("mode 0601"));

  const auto tokens = [&](mode_t permissions, gid_t group) {
    return TokensFileModeProblem("--tokens-file", "/t", FileMode{permissions, group}, kServiceGroup);
  };
  // Hashes only: others may read it, never write it.
  EXPECT_EQ(tokens(0644, kOtherGroup), std::nullopt);
  EXPECT_EQ(tokens(0660, kServiceGroup), std::nullopt);
  EXPECT_THAT(tokens(0664, kOtherGroup).value_or(""), HasSubstr("can be written by its group"));
  EXPECT_THAT(tokens(0646, kOtherGroup).value_or(""), HasSubstr("chmod go-w /t"));
}

TEST_F(ServiceConfigTest, NoPasswordFileAndNoUserMeansNoAuthAndNoProblem) {
  ServiceConfig config;
  config.redis_password_file = (dir_ / "absent").string();
  EXPECT_THAT(ConfigProblems(config), IsEmpty());
  EXPECT_EQ(config.RedisOptionsFor("x").password, "");
}

TEST_F(ServiceConfigTest, RedisOptionsCarryTheUserAndTheFirstLineOfThePasswordFile) {
  ServiceConfig config;
  config.redis_user = "assignment";
  config.redis_password_file = File("password", "first-line\nsecond-line\n");
  const redis::RedisOptions options = config.RedisOptionsFor("ansinh-assignment-rpc");
  EXPECT_EQ(options.user, "assignment");
  EXPECT_EQ(options.password, "first-line");
  EXPECT_EQ(options.client_name, "ansinh-assignment-rpc");
}

TEST_F(ServiceConfigTest, TheStartupDescriptionNamesFilesNotSecrets) {
  ServiceConfig config;
  config.service = "monitoring";
  config.listen = "127.0.0.1:50054";
  config.redis_user = "monitoring";
  config.redis_password_file = File("monitoring.password", "very-secret-redis-password\n");
  config.tls_cert_file = "/etc/ansinh/monitoring.pem";
  config.tls_key_file = "/etc/ansinh/monitoring.key";
  config.tls_client_ca_file = "/etc/ansinh/clients-ca.pem";
  const std::string line = DescribeForLog(config);
  EXPECT_THAT(line, HasSubstr("TLS with /etc/ansinh/monitoring.pem"));
  EXPECT_THAT(line, HasSubstr("client certificates required"));
  EXPECT_THAT(line, HasSubstr("user monitoring, password from " + config.redis_password_file));
  EXPECT_EQ(line.find("very-secret-redis-password"), std::string::npos) << line;
  EXPECT_EQ(line.find(".key"), std::string::npos) << line;

  config.tls_cert_file.clear();
  config.redis_password_file = (dir_ / "absent").string();
  const std::string plain = DescribeForLog(config);
  EXPECT_THAT(plain, HasSubstr("(plaintext)"));
  EXPECT_THAT(plain, HasSubstr("no password"));
}

TEST_F(ServiceConfigTest, LoopbackListenAddresses) {
  const std::vector<std::pair<std::string, bool>> cases{
      {"127.0.0.1:50051", true}, {"127.0.0.2:1", true},       {"localhost:50051", true},
      {"[::1]:50051", true},     {"0.0.0.0:50051", false},    {"10.0.0.5:50051", false},
      {"[::]:50051", false},     {"ward-server:50051", false}};
  for (const auto& [listen, loopback] : cases) {
    EXPECT_EQ(IsLoopbackListen(listen), loopback) << listen;
  }
}

}  // namespace
}  // namespace ansinh::config
