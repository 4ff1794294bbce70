#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// The registry's commands: `ansinh household ...`, `ansinh import FILE` and
// `ansinh demo load|export` (commands/household_commands.h,
// commands/import_command.h, commands/demo_command.h).
void AddRegistryCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
