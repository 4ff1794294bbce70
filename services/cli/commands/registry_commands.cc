#include "commands/registry_commands.h"

#include "commands/correction_commands.h"
#include "commands/demo_command.h"
#include "commands/household_commands.h"
#include "commands/import_command.h"
#include "commands/subject_access_commands.h"

namespace ansinh::cli {

void AddRegistryCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  AddHouseholdCommands(app, options, exit_code);
  AddCorrectionCommands(*app.get_subcommand("household"), options, exit_code);
  AddSubjectAccessCommands(*app.get_subcommand("household"), options, exit_code);
  AddImportCommand(app, options, exit_code);
  AddDemoCommands(app, options, exit_code);
}

}  // namespace ansinh::cli
