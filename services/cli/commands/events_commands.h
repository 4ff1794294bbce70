#pragma once

#include <CLI/CLI.hpp>

#include "client_options.h"

namespace ansinh::cli {

// The event streams, read straight from Redis (docs/events.md):
//   ansinh events tail [--from-start] [--type T]... [--no-follow] [--limit N]
//   ansinh events show STREAM ENTRY_ID
// and what the monitoring service has consumed of them (over gRPC):
//   ansinh events seen [--last N]
// and an outside consumer's subscription (commands/subscribe_command.h).
// Redis is reached with --redis-host/--redis-port/--redis-password-file
// (defaults those of `make run`: 127.0.0.1, 6390, var/redis/password).
void AddEventsCommands(CLI::App& app, const ClientOptions& options, int& exit_code);

}  // namespace ansinh::cli
