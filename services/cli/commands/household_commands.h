#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh household get|list|search|create|update|add-member|update-member|
// remove-member|survey|move-out|dissolve|record`: the registry's households,
// tables by default, --json for the messages (docs/registry.md, "CLI").
void AddHouseholdCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
