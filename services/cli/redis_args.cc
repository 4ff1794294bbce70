#include "redis_args.h"

#include <fstream>

#include "words.h"

namespace ansinh::cli {

redis::RedisOptions RedisArgs::Options(const std::string& client_name) const {
  redis::RedisOptions options;
  options.host = host;
  options.port = port;
  options.client_name = client_name;
  std::ifstream in(password_file);
  if (in) std::getline(in, options.password);
  return options;
}

void AddRedisOptions(CLI::App& command, RedisArgs& args) {
  command.add_option("--redis-host", args.host, Tr("help.events.redis_host"))
      ->envname("ANSINH_REDIS_HOST")
      ->capture_default_str();
  command.add_option("--redis-port", args.port, Tr("help.events.redis_port"))
      ->envname("ANSINH_REDIS_PORT")
      ->capture_default_str();
  command.add_option("--redis-password-file", args.password_file, Tr("help.events.redis_password_file"))
      ->envname("ANSINH_REDIS_PASSWORD_FILE")
      ->capture_default_str();
}

}  // namespace ansinh::cli
