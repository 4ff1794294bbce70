// An import whose stream breaks: the registry killed (SIGKILL) in the middle
// of `ansinh import`. The CLI must say how many rows were acknowledged, which
// rows were sent without an answer (they landed all or none: one call is one
// registry batch, one transaction) and the line to resume from; resuming
// from that line completes the import with every household exactly once.
#include <gmock/gmock.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <thread>

#include "child_process.h"
#include "registry/client/household_import_client.h"
#include "registry_test_fixture.h"

namespace ansinh::registry::testkit {
namespace {

using ansinh::testkit::ChildProcess;
using ::testing::HasSubstr;

const std::string kAnsinhCli = std::string(ANSINH_BIN_DIR) + "/ansinh";
constexpr int kHouseholds = 8000;

class RegistryBrokenImportTest : public RegistryTest {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kAnsinhCli)) GTEST_SKIP() << "the ansinh CLI is not built: " << kAnsinhCli;
    RegistryTest::SetUp();
    setenv("ANSINH_REGISTRY_ADDRESS", registry_.address().c_str(), 1);
    setenv("ANSINH_TOKEN", tokens_.officer.c_str(), 1);
    unsetenv("ANSINH_TOKEN_FILE");
  }

  // Runs the CLI to its end; its exit code, output and errors in *log.
  int RunCli(const std::vector<std::string>& arguments, std::string* log) {
    const std::string log_path = dir_.path() + "/cli-" + std::to_string(++runs_) + ".log";
    ChildProcess cli;
    std::vector<std::string> argv{kAnsinhCli};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    cli.Start(argv, log_path);
    const std::optional<int> status = cli.Wait(std::chrono::seconds(240));
    *log = cli.ReadLog();
    return status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
  }

  int64_t Households() { return List("", v1::HOUSEHOLD_STATUS_UNSPECIFIED, 1).page().total_size(); }

  int runs_ = 0;
};

int64_t NumberAfter(const std::string& text, const std::string& pattern) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(pattern))) return -1;
  std::string digits = match[1].str();
  std::erase(digits, ',');  // "1,500": counts are grouped
  return std::stoll(digits);
}

TEST_F(RegistryBrokenImportTest, AKilledRegistryLeavesTheCliSayingWhatLandedAndWhereToResume) {
  const std::string file = dir_.path() + "/ward.jsonl";
  std::string log;
  ASSERT_EQ(RunCli({"demo", "export", file, "--households", std::to_string(kHouseholds)}, &log), 0) << log;

  const std::string import_log = dir_.path() + "/import.log";
  ChildProcess import;
  import.Start({kAnsinhCli, "import", file}, import_log);
  // Kill the registry once a few batches have landed, in the middle of the
  // file.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Households() < 1000 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  registry_.Kill();
  const std::optional<int> code = import.Wait(std::chrono::seconds(120));
  log = import.ReadLog();
  ASSERT_TRUE(code.has_value()) << log;
  EXPECT_TRUE(WIFEXITED(*code) && WEXITSTATUS(*code) == 1) << log;

  const int64_t acknowledged = NumberAfter(log, R"(Acknowledged before the failure: ([\d,]+) households)");
  const int64_t imported = NumberAfter(log, R"(households \(([\d,]+) imported)");
  const int64_t last_line = NumberAfter(log, R"(up to line (\d+)\.)");
  const int64_t unknown = NumberAfter(log, R"(Not acknowledged: ([\d,]+) households)");
  const int64_t resume = NumberAfter(log, R"(--resume-from-line (\d+))");
  // 1,000 had landed when the registry was killed; the answer to the call
  // that committed the last of them may not have reached the CLI.
  ASSERT_GE(acknowledged, 1000 - client::kRowsPerCall) << log;
  ASSERT_GT(acknowledged, 0) << log;
  ASSERT_LT(acknowledged, kHouseholds) << "the import finished before the registry was killed:\n" << log;
  EXPECT_EQ(imported, acknowledged) << log;   // every demo household is valid
  EXPECT_EQ(last_line, acknowledged) << log;  // one line per household, numbered from 1
  EXPECT_GT(unknown, 0) << log;
  EXPECT_LE(unknown, client::kRowsPerCall) << log;
  EXPECT_EQ(resume, last_line + 1) << log;
  EXPECT_THAT(log,
              HasSubstr("lines " + std::to_string(resume) + " to " + std::to_string(resume + unknown - 1)));

  // What landed is exactly what was acknowledged, plus the unacknowledged
  // call's rows all or none.
  registry_.Start();
  const int64_t landed = Households();
  EXPECT_TRUE(landed == imported || landed == imported + unknown)
      << landed << " landed; acknowledged " << imported << ", unknown " << unknown;

  // Resuming where the CLI said completes the ward, each household once.
  const int resumed = RunCli({"import", file, "--resume-from-line", std::to_string(resume)}, &log);
  EXPECT_EQ(NumberAfter(log, R"(Skipped ([\d,]+) households before line)"), resume - 1) << log;
  EXPECT_EQ(Households(), kHouseholds) << log;
  if (landed == imported) {
    EXPECT_EQ(resumed, 0) << log;
  } else {
    // The call that broke had landed: its households are refused again as
    // already registered, nothing twice.
    EXPECT_EQ(resumed, 1) << log;
    EXPECT_THAT(log, HasSubstr("already belongs to a member of active household"));
  }
}

}  // namespace
}  // namespace ansinh::registry::testkit
