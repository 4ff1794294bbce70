// ansinh: the command-line client of the four services.
#include <CLI/CLI.hpp>

#include <iostream>

#include "client_options.h"
#include "commands/account_commands.h"
#include "commands/admin_command.h"
#include "commands/assignment_commands.h"
#include "commands/classification_commands.h"
#include "commands/deadletter_commands.h"
#include "commands/emergency_commands.h"
#include "commands/events_commands.h"
#include "commands/grant_commands.h"
#include "commands/livelihood_commands.h"
#include "commands/monitoring_commands.h"
#include "commands/outcome_commands.h"
#include "commands/registry_commands.h"
#include "commands/report_commands.h"
#include "commands/status_command.h"
#include "commands/token_commands.h"
#include "i18n/embedded_catalogs.h"
#include "words.h"

int main(int argc, char** argv) {
  using namespace ansinh::cli;
  // The language first: every text after this, help included, is in it.
  LanguageChoice language = ChooseLanguage(argc, argv);
  ansinh::Result<ansinh::i18n::Translator> translator =
      ansinh::i18n::MakeTranslator(language.language, language.locales_dir);
  if (!translator.ok()) {
    std::cerr << "ansinh: " << translator.error().message << "\n";
    return 2;
  }
  UseTranslator(std::move(*translator));

  CLI::App app{Tr("cli.app")};
  app.require_subcommand(1);
  // Global options may come before or after the subcommand.
  app.fallthrough();
  app.set_help_all_flag("--help-all", Tr("cli.option.help_all"));
  ClientOptions options;
  AddClientOptions(app, options);
  AddLanguageOptions(app, language);
  int exit_code = 0;
  AddStatusCommand(app, options, exit_code);
  AddAdminCommand(app, exit_code);
  AddInitAccountsCommand(*app.get_subcommand("admin"), options, exit_code);
  AddClassificationCommands(app, options, exit_code);
  AddAssignmentCommands(app, options, exit_code);
  // Livelihood models and emergencies (assignment).
  AddLivelihoodCommands(app, options, exit_code);
  AddEmergencyCommands(app, options, exit_code);
  AddMonitoringCommands(app, options, exit_code);
  AddOutcomeCommands(app, options, exit_code);
  AddReportCommands(app, options, exit_code);
  AddEventsCommands(app, options, exit_code);
  AddRegistryCommands(app, options, exit_code);
  AddDeadLetterCommands(app, options, exit_code);
  AddTokenCommands(app, options, exit_code);
  AddAccountCommands(app, options, exit_code);
  AddGrantCommands(app, options, exit_code);
  TranslateHelp(app);
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
