#include "console/console_config.h"

#include <unistd.h>

#include <charconv>
#include <fstream>

#include "config/secret_files.h"
#include "config/service_config.h"

namespace ansinh::console {

void AddConsoleOptions(CLI::App& app, ConsoleConfig& config, const std::string& default_web_dir,
                       const std::string& default_locales_dir) {
  config.web_dir = default_web_dir;
  config.locales_dir = default_locales_dir;
  app.add_option("--listen", config.listen, "HTTP listen address host:port (port 0: one the system picks)")
      ->envname("ANSINH_CONSOLE_LISTEN")
      ->capture_default_str();
  app.add_option("--ports-file", config.ports_file,
                 "Written once listening: {\"http\": <port>, \"metrics\": <port>}")
      ->envname("ANSINH_CONSOLE_PORTS_FILE");
  app.add_option("--registry", config.backends.registry, "The registry's gRPC address")
      ->envname("ANSINH_REGISTRY_ADDRESS")
      ->capture_default_str();
  app.add_option("--classification", config.backends.classification,
                 "The classification service's gRPC address")
      ->envname("ANSINH_CLASSIFICATION_ADDRESS")
      ->capture_default_str();
  app.add_option("--assignment", config.backends.assignment, "The assignment service's gRPC address")
      ->envname("ANSINH_ASSIGNMENT_ADDRESS")
      ->capture_default_str();
  app.add_option("--monitoring", config.backends.monitoring, "The monitoring service's gRPC address")
      ->envname("ANSINH_MONITORING_ADDRESS")
      ->capture_default_str();
  app.add_option("--service-token-file", config.service_token_file,
                 "The console's own ROLE_SERVICE token (first line), used only to call Accounts.SignIn")
      ->envname("ANSINH_CONSOLE_SERVICE_TOKEN_FILE")
      ->capture_default_str();
  app.add_option("--web-dir", config.web_dir, "The web app's files (index.html, app.js, ...)")
      ->envname("ANSINH_CONSOLE_WEB_DIR")
      ->capture_default_str();
  app.add_option("--locales-dir", config.locales_dir,
                 "The message catalogs vi.json and en.json, served at /locales/ and used for errors")
      ->envname("ANSINH_CONSOLE_LOCALES_DIR")
      ->capture_default_str();
  app.add_option("--tls-cert-file", config.tls_cert_file, "HTTPS certificate chain (PEM); cookies get Secure")
      ->envname("ANSINH_CONSOLE_TLS_CERT_FILE");
  app.add_option("--tls-key-file", config.tls_key_file, "HTTPS private key (PEM)")
      ->envname("ANSINH_CONSOLE_TLS_KEY_FILE");
  app.add_option("--backend-tls-ca-file", config.backend_tls_ca_file,
                 "The CA of the services' certificates (TLS toward them)")
      ->envname("ANSINH_CONSOLE_BACKEND_TLS_CA_FILE");
  app.add_option("--backend-tls-cert-file", config.backend_tls_cert_file,
                 "Client certificate for services that require one")
      ->envname("ANSINH_CONSOLE_BACKEND_TLS_CERT_FILE");
  app.add_option("--backend-tls-key-file", config.backend_tls_key_file, "Key of --backend-tls-cert-file")
      ->envname("ANSINH_CONSOLE_BACKEND_TLS_KEY_FILE");
  app.add_option("--metrics-port", config.metrics_port, "Prometheus /metrics port (0: none)")
      ->envname("ANSINH_CONSOLE_METRICS_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_flag("--metrics-any-port", config.metrics_any_port,
               "Serve /metrics on a port the system picks (reported in --ports-file)")
      ->envname("ANSINH_CONSOLE_METRICS_ANY_PORT");
  app.add_option("--metrics-address", config.metrics_address, "Address of the /metrics endpoint")
      ->envname("ANSINH_CONSOLE_METRICS_ADDRESS")
      ->capture_default_str();
  app.add_option("--http-threads", config.http_threads,
                 "Threads serving HTTP; each open connection holds one while served or kept alive")
      ->envname("ANSINH_CONSOLE_HTTP_THREADS")
      ->check(CLI::Range(2, 1024))
      ->capture_default_str();
  app.add_option("--idle-timeout", config.idle_timeout_seconds,
                 "Seconds an idle keep-alive connection is kept open")
      ->envname("ANSINH_CONSOLE_IDLE_TIMEOUT")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  app.add_option("--max-sessions", config.max_sessions,
                 "Sessions alive at once; sign-ins past it are refused")
      ->envname("ANSINH_CONSOLE_MAX_SESSIONS")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--call-deadline-ms", config.call_deadline_ms, "Deadline of each call to a service")
      ->envname("ANSINH_CONSOLE_CALL_DEADLINE_MS")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  config::AddLoggingOptions(app, config.log_format, config.log_level);
  app.add_flag("--allow-shared-secret-files", config.allow_shared_secret_files,
               "Accept a service token file others can read (Docker Compose secrets)")
      ->envname("ANSINH_ALLOW_SHARED_SECRET_FILES");
}

bool SplitListen(const std::string& listen, std::string& host, int& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  const auto [end, error] = std::from_chars(first, last, port);
  return error == std::errc() && end == last && port >= 0 && port <= 65535 && !host.empty();
}

std::vector<std::string> ConsoleConfigProblems(const ConsoleConfig& config) {
  std::vector<std::string> problems;
  std::string host;
  int port = 0;
  if (!SplitListen(config.listen, host, port)) {
    problems.push_back("--listen " + config.listen + " is not host:port");
  }
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    problems.push_back("--tls-cert-file and --tls-key-file come together: give both for HTTPS, or neither");
  }
  std::ifstream token(config.service_token_file);
  std::string line;
  if (!token || !std::getline(token, line) || line.empty()) {
    problems.push_back("--service-token-file " + config.service_token_file +
                       " cannot be read or is empty: the console signs people in with that ROLE_SERVICE "
                       "token (`ansinh admin init-tokens` writes var/tokens/service.token)");
  } else if (!config.allow_shared_secret_files) {
    if (const auto mode = config::ModeOf(config.service_token_file)) {
      if (auto problem = config::SecretFileModeProblem("--service-token-file", config.service_token_file,
                                                       *mode, getgid())) {
        problems.push_back(*problem);
      }
    }
  }
  return problems;
}

}  // namespace ansinh::console
