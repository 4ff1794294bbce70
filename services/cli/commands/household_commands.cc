#include "commands/household_commands.h"

#include <iostream>
#include <memory>

#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/household_erasure_command.h"
#include "commands/registry_output.h"
#include "enum_words.h"
#include "output.h"

namespace ansinh::cli {
namespace {

std::unique_ptr<v1::Registry::Stub> RegistryStub(const ClientOptions& options) {
  return v1::Registry::NewStub(options.Channel(options.registry));
}

// Prints `household` (table or JSON of `response`) after a change; `what`
// is the catalog key of the sentence, e.g. "cli.household.registered".
void PrintChanged(const ClientOptions& options, const google::protobuf::Message& response,
                  const v1::Household& household, std::string_view what, const std::string& member = "") {
  if (options.json) {
    std::cout << ToJson(response) << "\n";
    return;
  }
  std::cout << Tr(what, {{"household", household.household_id()},
                         {"code", household.code()},
                         {"version", household.version()},
                         {"member", member}})
            << "\n\n";
  PrintHousehold(household);
}

// --- get ---------------------------------------------------------------------

void AddGet(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("get", Tr("help.household.get"));
  auto id = std::make_shared<std::string>();
  auto code = std::make_shared<std::string>();
  auto* id_option = command->add_option("id", *id, Tr("help.household.get.id"));
  auto* code_option = command->add_option("--code", *code, Tr("help.household.get.code"));
  id_option->excludes(code_option);
  command->callback([&options, &exit_code, id, code] {
    if (id->empty() && code->empty()) throw CLI::ValidationError(Tr("cli.household.give_id_or_code"));
    v1::GetHouseholdRequest request;
    if (!code->empty()) {
      request.set_code(*code);
    } else {
      request.set_household_id(*id);
    }
    v1::GetHouseholdResponse response;
    const grpc::Status status =
        RegistryStub(options)->GetHousehold(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_get"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
    } else {
      PrintHousehold(response.household());
    }
  });
}

// --- list / search ---------------------------------------------------------------

struct PagingFlags {
  int page_size = 0;
  std::string page_token;
  bool all = false;

