#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "redis/redis_connection.h"

namespace ansinh::config {

// Options every service shares. Each is a flag and an ANSINH_* environment
// variable (the flag wins); defaults are those of `make run` (README).
struct ServiceConfig {
  std::string service;  // "registry", ...
  std::string listen;   // host:port for gRPC
  std::string redis_host = "127.0.0.1";
  int redis_port = 6390;
  std::string redis_password_file = "var/redis/password";
  std::string tokens_file = "var/tokens.json";
  std::string log_format = "text";
  std::string log_level = "info";
  std::string consumer_name;  // default: <service>-<hostname>
  int partitions = 1;
  int workers = 8;
  int max_deliveries = 5;
  int claim_idle_ms = 30000;

  // Reads the password file (if any) and builds the Redis options.
  redis::RedisOptions RedisOptionsFor(const std::string& client_name) const;
};

// Default listen addresses (README, "Defaults").
std::string DefaultListen(const std::string& service);

// Adds the shared options to `app`; service-specific ones are added by the
// caller before parsing.
void AddServiceOptions(CLI::App& app, ServiceConfig& config);

// Fills in defaults that depend on other values (consumer name).
void FinishServiceConfig(ServiceConfig& config);

}  // namespace ansinh::config
