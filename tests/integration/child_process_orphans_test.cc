// ansinh-bench never leaves a Redis or a service behind: a program that
// calls KillChildrenWhenThisProcessDies (child_process_probe, launching as
// the bench does) is killed or aborts, and every process it started is gone,
// checked by pid (and start time, so a reused pid is not mistaken for it).
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "child_process.h"

namespace ansinh::testkit {
namespace {

struct ProcessIdentity {
  pid_t pid = 0;
  std::string name;
  unsigned long long start_time = 0;
};

struct ProcessStat {
  std::string name;
  char state = '?';
  pid_t parent = 0;
  unsigned long long start_time = 0;
};

// /proc/<pid>/stat: "pid (comm) state ppid ... starttime" (field 22); the
// name may hold spaces and parentheses, so fields count from the last ')'.
std::optional<ProcessStat> ReadStat(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  const size_t open = line.find('(');
  const size_t close = line.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return std::nullopt;
  ProcessStat stat;
  stat.name = line.substr(open + 1, close - open - 1);
  std::istringstream fields(line.substr(close + 2));
  fields >> stat.state >> stat.parent;
  std::string skipped;
  for (int field = 5; field < 22; ++field) fields >> skipped;
  fields >> stat.start_time;
  return stat;
}

std::vector<ProcessIdentity> ChildrenOf(pid_t parent) {
  std::vector<ProcessIdentity> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    const std::optional<ProcessStat> stat = ReadStat(pid);
    if (stat && stat->parent == parent) children.push_back({pid, stat->name, stat->start_time});
  }
  return children;
}

// Running: the same process (same start time), not a zombie awaiting its
// new parent's wait.
bool StillRunning(const ProcessIdentity& process) {
  const std::optional<ProcessStat> stat = ReadStat(process.pid);
  return stat && stat->start_time == process.start_time && stat->state != 'Z' && stat->state != 'X';
}

std::vector<ProcessIdentity> SurvivorsAfter(const std::vector<ProcessIdentity>& processes,
                                            std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::vector<ProcessIdentity> running;
    for (const ProcessIdentity& process : processes) {
      if (StillRunning(process)) running.push_back(process);
    }
    if (running.empty() || std::chrono::steady_clock::now() >= deadline) return running;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string Names(const std::vector<ProcessIdentity>& processes) {
  std::string names;
  for (const ProcessIdentity& process : processes) {
    names += " " + process.name + "(" + std::to_string(process.pid) + ")";
  }
  return names;
}

// How the probe ends.
enum class Ending { kSigkill, kSigterm, kSigint, kUncaughtException };

class ChildProcessOrphansTest : public ::testing::TestWithParam<Ending> {
 protected:
  // Starts the probe and returns the processes it started (a Redis and a
  // registry service) once they serve.
  std::vector<ProcessIdentity> StartProbe(const std::vector<std::string>& flags) {
    std::vector<std::string> argv{std::string(ANSINH_BIN_DIR) + "/child_process_probe", dir_.path()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    probe_.Start(argv, dir_.path() + "/probe.log");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (probe_.ReadLog().find("ready") == std::string::npos) {
      if (!probe_.running() || std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "the probe did not start its children:\n" << probe_.ReadLog();
        return {};
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return ChildrenOf(probe_.pid());
  }

  TempDir dir_;
  ChildProcess probe_;
};

TEST_P(ChildProcessOrphansTest, NothingTheProbeStartedOutlivesIt) {
  const bool throws = GetParam() == Ending::kUncaughtException;
  const std::vector<ProcessIdentity> children =
      StartProbe(throws ? std::vector<std::string>{"--throw-after-start"} : std::vector<std::string>{});
  ASSERT_EQ(children.size(), 2u) << "a Redis and a registry service:" << Names(children);

  switch (GetParam()) {
    case Ending::kSigkill:
      ASSERT_TRUE(probe_.Stop(SIGKILL, std::chrono::seconds(10)));
      break;
    case Ending::kSigterm:
      ASSERT_TRUE(probe_.Stop(SIGTERM, std::chrono::seconds(10)));
      break;
    case Ending::kSigint:
      ASSERT_TRUE(probe_.Stop(SIGINT, std::chrono::seconds(10)));
      break;
    case Ending::kUncaughtException:
      std::ofstream(dir_.path() + "/abort").put('\n');
      ASSERT_TRUE(probe_.Wait(std::chrono::seconds(30))) << "the probe was to abort";
      break;
  }
  const std::vector<ProcessIdentity> survivors = SurvivorsAfter(children, std::chrono::seconds(10));
  for (const ProcessIdentity& survivor : survivors) kill(survivor.pid, SIGKILL);
  EXPECT_TRUE(survivors.empty()) << "still running after the probe ended:" << Names(survivors);
}

INSTANTIATE_TEST_SUITE_P(Endings, ChildProcessOrphansTest,
                         ::testing::Values(Ending::kSigkill, Ending::kSigterm, Ending::kSigint,
                                           Ending::kUncaughtException));

// The check itself can fail: without the parent-death signal, the same
// probe killed the same way leaves both behind (which this test then kills).
TEST(ChildProcessOrphansControlTest, WithoutTheParentDeathSignalTheChildrenSurvive) {
  TempDir dir;
  ChildProcess probe;
  probe.Start({std::string(ANSINH_BIN_DIR) + "/child_process_probe", dir.path(), "--keep-children-alive"},
              dir.path() + "/probe.log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (probe.ReadLog().find("ready") == std::string::npos && probe.running() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::vector<ProcessIdentity> children = ChildrenOf(probe.pid());
  ASSERT_EQ(children.size(), 2u) << probe.ReadLog();
  ASSERT_TRUE(probe.Stop(SIGKILL, std::chrono::seconds(10)));
  const std::vector<ProcessIdentity> survivors = SurvivorsAfter(children, std::chrono::seconds(1));
  for (const ProcessIdentity& survivor : survivors) kill(survivor.pid, SIGKILL);
  EXPECT_EQ(survivors.size(), 2u);
}

}  // namespace
}  // namespace ansinh::testkit
