// The bootstrap tokens of `ansinh admin init-tokens` (the ones `make run`
// hands out in var/tokens/) expire like issued tokens, and running the
// command again renews exactly those that expired, are about to, or were
// written before they expired at all (docs/security.md, Tokens).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "security_test_support.h"

namespace ansinh {
namespace {

using security_testing::AnsinhCli;
using security_testing::CommandRun;
using security_testing::RunCommand;

constexpr int64_t kDay = 24 * 3600;

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class BootstrapTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(AnsinhCli())) GTEST_SKIP() << "the ansinh CLI is not built";
    dir_ = std::filesystem::temp_directory_path() /
           ("ansinh-bootstrap-" + std::to_string(::getpid()) + "-" + std::to_string(Now()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  CommandRun InitTokens(int ttl_days) {
    return RunCommand({AnsinhCli(), "admin", "init-tokens", "--dir", dir_.string(), "--ttl-days",
                       std::to_string(ttl_days)});
  }
  nlohmann::json TokensFile() { return nlohmann::json::parse(Slurp(dir_ / "tokens.json")); }
  void WriteTokensFile(const nlohmann::json& document) { std::ofstream(dir_ / "tokens.json") << document.dump(); }
  // The role file name of each token (tokens/<name>.token) to its secret.
  std::map<std::string, std::string> Secrets() {
    std::map<std::string, std::string> secrets;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "tokens")) {
      secrets[entry.path().stem().string()] = Slurp(entry.path());
    }
    return secrets;
  }

  std::filesystem::path dir_;
};

TEST_F(BootstrapTokensTest, EveryStarterTokenExpiresAfterItsDaysAndOnlyExpiringOnesAreRenewed) {
  const CommandRun created = InitTokens(30);
  ASSERT_EQ(created.exit_code, 0) << created.output;
  EXPECT_NE(created.output.find("created 5 tokens"), std::string::npos) << created.output;
  struct stat file_status {};
  ASSERT_EQ(::stat((dir_ / "tokens.json").c_str(), &file_status), 0);
  EXPECT_EQ(file_status.st_mode & 0777, 0600u);

  nlohmann::json document = TokensFile();
  nlohmann::json& records = document["tokens"];
  ASSERT_EQ(records.size(), 5u) << document.dump();
  const int64_t now = Now();
  for (const auto& record : records) {
    const int64_t expires_at = record.value("expires_at", int64_t{0});
    EXPECT_GE(expires_at, now + 30 * kDay - 120) << record.dump();
    EXPECT_LE(expires_at, now + 30 * kDay + 120) << record.dump();
  }

  // Nothing is due: the file and the secrets stay as they are.
  const std::map<std::string, std::string> first_secrets = Secrets();
  const CommandRun again = InitTokens(30);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("tokens already exist"), std::string::npos) << again.output;
  EXPECT_EQ(Secrets(), first_secrets);

  // One token expires in three days, one was written when bootstrap tokens
  // never expired: both, and only both, get new secrets.
  std::string soon_hash;
  std::string never_hash;
  for (auto& record : records) {
    if (record.value("name", "") == "Ban Thanh tra nhân dân") {
      record["expires_at"] = now + 3 * kDay;
      soon_hash = record.value("token_sha256", "");
    } else if (record.value("name", "") == "Cán bộ LĐTBXH phường") {
      record["expires_at"] = 0;
      never_hash = record.value("token_sha256", "");
    }
  }
  ASSERT_FALSE(soon_hash.empty()) << document.dump();
  ASSERT_FALSE(never_hash.empty()) << document.dump();
  WriteTokensFile(document);

  const CommandRun renewed = InitTokens(30);
  ASSERT_EQ(renewed.exit_code, 0) << renewed.output;
  EXPECT_NE(renewed.output.find("renewed 2 tokens"), std::string::npos) << renewed.output;
  const std::map<std::string, std::string> renewed_secrets = Secrets();
  for (const auto& [file, secret] : first_secrets) {
    const bool due = file == "auditor" || file == "ward_officer";
    EXPECT_EQ(renewed_secrets.at(file) != secret, due) << file;
  }
  nlohmann::json after = TokensFile();
  nlohmann::json& renewed_records = after["tokens"];
  ASSERT_EQ(renewed_records.size(), 5u) << after.dump();
  for (const auto& record : renewed_records) {
    EXPECT_NE(record.value("token_sha256", ""), soon_hash);
    EXPECT_NE(record.value("token_sha256", ""), never_hash);
    EXPECT_GE(record.value("expires_at", int64_t{0}), now + 25 * kDay) << record.dump();
  }
}

TEST_F(BootstrapTokensTest, ALifetimeOutsideOneTo366DaysIsRefused) {
  for (int days : {0, 367}) {
    const CommandRun run = InitTokens(days);
    EXPECT_NE(run.exit_code, 0) << days;
    EXPECT_NE(run.output.find("ttl-days"), std::string::npos) << run.output;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "tokens.json")) << days;
  }
}

}  // namespace
}  // namespace ansinh
