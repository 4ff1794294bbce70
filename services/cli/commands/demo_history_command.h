#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh demo history [--if-empty] [--households N] [--seed S]
// [--first-year Y] [--last-year Y]`: plans the demo ward's history
// (services/demo_history: reviews from 2021 to 2026 each under its standard,
// livelihood models, support, visits and floods) and plays it through the
// services (demo_history_player.h) into an empty registry, with progress
// lines and a summary, or the summary as JSON with --json. `make run` runs
// it with --if-empty: a loaded ward is left as it is.
void AddDemoHistoryCommand(CLI::App& demo, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
