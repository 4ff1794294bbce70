#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// The classification commands (ansinh.v1.Classification):
//   ansinh review open|meeting|group-meeting|post|complaint|approve|progress|list|demo
//   ansinh classify HOUSEHOLD
//   ansinh whatif STANDARD [--household HOUSEHOLD]
//   ansinh official show HOUSEHOLD, ansinh official list [filters]
//   ansinh standards
// Tables by default, --json for the responses as JSON. docs/classification.md
// has examples.
void AddClassificationCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
