#pragma once

#include <map>
#include <string>
#include <vector>

namespace ansinh::testkit {

// The services that get a Redis user of their own (deploy/local/redis-acl/).
const std::vector<std::string>& ServiceRedisUsers();
// The ACL rules of `service`'s Redis user as deploy/local/run.sh applies them:
// the words of deploy/local/redis-acl/<service>.rules, comments dropped.
std::vector<std::string> ServiceAclRules(const std::string& service);

// The accounts of a test's Redis, single node or cluster, as `make run` sets
// them up: the admin password (the default user) and one ACL user per service
// with the rules of deploy/local/redis-acl/, each password also in a file
// (mode 0600) under `dir`, which is what a service is given.
class RedisAccounts {
 public:
  RedisAccounts(std::string dir, std::string admin_password);

  const std::string& admin_password() const { return admin_password_; }
  const std::string& admin_password_file() const { return admin_password_file_; }
  const std::string& service_password(const std::string& service) const;
  std::string service_password_file(const std::string& service) const;
  // redis-server arguments that define them (--requirepass and one --user per
  // service), given at every start: ACL users are configuration, not data,
  // and the AOF does not keep them.
  std::vector<std::string> ServerArguments() const;

 private:
  std::string dir_;
  std::string admin_password_;
  std::string admin_password_file_;
  std::map<std::string, std::string> service_passwords_;
};

// What a service process needs of the test's Redis to connect to it: a
// RedisServer or a RedisCluster.
class RedisBackend {
 public:
  virtual ~RedisBackend() = default;
  // The port a service is given (a cluster's seed node).
  virtual int port() const = 0;
  // Whether services connect in cluster mode (--redis-cluster).
  virtual bool cluster() const = 0;
  virtual const RedisAccounts& accounts() const = 0;
};

}  // namespace ansinh::testkit
