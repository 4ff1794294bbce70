#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// The livelihood models (mô hình sinh kế) of ansinh.v1.Assignment:
//   ansinh models list [--organization ORG] [--include-ended]
//   ansinh models set --id ID --name NAME --kind KIND --organization ORG --started DATE ... --reason R
//   ansinh models join MODEL_ID HOUSEHOLD_ID... [--date D] [--note N] --reason R
//   ansinh models leave MODEL_ID HOUSEHOLD_ID [--date D] --reason R
// Tables by default, --json for the responses. docs/assignment.md, "Livelihood models".
void AddLivelihoodCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
