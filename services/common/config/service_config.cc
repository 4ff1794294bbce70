#include "config/service_config.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include "config/secret_files.h"
#include "config/tls_material.h"

namespace ansinh::config {

std::string DefaultListen(const std::string& service) {
  static const std::map<std::string, std::string> kDefaults{
      {"registry", "127.0.0.1:50051"},
      {"classification", "127.0.0.1:50052"},
      {"assignment", "127.0.0.1:50053"},
      {"monitoring", "127.0.0.1:50054"},
  };
  auto found = kDefaults.find(service);
  return found == kDefaults.end() ? "127.0.0.1:0" : found->second;
}

void AddLoggingOptions(CLI::App& app, std::string& log_format, std::string& log_level) {
  app.add_option("--log-format", log_format, "text or json")
      ->envname("ANSINH_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->envname("ANSINH_LOG_LEVEL")
      ->capture_default_str();
}

void AddServiceOptions(CLI::App& app, ServiceConfig& config) {
  const std::string upper = [&] {
    std::string text = config.service;
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
  }();
  config.listen = DefaultListen(config.service);
  app.add_option("--listen", config.listen, "gRPC listen address host:port")
      ->envname("ANSINH_" + upper + "_LISTEN")
      ->capture_default_str();
  app.add_option("--redis-host", config.redis_host, "Redis host")
      ->envname("ANSINH_REDIS_HOST")
      ->capture_default_str();
  app.add_option("--redis-port", config.redis_port, "Redis port")
      ->envname("ANSINH_REDIS_PORT")
      ->capture_default_str();
  app.add_option("--redis-password-file", config.redis_password_file,
                 "File holding the Redis password (missing file: no AUTH)")
      ->envname("ANSINH_REDIS_PASSWORD_FILE")
      ->capture_default_str();
  app.add_flag("--allow-shared-secret-files", config.allow_shared_secret_files,
               "Accept a Redis password or TLS key file others can read and a tokens file others can "
               "write (Docker Compose's bind-mounted secrets; docs/security.md)")
      ->envname("ANSINH_ALLOW_SHARED_SECRET_FILES");
  app.add_option(
         "--personal-data-keys-dir", config.personal_data_keys_dir,
         "Directory of the key-encryption keys (*.kek, mode 0600) that wrap the households' data keys: "
         "personal fields are sealed at rest and in events, and opened where this service needs them "
         "(docs/data-protection.md); without it they are kept in clear")
      ->envname("ANSINH_PERSONAL_DATA_KEYS_DIR");
  app.add_option("--redis-user", config.redis_user,
                 "Redis ACL user (empty: the default user); its password is in --redis-password-file")
      ->envname("ANSINH_REDIS_USER");
  app.add_option("--tokens-file", config.tokens_file, "Hashed bearer tokens (JSON)")
      ->envname("ANSINH_TOKENS_FILE")
      ->capture_default_str();
  AddLoggingOptions(app, config.log_format, config.log_level);
  app.add_option("--consumer-name", config.consumer_name,
                 "Name in the consumer groups; stable across restarts (default <service>-<host>)")
      ->envname("ANSINH_CONSUMER_NAME");
  app.add_option("--partitions", config.partitions, "Event stream partitions")
      ->envname("ANSINH_PARTITIONS")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--workers", config.workers, "Threads doing Redis work for RPCs")
      ->envname("ANSINH_WORKERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--max-deliveries", config.max_deliveries,
                 "Deliveries before a failing event is dead-lettered")
      ->envname("ANSINH_MAX_DELIVERIES")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--claim-idle-ms", config.claim_idle_ms,
                 "Claim entries idle this long in a dead consumer's pending list")
      ->envname("ANSINH_CLAIM_IDLE_MS")
      ->check(CLI::Range(100, 86400000))
      ->capture_default_str();
  app.add_option("--metrics-port", config.metrics_port,
                 "Serve Prometheus metrics on http://<metrics-address>:<port>/metrics (0: off)")
      ->envname("ANSINH_METRICS_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app.add_flag("--metrics-any-port", config.metrics_any_port,
               "Serve Prometheus metrics on a free port the system picks (see --ports-file)")
      ->envname("ANSINH_METRICS_ANY_PORT");
  app.add_option("--ports-file", config.ports_file,
                 "Once listening, write the bound gRPC and metrics ports here as JSON "
                 "(for --listen host:0)")
      ->envname("ANSINH_PORTS_FILE");
  app.add_option("--metrics-address", config.metrics_address,
                 "Address the metrics endpoint binds (0.0.0.0: every interface)")
      ->envname("ANSINH_METRICS_ADDRESS")
      ->capture_default_str();
  app.add_option("--tls-cert-file", config.tls_cert_file,
                 "PEM certificate chain for gRPC over TLS (with --tls-key-file; none: plaintext)")
      ->envname("ANSINH_TLS_CERT_FILE");
  app.add_option("--tls-key-file", config.tls_key_file, "PEM private key of --tls-cert-file")
      ->envname("ANSINH_TLS_KEY_FILE");
  app.add_option("--tls-client-ca-file", config.tls_client_ca_file,
                 "PEM CA: clients must present a certificate it signed (mutual TLS)")
      ->envname("ANSINH_TLS_CLIENT_CA_FILE");
  app.add_option("--max-request-bytes", config.max_request_bytes,
                 "Largest request message accepted; larger ones fail with RESOURCE_EXHAUSTED")
      ->envname("ANSINH_MAX_REQUEST_BYTES")
      ->check(CLI::Range(1024, 1024 * 1024 * 1024))
      ->capture_default_str();
  app.add_option("--redis-command-timeout-ms", config.redis_command_timeout_ms,
                 "A Redis command taking longer fails the call with UNAVAILABLE and reconnects")
      ->envname("ANSINH_REDIS_COMMAND_TIMEOUT_MS")
      ->check(CLI::Range(100, 600000))
      ->capture_default_str();
  app.add_option("--stream-retention-seconds", config.stream_retention_seconds,
                 "Keep published stream entries at least this long, and until every consumer group "
                 "has acknowledged them")
      ->envname("ANSINH_STREAM_RETENTION_SECONDS")
      ->check(CLI::Range(0, 366 * 86400))
      ->capture_default_str();
  app.add_option("--stream-trim-interval-seconds", config.stream_trim_interval_seconds,
                 "How often consumed stream entries past the retention are trimmed (0: never)")
      ->envname("ANSINH_STREAM_TRIM_INTERVAL_SECONDS")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  app.add_flag("--redis-cluster", config.redis_cluster,
               "Redis is a Redis Cluster; --redis-host/--redis-port name one of its nodes")
      ->envname("ANSINH_REDIS_CLUSTER");
  app.add_option("--redis-wait-replicas", config.redis_wait_replicas,
                 "Cluster mode: a write is acknowledged once this many replicas took it (0: do not wait)")
      ->envname("ANSINH_REDIS_WAIT_REPLICAS")
      ->check(CLI::Range(0, 16))
      ->capture_default_str();
  app.add_option("--redis-wait-timeout-ms", config.redis_wait_timeout_ms,
                 "Cluster mode: how long a write waits for its replicas before failing with UNAVAILABLE")
      ->envname("ANSINH_REDIS_WAIT_TIMEOUT_MS")
      ->check(CLI::Range(1, 60000))
      ->capture_default_str();
}

void FinishServiceConfig(ServiceConfig& config) {
  if (config.consumer_name.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof(host) - 1);
    config.consumer_name = config.service + "-" + host;
  }
}

