#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// ansinh report yearly|final: the resolution's reports as PDF and CSV (docs/reports.md).
void AddReportCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
