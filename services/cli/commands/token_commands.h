#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// Bearer tokens issued at run time, through the registry's TokenAdmin
// service (ward officers only; docs/security.md):
//   ansinh token issue --role ROLE --name NAME [--organization ORG] [--ttl-days N]
//   ansinh token list
//   ansinh token revoke TOKEN_ID
// `issue` prints the new secret once; with --json it is in the JSON output,
// the one place a secret is printed, and only on that explicit request.
void AddTokenCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
