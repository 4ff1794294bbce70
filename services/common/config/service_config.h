#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "redis/redis_connection.h"

namespace ansinh::config {

// Options every service shares. Each is a flag and an ANSINH_* environment
// variable (the flag wins); defaults are those of `make run` (README).
struct ServiceConfig {
  std::string service;  // "registry", ...
  std::string listen;   // host:port for gRPC; port 0: one the system picks (see ports_file)
  std::string redis_host = "127.0.0.1";
  int redis_port = 6390;
  std::string redis_password_file = "var/redis/password";
  // Empty: AUTH with the password alone (Redis's default user).
  std::string redis_user;
  std::string tokens_file = "var/tokens.json";
  std::string log_format = "text";
  std::string log_level = "info";
  std::string consumer_name;  // default: <service>-<hostname>
  int partitions = 1;
  int workers = 8;
  int max_deliveries = 5;
  int claim_idle_ms = 30000;
  // Prometheus /metrics on metrics_address:metrics_port; port 0: no endpoint.
  // Loopback by default: the figures name methods and streams, nothing for
  // the whole network.
  int metrics_port = 0;
  // Serve /metrics on a port the system picks (reported in the ports file):
  // tests and several instances on one host, which cannot agree on ports.
  bool metrics_any_port = false;
  std::string metrics_address = "127.0.0.1";
  // Written once the service listens: the gRPC and metrics ports it bound,
  // as JSON ({"grpc": 40123, "metrics": 40124}). With --listen host:0 it is
  // how a supervisor or a test learns the port without racing for one.
  std::string ports_file;
  // TLS for gRPC: none of them given means plaintext (loopback, `make run`).
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;  // given: client certificates are required and verified
  int max_request_bytes = 4 * 1024 * 1024;
  // Accept secret files others can read and a tokens file others can write
  // (ConfigProblems refuses them otherwise): for Docker Compose, which
  // bind-mounts its secrets as they are on the host, readable by every
  // container's user; their host directory must be the owner's alone.
  bool allow_shared_secret_files = false;
  // The key-encryption keys that wrap the households' data keys
  // (docs/data-protection.md, "Keys"). Given: the registry seals household
  // records, surveys and their events, and every consumer opens the sealed
  // fields of the events it reads. Empty: personal fields in clear.
  std::string personal_data_keys_dir;
  // Published stream entries every consumer group has acknowledged are
  // trimmed once older than the retention, checked every interval (0: never
  // trim). A day gives a consumer that was down, or deployed late, a day to
  // start before it misses events.
  int stream_retention_seconds = 86400;
  // How long a Redis command may take before the connection counts as
  // broken (UNAVAILABLE). Short, to notice a dead Redis quickly; a province
  // raises it, because its province-wide steps (posting, approval, and
  // monitoring's reading of them) are single transactions that keep Redis
  // busy for seconds.
  int redis_command_timeout_ms = 2000;
  int stream_trim_interval_seconds = 10;
  // Redis Cluster (docs/operations.md, "Redis Cluster"): --redis-host/port
  // name a seed node. After a write, WAIT for this many replicas (0: off) at
  // most this long; fewer fails the call with UNAVAILABLE.
  bool redis_cluster = false;
  int redis_wait_replicas = 1;
  int redis_wait_timeout_ms = 1000;
  // Not a flag: a service whose every transaction stays in one hash slot
  // sets it in its main.cc, so that even a single node refuses a MULTI (or
  // its WATCH) that spans slots (RedisOptions::check_single_slot).
  bool redis_check_single_slot = false;

  // Reads the password file (if any) and builds the Redis options.
  redis::RedisOptions RedisOptionsFor(const std::string& client_name) const;
};

// Why the configuration cannot start a service, one sentence per problem
// (empty: it can). Checks what flags alone cannot: TLS certificate and key
// come together and are readable matching PEM, a Redis user has a password
// file, a password file that exists is readable, the Redis password and TLS
// key files are not readable by others and the tokens file is not writable by
// others (config/secret_files.h). Never quotes a secret.
std::vector<std::string> ConfigProblems(const ServiceConfig& config);

// True for a listen address only this machine can reach (127.x.x.x,
// localhost, [::1]): the one place plaintext gRPC is acceptable.
bool IsLoopbackListen(const std::string& listen);

// One line for the start-up log: addresses, TLS mode, the Redis user and
// which files the secrets come from, never the secrets themselves.
std::string DescribeForLog(const ServiceConfig& config);

// Default listen addresses (README, "Defaults").
std::string DefaultListen(const std::string& service);

// --log-format and --log-level (ANSINH_LOG_FORMAT, ANSINH_LOG_LEVEL), shared by
// the services and the console.
void AddLoggingOptions(CLI::App& app, std::string& log_format, std::string& log_level);

// Adds the shared options to `app`; service-specific ones are added by the
// caller before parsing.
void AddServiceOptions(CLI::App& app, ServiceConfig& config);

// Fills in defaults that depend on other values (consumer name).
void FinishServiceConfig(ServiceConfig& config);

}  // namespace ansinh::config
