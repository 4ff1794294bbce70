#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh household correction record|accept|reject|list`: a data subject's
// requests to correct what the registry holds about them (docs/registry.md,
// "Correction requests"), under `household` (its subcommand).
void AddCorrectionCommands(CLI::App& household, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
