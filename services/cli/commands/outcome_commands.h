#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// ansinh outcomes: what support led households out of poverty (docs/outcomes.md).
void AddOutcomeCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