  void Add(CLI::App& command) {
    command.add_option("--page-size", page_size, Tr("help.arg.page_size_households"))
        ->check(CLI::Range(0, 500));
    command.add_option("--page-token", page_token, Tr("help.arg.page_token"));
    command.add_flag("--all", all, Tr("help.arg.all_pages"));
  }
};

void PrintPageFooter(size_t shown, const v1::PageResponse& page) {
  std::cout << "\n"
            << Tr("cli.household.page_shown",
                  {{"shown", Number(static_cast<int64_t>(shown))}, {"total", Number(page.total_size())}});
  if (!page.next_page_token().empty()) {
    std::cout << Tr("cli.household.page_next", {{"token", page.next_page_token()}});
  }
  std::cout << "\n";
}

void AddList(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("list", Tr("help.household.list"));
  auto group = std::make_shared<std::string>();
  auto status_text = std::make_shared<std::string>();
  auto paging = std::make_shared<PagingFlags>();
  command->add_option("--group", *group, Tr("help.household.list.group"));
  command->add_option("--status", *status_text, Tr("help.household.list.status"));
  paging->Add(*command);
  command->callback([&options, &exit_code, group, status_text, paging] {
    v1::ListHouseholdsRequest request;
    request.set_residential_group(*group);
    if (!status_text->empty()) {
      const std::optional<int> status = ParseEnumLabel(*v1::HouseholdStatus_descriptor(), *status_text);
      if (!status) throw CLI::ValidationError("--status", Tr("help.household.list.status"));
      request.set_status(static_cast<v1::HouseholdStatus>(*status));
    }
    request.mutable_page()->set_page_size(paging->page_size);
    request.mutable_page()->set_page_token(paging->page_token);
    auto stub = RegistryStub(options);
    v1::ListHouseholdsResponse all;
    while (true) {
      v1::ListHouseholdsResponse response;
      const grpc::Status status = stub->ListHouseholds(options.Context().get(), request, &response);
      if (!status.ok()) {
        exit_code = ReportError(status, Tr("doing.household_list"));
        return;
      }
      for (auto& household : *response.mutable_households()) *all.add_households() = std::move(household);
      *all.mutable_page() = response.page();
      if (!paging->all || response.page().next_page_token().empty()) break;
      request.mutable_page()->set_page_token(response.page().next_page_token());
    }
    if (options.json) {
      std::cout << ToJson(all) << "\n";
      return;
    }
    PrintHouseholdList(all.households());
    PrintPageFooter(static_cast<size_t>(all.households_size()), all.page());
  });
}

void AddSearch(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("search", Tr("help.household.search"));
  auto query = std::make_shared<std::string>();
  auto group = std::make_shared<std::string>();
  auto paging = std::make_shared<PagingFlags>();
  command->add_option("query", *query, Tr("help.household.search.query"))->required();
  command->add_option("--group", *group, Tr("help.arg.group_only"));
  paging->Add(*command);
  command->callback([&options, &exit_code, query, group, paging] {
    v1::SearchHouseholdsRequest request;
    request.set_query(*query);
    request.set_residential_group(*group);
    request.mutable_page()->set_page_size(paging->page_size);
    request.mutable_page()->set_page_token(paging->page_token);
    auto stub = RegistryStub(options);
    v1::SearchHouseholdsResponse all;
    while (true) {
      v1::SearchHouseholdsResponse response;
      const grpc::Status status = stub->SearchHouseholds(options.Context().get(), request, &response);
      if (!status.ok()) {
        exit_code = ReportError(status, Tr("doing.household_search"));
        return;
      }
      for (auto& hit : *response.mutable_hits()) *all.add_hits() = std::move(hit);
      *all.mutable_page() = response.page();
      if (!paging->all || response.page().next_page_token().empty()) break;
      request.mutable_page()->set_page_token(response.page().next_page_token());
    }
    if (options.json) {
      std::cout << ToJson(all) << "\n";
      return;
    }
    Table table(Headings({"heading.household", "heading.code", "heading.group", "heading.status",
                          "heading.matched", "heading.address", "heading.version"}));
    for (const v1::SearchHit& hit : all.hits()) {
      std::string matched;
      for (const std::string& member_id : hit.matched_member_ids()) {
        for (const v1::Member& member : hit.household().members()) {
          if (member.member_id() != member_id) continue;
          if (!matched.empty()) matched += "; ";
          matched += member.full_name() + " (" + member_id + ")";
        }
      }
      table.AddRow({hit.household().household_id(), hit.household().code(),
                    hit.household().residential_group(), EnumWords(hit.household().status()), matched,
                    hit.household().address(), std::to_string(hit.household().version())});
    }
    table.Print(std::cout);
    PrintPageFooter(static_cast<size_t>(all.hits_size()), all.page());
  });
}

// --- create / update ---------------------------------------------------------------

void AddCreate(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("create", Tr("help.household.create"));
  auto file = std::make_shared<std::string>();
  command->add_option("--file", *file, Tr("help.household.create.file"))->required();
  command->callback([&options, &exit_code, file] {
    v1::CreateHouseholdRequest request;
    ReadJsonFile(*file, *request.mutable_household());
    v1::CreateHouseholdResponse response;
    const grpc::Status status =
        RegistryStub(options)->CreateHousehold(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_create"));
      return;
    }
    PrintChanged(options, response, response.household(), "cli.household.registered");
  });
}

void AddUpdate(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("update", Tr("help.household.update"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto address = std::make_shared<std::string>();
  auto group = std::make_shared<std::string>();
  auto head = std::make_shared<std::string>();
  auto relations = std::make_shared<std::vector<std::string>>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--version", *version, Tr("help.arg.version_read"))->required();
  command->add_option("--address", *address, Tr("help.household.update.address"));
  command->add_option("--group", *group, Tr("help.household.update.group"));
  auto* head_option = command->add_option("--head", *head, Tr("help.household.update.head"));
  command->add_option("--relation", *relations, Tr("help.household.update.relation"))->needs(head_option);
  command->callback([&options, &exit_code, id, version, address, group, head, relations] {
    v1::UpdateHouseholdRequest request;
    request.set_household_id(*id);
    request.set_expected_version(*version);
    request.set_address(*address);
    request.set_residential_group(*group);
    request.set_head_member_id(*head);
    for (const std::string& text : *relations) {
      const size_t equals = text.find('=');
      const std::optional<int> relation =
          equals == std::string::npos
              ? std::nullopt
              : ParseEnumLabel(*v1::RelationToHead_descriptor(), text.substr(equals + 1));
      if (!relation) {
        throw CLI::ValidationError("--relation", Tr("cli.household.bad_relation", {{"text", text}}));
      }
      v1::MemberRelation* item = request.add_relations();
      item->set_member_id(text.substr(0, equals));
      item->set_relation_to_head(static_cast<v1::RelationToHead>(*relation));
    }
    v1::UpdateHouseholdResponse response;
    const grpc::Status status =
        RegistryStub(options)->UpdateHousehold(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_update"));
      return;
    }
    PrintChanged(options, response, response.household(), "cli.household.updated");
  });
}

// --- members -----------------------------------------------------------------

void AddAddMember(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("add-member", Tr("help.household.add_member"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto file = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--version", *version, Tr("help.arg.version_read"))->required();
  command->add_option("--file", *file, Tr("help.arg.member_file"))->required();
  command->callback([&options, &exit_code, id, version, file] {
    v1::AddMemberRequest request;
    request.set_household_id(*id);
    request.set_expected_version(*version);
    ReadJsonFile(*file, *request.mutable_member());
    v1::AddMemberResponse response;
    const grpc::Status status = RegistryStub(options)->AddMember(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_add_member"));
      return;
    }
    PrintChanged(options, response, response.household(), "cli.household.member_added", response.member_id());
  });
}

void AddUpdateMember(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("update-member", Tr("help.household.update_member"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto file = std::make_shared<std::string>();
  auto member_id = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--version", *version, Tr("help.arg.version_read"))->required();
  command->add_option("--file", *file, Tr("help.arg.member_file"))->required();
  command->add_option("--member", *member_id, Tr("help.household.update_member.member"));
  command->callback([&options, &exit_code, id, version, file, member_id] {
    v1::UpdateMemberRequest request;
    request.set_household_id(*id);
    request.set_expected_version(*version);
    ReadJsonFile(*file, *request.mutable_member());
    if (!member_id->empty()) request.mutable_member()->set_member_id(*member_id);
    v1::UpdateMemberResponse response;
    const grpc::Status status =
        RegistryStub(options)->UpdateMember(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_update_member"));
      return;
    }
    PrintChanged(options, response, response.household(), "cli.household.member_updated",
                 request.member().member_id());
  });
}

void AddRemoveMember(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("remove-member", Tr("help.household.remove_member"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto member_id = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--version", *version, Tr("help.arg.version_read"))->required();
  command->add_option("--member", *member_id, Tr("help.household.remove_member.member"))->required();
  command->add_option("--reason", *reason, Tr("help.household.remove_member.reason"))->required();
  command->callback([&options, &exit_code, id, version, member_id, reason] {
    v1::RemoveMemberRequest request;
    request.set_household_id(*id);
    request.set_expected_version(*version);
    request.set_member_id(*member_id);
    request.set_reason(*reason);
    v1::RemoveMemberResponse response;
    const grpc::Status status =
        RegistryStub(options)->RemoveMember(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_remove_member"));
      return;
    }
    PrintChanged(options, response, response.household(), "cli.household.member_removed", *member_id);
  });
}

// --- surveys -------------------------------------------------------------------

void AddSurvey(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("survey", Tr("help.household.survey"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto file = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--file", *file, Tr("help.household.survey.file"))->required();
  command->add_option("--version", *version, Tr("help.household.survey.version"));
  command->callback([&options, &exit_code, id, version, file] {
    v1::RecordSurveyRequest request;
    ReadJsonFile(*file, *request.mutable_survey());
    request.mutable_survey()->set_household_id(*id);
    request.set_expected_version(*version);
    v1::RecordSurveyResponse response;
    const grpc::Status status =
        RegistryStub(options)->RecordSurvey(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_survey"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      return;
    }
    std::cout << Tr("cli.household.survey_recorded", {{"survey", response.survey().survey_id()},
                                                      {"household", *id},
                                                      {"version", response.household_version()}})
              << "\n\n";
    google::protobuf::RepeatedPtrField<v1::Survey> surveys;
    *surveys.Add() = response.survey();
    PrintSurveys(surveys);
  });
}

// --- ending a household ------------------------------------------------------------

void AddEnd(CLI::App& household, const ClientOptions& options, int& exit_code, bool moving_out) {
  auto* command =
      household.add_subcommand(moving_out ? "move-out" : "dissolve",
                               Tr(moving_out ? "help.household.move_out" : "help.household.dissolve"));
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto reason = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->add_option("--version", *version, Tr("help.arg.version_read"))->required();
  command
      ->add_option("--reason", *reason,
                   Tr(moving_out ? "help.household.move_out.reason" : "help.household.dissolve.reason"))
      ->required();
  command->callback([&options, &exit_code, id, version, reason, moving_out] {
    grpc::Status status;
    v1::Household after;
    std::unique_ptr<google::protobuf::Message> response;
    auto stub = RegistryStub(options);
    if (moving_out) {
      v1::MoveOutRequest request;
      request.set_household_id(*id);
      request.set_expected_version(*version);
      request.set_reason(*reason);
      auto moved = std::make_unique<v1::MoveOutResponse>();
      status = stub->MoveOut(options.Context().get(), request, moved.get());
      after = moved->household();
      response = std::move(moved);
    } else {
      v1::DissolveRequest request;
      request.set_household_id(*id);
      request.set_expected_version(*version);
      request.set_reason(*reason);
      auto dissolved = std::make_unique<v1::DissolveResponse>();
      status = stub->Dissolve(options.Context().get(), request, dissolved.get());
      after = dissolved->household();
      response = std::move(dissolved);
    }
    if (!status.ok()) {
      exit_code =
          ReportError(status, Tr(moving_out ? "doing.household_move_out" : "doing.household_dissolve"));
      return;
    }
    PrintChanged(options, *response, after,
                 moving_out ? "cli.household.moved_out" : "cli.household.dissolved");
  });
}

// --- record --------------------------------------------------------------------

void AddRecord(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("record", Tr("help.household.record"));
  auto id = std::make_shared<std::string>();
  command->add_option("id", *id, Tr("help.arg.household_id"))->required();
  command->callback([&options, &exit_code, id] {
    v1::GetHouseholdRecordRequest request;
    request.set_household_id(*id);
    v1::GetHouseholdRecordResponse response;
    const grpc::Status status =
        RegistryStub(options)->GetHouseholdRecord(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.household_record"));
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      return;
    }
    PrintHousehold(response.household());
    std::cout << "\n";
    if (response.surveys().empty()) {
      std::cout << Tr("cli.household.no_survey") << "\n";
    } else {
      PrintSurveys(response.surveys());
    }
  });
}

}  // namespace

void AddHouseholdCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* household = app.add_subcommand("household", Tr("help.household"));
  household->require_subcommand(1);
  AddGet(*household, options, exit_code);
  AddList(*household, options, exit_code);
  AddSearch(*household, options, exit_code);
  AddCreate(*household, options, exit_code);
  AddUpdate(*household, options, exit_code);
  AddAddMember(*household, options, exit_code);
  AddUpdateMember(*household, options, exit_code);
  AddRemoveMember(*household, options, exit_code);
  AddSurvey(*household, options, exit_code);
  AddEnd(*household, options, exit_code, true);
  AddEnd(*household, options, exit_code, false);
  AddRecord(*household, options, exit_code);
  AddEraseCommand(*household, options, exit_code);
  AddRetentionCommand(*household, options, exit_code);
}

}  // namespace ansinh::cli
