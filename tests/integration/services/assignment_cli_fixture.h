#pragma once

// Shared by the assignment_cli_*_test.cc integration tests: the `ansinh` CLI
// run as a user would, against the real assignment binary of
// AssignmentServiceTest, with the token of the caller's choice.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "assignment_test_fixture.h"

namespace ansinh::assignment::testkit {

inline const std::string kAnsinhCli = std::string(ANSINH_BIN_DIR) + "/ansinh";

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class AssignmentCliTest : public AssignmentServiceTest {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kAnsinhCli)) GTEST_SKIP() << "the ansinh CLI is not built: " << kAnsinhCli;
    AssignmentServiceTest::SetUp();
  }

  // Runs `ansinh <arguments>` with `token` (the Women's Union's staff by default).
  CliRun Ansinh(const std::string& arguments, const std::string& token = "") {
    setenv("ANSINH_ASSIGNMENT_ADDRESS", service_->address().c_str(), 1);
    setenv("ANSINH_TOKEN", (token.empty() ? tokens_.womens_union_staff : token).c_str(), 1);
    unsetenv("ANSINH_TOKEN_FILE");
    const std::string err_file = dir_.path() + "/cli-stderr.txt";
    CliRun run;
    FILE* pipe = popen((kAnsinhCli + " " + arguments + " 2>" + err_file).c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_file);
    run.err.assign(std::istreambuf_iterator<char>(in), {});
    return run;
  }
};

}  // namespace ansinh::assignment::testkit
