#include "commands/household_erasure_command.h"

#include <iostream>
#include <map>
#include <memory>

#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/registry_output.h"
#include "output.h"

namespace ansinh::cli {

void AddEraseCommand(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("erase", Tr("help.household.erase"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto reason = std::make_shared<v1::ErasureReason>(v1::ERASURE_REASON_UNSPECIFIED);
  auto reference = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--version", *version, Tr("help.arg.version_read"))->required();
  const std::map<std::string, v1::ErasureReason> reasons{{"request", v1::ERASURE_REASON_SUBJECT_REQUEST},
                                                         {"retention", v1::ERASURE_REASON_RETENTION_ENDED}};
  command->add_option("--reason", *reason, Tr("help.household.erase.reason"))
      ->required()
      ->transform(CLI::CheckedTransformer(reasons, CLI::ignore_case));
  command->add_option("--reference", *reference, Tr("help.household.erase.reference"))->required();
  command->callback([&options, &exit_code, id, version, reason, reference] {
    v1::EraseHouseholdRequest request;
    request.set_household_id(*id);
    request.set_expected_version(*version);
    request.set_reason(*reason);
    request.set_reference(*reference);
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
    std::cout << Tr("cli.household.erased", {{"household", response.household().household_id()},
                                             {"code", response.household().code()},
                                             {"version", response.household().version()}})
              << "\n\n";
    PrintHousehold(response.household());
  });
}

}  // namespace ansinh::cli
