#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh deadletters list [--service S] [--group G]` and
// `ansinh deadletters replay --service S [--group G] (ID... | --all)`: the
// events a consumer group gave up on, and putting them back once whatever
// made them fail is fixed (Operations.ListDeadLetters / ReplayDeadLetters).
void AddDeadLetterCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
