#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh household export-data HOUSEHOLD [--member M] [--json | --document
// FILE]`: everything held about a household or one of its members, gathered
// from the four services and recorded in the audit chain
// (docs/data-protection.md, "Subject access and correction"), under
// `household` (its subcommand).
void AddSubjectAccessCommands(CLI::App& household, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
