// ansinh: the command-line client of the four services.
#include <CLI/CLI.hpp>

#include <iostream>

#include "client_options.h"
#include "commands/admin_command.h"
#include "commands/assignment_commands.h"
#include "commands/classification_commands.h"
#include "commands/deadletter_commands.h"
#include "commands/events_commands.h"
#include "commands/monitoring_commands.h"
#include "commands/registry_commands.h"
#include "commands/status_command.h"
#include "commands/token_commands.h"

int main(int argc, char** argv) {
  using namespace ansinh::cli;
  CLI::App app{"ansinh: case management for sustainable poverty reduction"};
  app.require_subcommand(1);
  // Global options may come before or after the subcommand.
  app.fallthrough();
  app.set_help_all_flag("--help-all", "Every command with its options");
  ClientOptions options;
  AddClientOptions(app, options);
  int exit_code = 0;
  AddStatusCommand(app, options, exit_code);
  AddAdminCommand(app, exit_code);
  AddClassificationCommands(app, options, exit_code);
  AddAssignmentCommands(app, options, exit_code);
  AddMonitoringCommands(app, options, exit_code);
  AddEventsCommands(app, options, exit_code);
  AddRegistryCommands(app, options, exit_code);
  AddDeadLetterCommands(app, options, exit_code);
  AddTokenCommands(app, options, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const std::exception& error) {
    std::cerr << "ansinh: " << error.what() << "\n";
    return 1;
  }
  return exit_code;
}