redis::RedisOptions ServiceConfig::RedisOptionsFor(const std::string& client_name) const {
  redis::RedisOptions options;
  options.host = redis_host;
  options.port = redis_port;
  options.client_name = client_name;
  options.user = redis_user;
  options.command_timeout = std::chrono::milliseconds(redis_command_timeout_ms);
  options.cluster = redis_cluster;
  options.check_single_slot = redis_check_single_slot;
  options.wait_replicas = redis_wait_replicas;
  options.wait_timeout = std::chrono::milliseconds(redis_wait_timeout_ms);
  if (!redis_password_file.empty()) {
    std::ifstream in(redis_password_file);
    if (in) {
      std::getline(in, options.password);
    }
  }
  return options;
}

std::vector<std::string> ConfigProblems(const ServiceConfig& config) {
  std::vector<std::string> problems;
  const TlsLoad tls = LoadServerTls(config.tls_cert_file, config.tls_key_file, config.tls_client_ca_file);
  if (!tls.ok()) problems.push_back(tls.error);

  // A missing password file means no AUTH (a Redis without a password); a
  // file that exists but cannot be read is a mistake worth stopping for.
  const std::string& password_file = config.redis_password_file;
  std::error_code ignored;
  const bool exists = !password_file.empty() && std::filesystem::exists(password_file, ignored);
  std::string first_line;
  if (exists) {
    std::ifstream in(password_file);
    if (!in) {
      problems.push_back("--redis-password-file: cannot read " + password_file);
    } else {
      std::getline(in, first_line);
    }
  }
  if (!config.redis_user.empty() && first_line.empty()) {
    problems.push_back("--redis-user " + config.redis_user +
                       " needs its password in --redis-password-file (" +
                       (password_file.empty() ? std::string("none given") : password_file) +
                       (exists ? " is empty)" : " does not exist)"));
  }
  if (!config.allow_shared_secret_files) {
    for (const auto& [flag, path] :
         {std::pair<std::string, std::string>{"--redis-password-file", password_file},
          {"--tls-key-file", config.tls_key_file}}) {
      const std::optional<FileMode> mode = path.empty() ? std::nullopt : ModeOf(path);
      if (!mode) continue;
      if (auto problem = SecretFileModeProblem(flag, path, *mode, ::getegid())) problems.push_back(*problem);
    }
    if (const std::optional<FileMode> mode = ModeOf(config.tokens_file)) {
      if (auto problem = TokensFileModeProblem("--tokens-file", config.tokens_file, *mode, ::getegid())) {
        problems.push_back(*problem);
      }
    }
  }
  if (config.metrics_any_port && config.metrics_port > 0) {
    problems.push_back("--metrics-any-port and --metrics-port " + std::to_string(config.metrics_port) +
                       " contradict each other: give one");
  }
  return problems;
}

