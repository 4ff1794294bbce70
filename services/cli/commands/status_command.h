#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh status [--wait SECONDS]`: each service's health, its Redis, its
// streams' lengths and its consumer groups' lag.
void AddStatusCommand(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
