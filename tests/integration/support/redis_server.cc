#include "redis_server.h"

#include <signal.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace ansinh::testkit {

RedisServer::RedisServer(const std::string& dir) : dir_(dir), port_(FreePort()) {
  password_file_ = dir_ + "/redis-password";
  std::ofstream(password_file_) << password_ << "\n";
}

RedisServer::~RedisServer() { process_.Kill(); }

redis::RedisOptions RedisServer::Options(const std::string& client_name) const {
  redis::RedisOptions options;
  options.port = port_;
  options.password = password_;
  options.client_name = client_name;
  return options;
}

void RedisServer::Start() {
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    Launch();
    if (WaitUntilReady()) break;
    const std::string log = process_.ReadLog();
    const bool port_taken = log.find("Address already in use") != std::string::npos;
    // A restart keeps its port: clients know that address.
    if (!port_taken || started_before_ || attempt == kAttempts) {
      throw std::runtime_error("redis-server did not start: " + log);
    }
    port_ = FreePort();
  }
  started_before_ = true;
}

void RedisServer::Launch() {
  process_.Start({"/usr/bin/redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1", "--dir",
                  dir_, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--requirepass",
                  password_, "--maxmemory-policy", "noeviction", "--daemonize", "no"},
                 dir_ + "/redis.log");
}

bool RedisServer::WaitUntilReady() {
  redis::Connection probe(Options("probe"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    // LOADING (AOF replay after a restart) answers PING with an error.
    if (probe.Ping()) return true;
    if (!process_.running()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void RedisServer::Stop() { process_.Stop(SIGTERM, std::chrono::seconds(10)); }

void RedisServer::Kill() {
  // A paused server would not die before SIGCONT; SIGKILL works either way.
  process_.Kill();
}

void RedisServer::Pause() { process_.Signal(SIGSTOP); }

void RedisServer::Resume() { process_.Signal(SIGCONT); }

}  // namespace ansinh::testkit
