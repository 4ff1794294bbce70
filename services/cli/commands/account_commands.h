#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// `ansinh account list|create|update|disable|enable|password`: the staff
// accounts of the web console (ansinh.v1.Accounts, served by the registry;
// ward officers). Passwords are read from a prompt that does not echo, or
// from --password-file; they are never taken on the command line.
void AddAccountCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

// `ansinh admin init-accounts --dir DIR`: the demo accounts, one per role,
// each with a generated password in DIR/accounts/<username>.password (the
// directory 0700, the files 0600), created only when missing. Needs the
// registry running and a ward officer's token (the global --token-file).
void AddInitAccountsCommand(CLI::App& admin, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
