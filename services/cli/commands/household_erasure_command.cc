#include "commands/household_erasure_command.h"

#include <iostream>
#include <map>
#include <memory>

#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/registry_output.h"
#include "enum_words.h"
#include "output.h"
#include "words.h"

namespace ansinh::cli {

void AddEraseCommand(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("erase", Tr("help.household.erase"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto reason = std::make_shared<v1::ErasureReason>(v1::ERASURE_REASON_UNSPECIFIED);
  auto reference = std::make_shared<std::string>();
  auto member = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--version", *version, Tr("help.arg.version_read"))->required();
  const std::map<std::string, v1::ErasureReason> reasons{{"request", v1::ERASURE_REASON_SUBJECT_REQUEST},
                                                         {"retention", v1::ERASURE_REASON_RETENTION_ENDED}};
  command->add_option("--reason", *reason, Tr("help.household.erase.reason"))
      ->required()
      ->transform(CLI::CheckedTransformer(reasons, CLI::ignore_case));
  command->add_option("--reference", *reference, Tr("help.household.erase.reference"))->required();
  command->add_option("--member", *member, Tr("help.household.erase.member"));
  command->callback([&options, &exit_code, id, version, reason, reference, member] {
    v1::EraseHouseholdRequest request;
    request.set_household_id(*id);
    request.set_expected_version(*version);
    request.set_reason(*reason);
    request.set_reference(*reference);
    request.set_member_id(*member);
    v1::EraseHouseholdResponse response;
    const grpc::Status status = v1::Registry::NewStub(options.Channel(options.registry))
                                    ->EraseHousehold(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_erase"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      return;
    }
    std::cout << Tr(member->empty() ? "cli.household.erased" : "cli.household.member_erased",
                    {{"household", response.household().household_id()},
                     {"member", *member},
                     {"code", response.household().code()},
                     {"version", response.household().version()}})
              << "\n\n";
    PrintHousehold(response.household());
  });
}

namespace {

void PrintRetentionItems(const std::string& title,
                         const google::protobuf::RepeatedPtrField<v1::RetentionItem>& items) {
  if (items.empty()) return;
  std::cout << "\n" << title << "\n";
  Table table(Headings({"heading.household", "heading.code", "heading.group", "heading.status",
                        "heading.departed_on", "heading.retention_due_on"}));
  for (const v1::RetentionItem& item : items) {
    table.AddRow({item.household_id(), item.code(), item.residential_group(), EnumWords(item.status()),
                  Date(item.departed_on()), Date(item.due_on())});
  }
  table.Print(std::cout);
}

}  // namespace

void AddRetentionCommand(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("retention", Tr("help.household.retention"));
  auto dry_run = std::make_shared<bool>(false);
  command->add_flag("--dry-run", *dry_run, Tr("help.household.retention.dry_run"));
  command->callback([&options, &exit_code, dry_run] {
    v1::RunRetentionRequest request;
    request.set_dry_run(*dry_run);
    v1::RunRetentionResponse response;
    const grpc::Status status = v1::Registry::NewStub(options.Channel(options.registry))
                                    ->RunRetention(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_retention"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      return;
    }
    const v1::RetentionReport& report = response.report();
    std::cout << Tr(report.dry_run() ? "cli.retention.summary_dry" : "cli.retention.summary",
                    {{"date", Date(report.as_of())},
                     {"years", report.period_years()},
                     {"erased", report.erased_size()},
                     {"within", report.within_period()},
                     {"undated", report.without_departure_date_size()},
                     {"failed", report.failed_size()}})
              << "\n"
              << Tr("cli.retention.basis", {{"basis", report.period_basis()}}) << "\n";
    PrintRetentionItems(Tr(report.dry_run() ? "cli.retention.would_erase" : "cli.retention.erased"),
                        report.erased());
    PrintRetentionItems(Tr("cli.retention.undated"), report.without_departure_date());
    PrintRetentionItems(Tr("cli.retention.failed"), report.failed());
    if (report.failed_size() > 0) exit_code = 1;
  });
}

}  // namespace ansinh::cli
