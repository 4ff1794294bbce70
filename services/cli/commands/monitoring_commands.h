#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// The monitoring service's commands:
//   ansinh dashboard [--year Y] [--group G] [--as-of D]
//   ansinh scorecard [--year Y] [--as-of D] [--export csv|json] [--output FILE]
//   ansinh scorecard set-figure --key K --year Y --value P --source S
//   ansinh history HOUSEHOLD [--all] [--page-size N] [--page-token T] [--export csv|json]
//   ansinh audit verify [--latest | --checkpoint-count N --checkpoint-hash HEX]
//   ansinh audit checkpoint | checkpoints | export [--format csv|json] [--from N] [--to N]
//   ansinh alerts [--organization ORG] [--as-of D]
// Tables by default, the responses as JSON with --json.
void AddMonitoringCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
