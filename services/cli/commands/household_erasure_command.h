#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh household erase <id> --version N --reason request|retention
// --reference TEXT`: Registry.EraseHousehold (docs/data-protection.md,
// "Erasure").
void AddEraseCommand(CLI::App& household, const ClientOptions& options, int& exit_code);

// `ansinh household retention [--dry-run]`: Registry.RunRetention, the
// report as a table (or JSON).
void AddRetentionCommand(CLI::App& household, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
