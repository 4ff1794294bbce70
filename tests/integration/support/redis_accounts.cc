#include "redis_accounts.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ansinh::testkit {
namespace {

// A secret file as deployments keep them: the owner's only (services refuse
// one others can read).
void WriteSecretFile(const std::string& path, const std::string& secret) {
  std::ofstream(path) << secret << "\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
}

}  // namespace

const std::vector<std::string>& ServiceRedisUsers() {
  static const std::vector<std::string> users{"registry", "classification", "assignment", "monitoring"};
  return users;
}

std::vector<std::string> ServiceAclRules(const std::string& service) {
  const std::string path = std::string(ANSINH_SOURCE_DIR) + "/deploy/local/redis-acl/" + service + ".rules";
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> rules;
  for (std::string line; std::getline(file, line);) {
    std::istringstream words(line.substr(0, line.find('#')));
    for (std::string word; words >> word;) rules.push_back(word);
  }
  if (rules.empty()) throw std::runtime_error(path + " holds no rules");
  return rules;
}

RedisAccounts::RedisAccounts(std::string dir, std::string admin_password)
    : dir_(std::move(dir)),
      admin_password_(std::move(admin_password)),
      admin_password_file_(dir_ + "/redis-password") {
  std::filesystem::create_directories(dir_);
  WriteSecretFile(admin_password_file_, admin_password_);
  for (const std::string& service : ServiceRedisUsers()) {
    service_passwords_[service] = "test-" + service + "-redis-password";
    WriteSecretFile(service_password_file(service), service_passwords_[service]);
  }
}

const std::string& RedisAccounts::service_password(const std::string& service) const {
  return service_passwords_.at(service);
}

std::string RedisAccounts::service_password_file(const std::string& service) const {
  return dir_ + "/" + service + "-redis-password";
}

std::vector<std::string> RedisAccounts::ServerArguments() const {
  std::vector<std::string> arguments{"--requirepass", admin_password_};
  // The users as run.sh defines them (`user <service> reset on ... <rules>`).
  for (const std::string& service : ServiceRedisUsers()) {
    arguments.insert(arguments.end(), {"--user", service, "reset", "on", ">" + service_password(service)});
    const std::vector<std::string> rules = ServiceAclRules(service);
    arguments.insert(arguments.end(), rules.begin(), rules.end());
  }
  return arguments;
}

}  // namespace ansinh::testkit
