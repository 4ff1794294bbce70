#include "console_child.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace ansinh::browser {
namespace {

// The ports file once the console has written it whole; nullopt while not.
std::optional<int> ReadHttpPort(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json ports = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!ports.is_object() || !ports.contains("http") || !ports["http"].is_number_integer())
    return std::nullopt;
  return ports["http"].get<int>();
}

}  // namespace

ConsoleChild::ConsoleChild(std::string binary, std::vector<std::string> extra_flags)
    : binary_(binary.empty() ? std::string(ANSINH_BIN_DIR) + "/ansinh-console" : std::move(binary)),
      extra_flags_(std::move(extra_flags)) {}

void ConsoleChild::Start(testkit::WardStack& stack) {
  const std::string dir = stack.dir();
  const std::string token_file = dir + "/console-service.token";
  std::ofstream(token_file) << stack.tokens().service << "\n";
  // The console refuses a secret others can read.
  std::filesystem::permissions(token_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const std::string ports_file = dir + "/console.ports.json";
  std::vector<std::string> argv{binary_,
                                "--listen",
                                "127.0.0.1:0",
                                "--ports-file",
                                ports_file,
                                "--registry",
                                stack.service("registry").address(),
                                "--classification",
                                stack.service("classification").address(),
                                "--assignment",
                                stack.service("assignment").address(),
                                "--monitoring",
                                stack.service("monitoring").address(),
                                "--service-token-file",
                                token_file};
  argv.insert(argv.end(), extra_flags_.begin(), extra_flags_.end());
  process_.Start(argv, dir + "/console.log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::optional<int> port = ReadHttpPort(ports_file);
        port && testkit::WaitForPort(*port, std::chrono::seconds(5))) {
      port_ = *port;
      return;
    }
    if (!process_.running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("ansinh-console did not start (" + binary_ + "); its log:\n" + process_.ReadLog());
}

void ConsoleChild::Stop() {
  if (process_.pid() > 0 && process_.running() && !process_.Stop(SIGTERM, std::chrono::seconds(10))) {
    process_.Kill();
  }
}

bool ConsoleChild::tls() const {
  return std::find(extra_flags_.begin(), extra_flags_.end(), "--tls-cert-file") != extra_flags_.end();
}

std::string ConsoleChild::url() const {
  return std::string(tls() ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

}  // namespace ansinh::browser
