#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh demo load [--if-empty] [--households N] [--seed S]`: generates the
// demo ward (services/registry/core/demo) and streams it through
// Registry.ImportHouseholds, printing the counts and the rate;
// `ansinh demo export FILE`: writes the same ward as a JSON-lines import file.
void AddDemoCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
