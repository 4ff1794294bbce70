#include "config/service_config.h"

#include <unistd.h>

#include <fstream>
#include <map>
#include <stdexcept>

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
  app.add_option("--tokens-file", config.tokens_file, "Hashed bearer tokens (JSON)")
      ->envname("ANSINH_TOKENS_FILE")
      ->capture_default_str();
  app.add_option("--log-format", config.log_format, "text or json")
      ->envname("ANSINH_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
      ->envname("ANSINH_LOG_LEVEL")
      ->capture_default_str();
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
  if (!redis_password_file.empty()) {
    std::ifstream in(redis_password_file);
    if (in) {
      std::getline(in, options.password);
    }
  }
  return options;
}

}  // namespace ansinh::config
