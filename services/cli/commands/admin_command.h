#pragma once

#include <CLI/CLI.hpp>

namespace ansinh::cli {

// `ansinh admin init-tokens --dir var`: the first tokens of a new
// installation (one per role), written next to the services' tokens file.
// Local file work, no RPC: it runs before the services exist.
void AddAdminCommand(CLI::App& app, int& exit_code);

}  // namespace ansinh::cli
