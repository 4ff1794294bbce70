#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// The support-assignment commands (ansinh.v1.Assignment):
//   ansinh cases list|show|workload|transfer|accept|decline
//   ansinh cases organizations list|set, ansinh cases helpers list|set
//   ansinh assign CASE_ID HELPER_ID --reason ...
//   ansinh support record|list, ansinh visit record|list,
//   ansinh needs record|list|update
// Tables by default, --json for the responses as JSON. docs/assignment.md
// has examples.
void AddAssignmentCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
