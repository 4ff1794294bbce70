#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "child_process.h"
#include "redis/redis_connection.h"
#include "redis_accounts.h"

namespace ansinh::testkit {

// What the Redis behind `admin` refused a user because of the ACL (ACL
// LOG), one line each; empty when it cannot be asked.
std::vector<std::string> AclDenialsOf(redis::Connection& admin);

// A real redis-server for one test: free port, its own directory, AOF with
// appendfsync always and a password, as in production (deploy/local), and one
// ACL user per service with the rules of deploy/local/redis-acl/ (each with
// its own password file, mode 0600). ServiceProcess connects a service as its
// own user, so every test runs the services with production's permissions.
// redis-server cannot bind port 0 and report the port, so a first start that
// loses its port to another process between the pick and the bind picks
// another one and tries again.
class RedisServer : public RedisBackend {
 public:
  explicit RedisServer(const std::string& dir);
  ~RedisServer();

  void Start();
  // SIGTERM: a clean shutdown.
  void Stop();
  // SIGKILL: a crash; acknowledged writes must survive through the AOF.
  void Kill();
  // Starts it again after Stop() or Kill(), on the same directory and port,
  // so it replays its AOF and clients reconnect to the address they know.
  void Restart() { Start(); }
  // Starts it again after Kill() with the AOF replayed slowly (Redis's
  // key-load-delay, `per_key` for each key) and returns as soon as it
  // answers, still LOADING: what clients meet while a large dataset is
  // loaded after a restart.
  void RestartLoadingSlowly(std::chrono::microseconds per_key);
  // SIGSTOP / SIGCONT: the server keeps its connections but answers nothing,
  // like a host that stopped responding.
  void Pause();
  void Resume();

  int port() const override { return port_; }
  bool cluster() const override { return false; }
  const RedisAccounts& accounts() const override { return accounts_; }
  const std::string& password() const { return accounts_.admin_password(); }
  const std::string& password_file() const { return accounts_.admin_password_file(); }
  redis::RedisOptions Options(const std::string& client_name = "ansinh-test") const;
  // The password of `service`'s ACL user and the file (0600) that holds it.
  const std::string& service_password(const std::string& service) const {
    return accounts_.service_password(service);
  }
  std::string service_password_file(const std::string& service) const {
    return accounts_.service_password_file(service);
  }
  // What Redis refused a user because of the ACL (ACL LOG), one line each:
  // a service lacking a permission it uses. Empty when Redis cannot be asked.
  std::vector<std::string> AclDenials() const;
  // Options connecting as `service`'s ACL user.
  redis::RedisOptions ServiceOptions(const std::string& service,
                                     const std::string& client_name = "ansinh-test") const;

 private:
  // True once the server answers PING; false if the process exits first.
  bool WaitUntilReady();
  void Launch(const std::vector<std::string>& extra_arguments = {});

  std::string dir_;
  int port_;
  bool started_before_ = false;
  RedisAccounts accounts_;
  ChildProcess process_;
};

}  // namespace ansinh::testkit
