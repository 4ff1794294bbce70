#include "console_process.h"

#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "ward_stack.h"

namespace ansinh::testkit {

ConsoleProcess::ConsoleProcess(WardStack& stack, std::vector<std::string> extra_args)
    : stack_(stack), extra_args_(std::move(extra_args)) {}

void ConsoleProcess::Start() {
  const std::string token_file = stack_.dir() + "/console-service.token";
  std::ofstream(token_file) << stack_.tokens().service << "\n";
  ::chmod(token_file.c_str(), 0600);
  const std::string ports_file = stack_.dir() + "/console.ports";
  std::filesystem::remove(ports_file);
  std::vector<std::string> argv{std::string(ANSINH_BIN_DIR) + "/ansinh-console",
                                "--listen",
                                "127.0.0.1:0",
                                "--ports-file",
                                ports_file,
                                "--metrics-any-port",
                                "--service-token-file",
                                token_file,
                                "--registry",
                                stack_.service("registry").address(),
                                "--classification",
                                stack_.service("classification").address(),
                                "--assignment",
                                stack_.service("assignment").address(),
                                "--monitoring",
                                stack_.service("monitoring").address()};
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  process_.Start(argv, stack_.dir() + "/console.log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    // The console renames the file into place whole: once it opens, it parses.
    if (std::ifstream in(ports_file); in) {
      const nlohmann::json ports = nlohmann::json::parse(in);
      port_ = ports.at("http").get<int>();
      metrics_port_ = ports.value("metrics", 0);
      return;
    }
    if (!process_.running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("ansinh-console did not report its ports; log:\n" + process_.ReadLog());
}

std::optional<int> ConsoleProcess::Terminate() { return process_.Stop(SIGTERM, std::chrono::seconds(15)); }

}  // namespace ansinh::testkit
