#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "console/backends.h"

namespace ansinh::console {

// The console's flags, each with an ANSINH_CONSOLE_* variable (the flag
// wins); docs/console.md lists them.
struct ConsoleConfig {
  std::string listen = "127.0.0.1:8080";
  std::string ports_file;
  BackendAddresses backends;
  std::string service_token_file = "var/tokens/service.token";
  std::string web_dir;
  std::string locales_dir;
  std::string tls_cert_file;
  std::string tls_key_file;
  // TLS toward the services: their CA and, for mutual TLS, a client pair.
  std::string backend_tls_ca_file;
  std::string backend_tls_cert_file;
  std::string backend_tls_key_file;
  int metrics_port = 0;
  bool metrics_any_port = false;
  std::string metrics_address = "127.0.0.1";
  int http_threads = 64;
  int idle_timeout_seconds = 5;
  int max_sessions = 10000;
  int call_deadline_ms = 10000;
  std::string log_format = "text";
  std::string log_level = "info";
  bool allow_shared_secret_files = false;
};

// `web_dir` and `locales_dir` default to the source tree's
// services/console/web and locales/ (compiled in).
void AddConsoleOptions(CLI::App& app, ConsoleConfig& config, const std::string& default_web_dir,
                       const std::string& default_locales_dir);

// Why the configuration cannot start the console, one sentence per problem:
// a listen address that is not host:port, a TLS certificate without its key,
// a service token file that is missing, empty or readable by others.
std::vector<std::string> ConsoleConfigProblems(const ConsoleConfig& config);

// "127.0.0.1:8080" -> {"127.0.0.1", 8080}; "[::1]:0" -> {"::1", 0}; false
// when it is not host:port.
bool SplitListen(const std::string& listen, std::string& host, int& port);

}  // namespace ansinh::console
