// Where Redis is, for the commands that speak to it directly (`ansinh events`,
// `ansinh admin rotate-data-keys`); the defaults are those of `make run`.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "redis/redis_connection.h"

namespace ansinh::cli {

struct RedisArgs {
  std::string host = "127.0.0.1";
  int port = 6390;
  std::string password_file = "var/redis/password";

  // Like the services: a missing file means no AUTH. The password is never printed.
  redis::RedisOptions Options(const std::string& client_name) const;
};

// --redis-host, --redis-port, --redis-password-file (and their ANSINH_* variables).
void AddRedisOptions(CLI::App& command, RedisArgs& args);

}  // namespace ansinh::cli
