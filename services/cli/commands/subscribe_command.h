#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// An outside consumer's events, through the registry with its own token
// (docs/events.md, "Outside consumers"):
//   ansinh events subscribe [--no-follow] [--json | --fields PATH,...] [--ack-stdin]
void AddSubscribeCommand(CLI::App& events_command, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
