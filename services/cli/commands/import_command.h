#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh import FILE [--format csv|jsonl]`: bulk registration from a CSV
// household list or a JSON-lines file through Registry.ImportHouseholds, with
// a progress line on stderr for large files, then a summary and every
// rejected row with its line and reasons. Exit status 1 when any row was not
// imported.
void AddImportCommand(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
