#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// Outside consumers' grants (docs/events.md, "Outside consumers"), ward
// officers only:
//   ansinh grant set CONSUMER --name NAME --purpose TEXT --event-type TYPE... [--field F]...
//   [--household-detail D]... ansinh grant revoke CONSUMER [--reason TEXT] ansinh grant list
void AddGrantCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