bool IsLoopbackListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  const std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  return host.starts_with("127.") || host == "localhost" || host == "[::1]";
}

std::string DescribeForLog(const ServiceConfig& config) {
  std::string tls = "plaintext";
  if (!config.tls_cert_file.empty()) {
    tls = "TLS with " + config.tls_cert_file;
    if (!config.tls_client_ca_file.empty()) {
      tls += ", client certificates required (CA " + config.tls_client_ca_file + ")";
    }
  }
  std::error_code ignored;
  const bool has_password =
      !config.redis_password_file.empty() && std::filesystem::exists(config.redis_password_file, ignored);
  const std::string redis_user = config.redis_user.empty() ? "default" : config.redis_user;
  const std::string auth =
      has_password ? "user " + redis_user + ", password from " + config.redis_password_file : "no password";
  return config.service + ": gRPC " + config.listen + " (" + tls + "), max request " +
         std::to_string(config.max_request_bytes) + " bytes; redis " + config.redis_host + ":" +
         std::to_string(config.redis_port) +
         (config.redis_cluster
              ? " cluster, WAIT " + std::to_string(config.redis_wait_replicas) + " replica(s)"
              : "") +
         " (" + auth + "); tokens from " + config.tokens_file + "; consumer " + config.consumer_name + ", " +
         std::to_string(config.partitions) + " partition(s), " + std::to_string(config.workers) +
         " worker(s)";
}

}  // namespace ansinh::config
