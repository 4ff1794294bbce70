#include "commands/subject_access_commands.h"

#include <iostream>
#include <memory>

#include "i18n/embedded_catalogs.h"
#include "output.h"
#include "subject_access/export_document.h"
#include "subject_access/export_gatherer.h"

namespace ansinh::cli {
namespace {

struct ExportFlags {
  std::string household_id;
  std::string member_id;
  std::string document;
};

}  // namespace

void AddSubjectAccessCommands(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("export-data", Tr("help.export_data"));
  auto flags = std::make_shared<ExportFlags>();
  command->add_option("id", flags->household_id, Tr("help.arg.household_id"))->required();
  command->add_option("--member", flags->member_id, Tr("help.export_data.member"));
  command->add_option("--document", flags->document, Tr("help.export_data.document"));
  command->callback([&options, &exit_code, flags] {
    const subject_access::ServiceChannels channels{
        options.Channel(options.registry), options.Channel(options.classification),
        options.Channel(options.assignment), options.Channel(options.monitoring)};
    const subject_access::Gathered gathered = subject_access::GatherExport(
        channels, [&options] { return options.Context(); }, flags->household_id, flags->member_id);
    if (!gathered.status.ok()) {
      exit_code = ReportError(gathered.status, Tr("doing.export_data", {{"call", gathered.failed_call}}));
      return;
    }
    const v1::SubjectAccessExport& exported = gathered.exported;
    if (!flags->document.empty()) {
      // For the data subject: in Vietnamese, whatever language the CLI speaks.
      Result<i18n::Translator> vietnamese = i18n::MakeTranslator(i18n::Language::kVietnamese);
      if (!vietnamese.ok()) {
        std::cerr << "ansinh: " << vietnamese.error().message << "\n";
        exit_code = 1;
        return;
      }
      if (!WriteOwnerOnlyFile(flags->document, subject_access::RenderExportDocument(exported, *vietnamese))) {
        std::cerr << Tr("cli.error.cannot_write", {{"file", flags->document}}) << "\n";
        exit_code = 1;
        return;
      }
    }
    if (options.json) {
      std::cout << ToJson(exported) << "\n";
      return;
    }
    std::cout << Tr("cli.export_data.done", {{"export", exported.export_id()},
                                             {"household", exported.household_id()},
                                             {"member", exported.member_id()},
                                             {"members", exported.household().members_size()},
                                             {"surveys", exported.surveys_size()},
                                             {"corrections", exported.correction_requests_size()},
                                             {"cases", exported.cases_size()},
                                             {"history", exported.history_size()}})
              << "\n";
    if (!flags->document.empty()) {
      std::cout << Tr("cli.export_data.document", {{"file", flags->document}}) << "\n";
    } else {
      std::cout << Tr("cli.export_data.how") << "\n";
    }
  });
}

}  // namespace ansinh::cli
