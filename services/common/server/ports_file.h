#pragma once

#include <string>

namespace ansinh::server {

// Writes the ports a process bound as JSON, {"<main_port_name>": N,
// "metrics": M} (metrics left out when 0), through a temporary file renamed
// into place, so a supervisor or a test polling for the file never reads half
// of it. False when the file cannot be written.
bool WritePortsFile(const std::string& path, const std::string& main_port_name, int main_port,
                    int metrics_port);

}  // namespace ansinh::server
