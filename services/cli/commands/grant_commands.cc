#include "commands/grant_commands.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "ansinh/v1/consumers.grpc.pb.h"
#include "output.h"

namespace ansinh::cli {
namespace {

std::unique_ptr<v1::ConsumerGrants::Stub> GrantsStub(const ClientOptions& options) {
  return v1::ConsumerGrants::NewStub(options.Channel(options.registry));
}

const std::vector<std::pair<std::string, v1::HouseholdDetail>>& GrantDetailNames() {
  static const std::vector<std::pair<std::string, v1::HouseholdDetail>> kNames = {
      {"head_name", v1::HOUSEHOLD_DETAIL_HEAD_NAME},
      {"head_national_id", v1::HOUSEHOLD_DETAIL_HEAD_NATIONAL_ID},
      {"address", v1::HOUSEHOLD_DETAIL_ADDRESS},
  };
  return kNames;
}

std::string GrantDetailName(int detail) {
  for (const auto& [name, value] : GrantDetailNames()) {
    if (value == detail) return name;
  }
  return "?";
}

std::string GrantListed(const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "-" : text;
}

std::string GrantDetailsListed(const v1::ConsumerGrant& grant) {
  std::string text;
  for (const int detail : grant.household_details())
    text += (text.empty() ? "" : ", ") + GrantDetailName(detail);
  return text.empty() ? "-" : text;
}

void AddGrantSet(CLI::App& grant, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string consumer, name, purpose;
    std::vector<std::string> event_types, fields, details;
  };
  auto args = std::make_shared<Args>();
  std::vector<std::string> detail_names;
  for (const auto& [name, value] : GrantDetailNames()) detail_names.push_back(name);
  auto* command = grant.add_subcommand("set", Tr("help.grant.set"));
  command->add_option("consumer", args->consumer, Tr("help.grant.consumer"))->required();
  command->add_option("--name", args->name, Tr("help.grant.name"))->required();
  command->add_option("--purpose", args->purpose, Tr("help.grant.purpose"))->required();
  command->add_option("--event-type", args->event_types, Tr("help.grant.event_type"))->required();
  command->add_option("--field", args->fields, Tr("help.grant.field"));
  command->add_option("--household-detail", args->details, Tr("help.grant.household_detail"))
      ->check(CLI::IsMember(detail_names));
  command->callback([&options, &exit_code, args] {
    v1::SetGrantRequest request;
    v1::ConsumerGrant& wanted = *request.mutable_grant();
    wanted.set_consumer_id(args->consumer);
    wanted.set_display_name(args->name);
    wanted.set_purpose(args->purpose);
    for (const std::string& type : args->event_types) wanted.add_event_types(type);
    for (const std::string& field : args->fields) wanted.add_fields(field);
    for (const std::string& detail : args->details) {
      for (const auto& [name, value] : GrantDetailNames()) {
        if (name == detail) wanted.add_household_details(value);
      }
    }
    v1::SetGrantResponse response;
    const grpc::Status status = GrantsStub(options)->SetGrant(options.Context().get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.set_grant", {{"consumer", args->consumer}}), response, [&] {
      const v1::ConsumerGrant& grant = response.grant();
      std::cout << Tr("cli.grant.set", {{"consumer", grant.consumer_id()},
                                        {"types", GrantListed(grant.event_types())},
                                        {"fields", GrantListed(grant.fields())},
                                        {"details", GrantDetailsListed(grant)}})
                << "\n"
                << Tr("cli.grant.token_hint", {{"consumer", grant.consumer_id()}}) << "\n";
    });
  });
}

void AddGrantRevoke(CLI::App& grant, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string consumer, reason;
  };
  auto args = std::make_shared<Args>();
  auto* command = grant.add_subcommand("revoke", Tr("help.grant.revoke"));
  command->add_option("consumer", args->consumer, Tr("help.grant.consumer"))->required();
  command->add_option("--reason", args->reason, Tr("help.grant.reason"));
  command->callback([&options, &exit_code, args] {
    v1::RevokeGrantRequest request;
    request.set_consumer_id(args->consumer);
    request.set_reason(args->reason);
    v1::RevokeGrantResponse response;
    const grpc::Status status = GrantsStub(options)->RevokeGrant(options.Context().get(), request, &response);
    exit_code =
        Finish(options, status, Tr("doing.revoke_grant", {{"consumer", args->consumer}}), response, [&] {
          std::cout << Tr(response.already_revoked() ? "cli.grant.already_revoked" : "cli.grant.revoked",
                          {{"consumer", args->consumer}})
                    << "\n";
        });
  });
}

void AddGrantList(CLI::App& grant, const ClientOptions& options, int& exit_code) {
  auto* command = grant.add_subcommand("list", Tr("help.grant.list"));
  command->callback([&options, &exit_code] {
    v1::ListGrantsResponse response;
    const grpc::Status status =
        GrantsStub(options)->ListGrants(options.Context().get(), v1::ListGrantsRequest(), &response);
    exit_code = Finish(options, status, Tr("doing.list_grants"), response, [&] {
      Table table(
          Headings({"heading.outside_consumer", "heading.name", "heading.status", "heading.event_types",
                    "heading.fields", "heading.household_details", "heading.by"}));
      for (const v1::ConsumerGrant& grant : response.grants()) {
        table.AddRow({grant.consumer_id(), grant.display_name(),
                      grant.revoked() ? Tr("cli.grant.state_revoked") : Tr("cli.grant.state_active"),
                      GrantListed(grant.event_types()), GrantListed(grant.fields()),
                      GrantDetailsListed(grant), grant.revoked() ? grant.revoked_by() : grant.granted_by()});
      }
      table.Print(std::cout);
    });
  });
}

}  // namespace

void AddGrantCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* grant = app.add_subcommand("grant", Tr("help.grant"));
  grant->require_subcommand(1);
  AddGrantSet(*grant, options, exit_code);
  AddGrantRevoke(*grant, options, exit_code);
  AddGrantList(*grant, options, exit_code);
}

}  // namespace ansinh::cli
