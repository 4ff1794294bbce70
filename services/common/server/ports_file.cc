#include "server/ports_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <system_error>

namespace ansinh::server {

bool WritePortsFile(const std::string& path, const std::string& main_port_name, int main_port,
                    int metrics_port) {
  nlohmann::json ports{{main_port_name, main_port}};
  if (metrics_port > 0) ports["metrics"] = metrics_port;
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << ports.dump() << "\n";
    if (!out.flush()) return false;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return !error;
}

}  // namespace ansinh::server
