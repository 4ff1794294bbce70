#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// Emergencies (trợ giúp đột xuất) of ansinh.v1.Assignment:
//   ansinh emergency declare --kind KIND --name NAME --began DATE --groups G1,G2 ... --reason R
//   ansinh emergency end EMERGENCY_ID [--date D] --reason R
//   ansinh emergency list [--ongoing]
//   ansinh emergency mark EMERGENCY_ID [HOUSEHOLD_ID...] [--all-in-groups] [--date D] [--note N] --reason R
// Tables by default, --json for the responses. docs/assignment.md, "Emergencies".
void AddEmergencyCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
