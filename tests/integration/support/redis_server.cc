#include "redis_server.h"

#include "redis/redis_error.h"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace ansinh::testkit {

RedisServer::RedisServer(const std::string& dir)
    : dir_(dir), port_(FreePort()), accounts_(dir, "test-redis-password") {}

redis::RedisOptions RedisServer::ServiceOptions(const std::string& service,
                                                const std::string& client_name) const {
  redis::RedisOptions options = Options(client_name);
  options.user = service;
  options.password = accounts_.service_password(service);
  return options;
}

RedisServer::~RedisServer() { process_.Kill(); }

redis::RedisOptions RedisServer::Options(const std::string& client_name) const {
  redis::RedisOptions options;
  options.port = port_;
  options.password = accounts_.admin_password();
  options.client_name = client_name;
  return options;
}

std::vector<std::string> AclDenialsOf(redis::Connection& admin) {
  std::vector<std::string> denials;
  try {
    // ACL LOG: per entry a flat map (count, reason, context, object, username, ...).
    for (const redis::Reply& entry : admin.Command({"ACL", "LOG", "100"}).elements) {
      std::string line;
      for (size_t i = 0; i + 1 < entry.elements.size(); i += 2) {
        const std::string& field = entry.elements[i].str;
        if (field == "username" || field == "reason" || field == "context" || field == "object") {
          line += (line.empty() ? "" : " ") + field + "=" + entry.elements[i + 1].str;
        }
      }
      denials.push_back(line);
    }
  } catch (const redis::RedisError&) {
    // Stopped, killed or paused by the test: nothing to ask.
  }
  return denials;
}

std::vector<std::string> RedisServer::AclDenials() const {
  redis::RedisOptions options = Options("acl-log");
  options.connect_timeout = std::chrono::milliseconds(300);
  options.command_timeout = std::chrono::milliseconds(1000);
  redis::Connection admin(options);
  return AclDenialsOf(admin);
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

void RedisServer::RestartLoadingSlowly(std::chrono::microseconds per_key) {
  Launch({"--key-load-delay", std::to_string(per_key.count())});
  redis::RedisOptions options = Options("probe");
  options.connect_timeout = std::chrono::milliseconds(200);
  redis::Connection probe(options);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      probe.Command({"PING"});
      throw std::runtime_error("redis-server finished loading before the test saw it loading");
    } catch (const redis::ServerNotReadyError&) {
      return;  // LOADING
    } catch (const redis::ConnectionError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // not listening yet
    }
  }
  throw std::runtime_error("redis-server did not answer after a restart");
}

void RedisServer::Launch(const std::vector<std::string>& extra_arguments) {
  std::vector<std::string> argv{"/usr/bin/redis-server",
                                "--port",
                                std::to_string(port_),
                                "--bind",
                                "127.0.0.1",
                                "--dir",
                                dir_,
                                "--appendonly",
                                "yes",
                                "--appendfsync",
                                "always",
                                "--save",
                                "",
                                "--maxmemory-policy",
                                "noeviction",
                                "--daemonize",
                                "no"};
  const std::vector<std::string> accounts = accounts_.ServerArguments();
  argv.insert(argv.end(), accounts.begin(), accounts.end());
  argv.insert(argv.end(), extra_arguments.begin(), extra_arguments.end());
  process_.Start(argv, dir_ + "/redis.log");
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
