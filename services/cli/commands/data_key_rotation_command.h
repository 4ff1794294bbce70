#pragma once

#include <CLI/CLI.hpp>

namespace ansinh::cli {

// `ansinh admin rotate-data-keys`: a new key-encryption key, and every
// household's data key wrapped again by it (docs/data-protection.md, "Keys").
void AddDataKeyRotationCommand(CLI::App& admin, int& exit_code);

}  // namespace ansinh::cli
