#pragma once

#include <string>

namespace ansinh::logging {

// Sets up spdlog for a service: readable lines by default, or one JSON object
// per line ("json") for log collectors. Throws std::invalid_argument for an
// unknown format or level.
void Configure(const std::string& service, const std::string& format, const std::string& level);

}  // namespace ansinh::logging
