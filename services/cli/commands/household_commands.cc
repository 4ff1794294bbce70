#include "commands/household_commands.h"

#include <iostream>
#include <memory>

#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/registry_output.h"
#include "output.h"

namespace ansinh::cli {
namespace {

std::unique_ptr<v1::Registry::Stub> RegistryStub(const ClientOptions& options) {
  return v1::Registry::NewStub(options.Channel(options.registry));
}

// Prints `household` (table or JSON of `response`) after a change.
void PrintChanged(const ClientOptions& options, const google::protobuf::Message& response,
                  const v1::Household& household, const std::string& what) {
  if (options.json) {
    std::cout << ToJson(response) << "\n";
    return;
  }
  std::cout << what << " " << household.household_id() << " (" << household.code() << "), now at version "
            << household.version() << ".\n\n";
  PrintHousehold(household);
}

// --- get ---------------------------------------------------------------------

void AddGet(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("get", "Show one household, by id or by code");
  auto id = std::make_shared<std::string>();
  auto code = std::make_shared<std::string>();
  auto* id_option = command->add_option("id", *id, "Household id, e.g. HH-000123");
  auto* code_option = command->add_option("--code", *code, "Household code, e.g. T05-017 or t5-17");
  id_option->excludes(code_option);
  command->callback([&options, &exit_code, id, code] {
    if (id->empty() && code->empty()) throw CLI::ValidationError("give a household id or --code");
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
      exit_code = ReportError(status, "household get");
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
    command.add_option("--page-size", page_size, "Households per page (default 50, at most 500)")
        ->check(CLI::Range(0, 500));
    command.add_option("--page-token", page_token, "Continue from a previous page");
    command.add_flag("--all", all, "Every page, not just the first");
  }
};

void PrintPageFooter(size_t shown, const v1::PageResponse& page) {
  std::cout << "\n" << shown << " of " << Grouped(page.total_size()) << " shown.";
  if (!page.next_page_token().empty()) {
    std::cout << " Next page: --page-token " << page.next_page_token() << " (or --all)";
  }
  std::cout << "\n";
}

void AddList(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("list", "List households, by residential group and status");
  auto group = std::make_shared<std::string>();
  auto status_text = std::make_shared<std::string>();
  auto paging = std::make_shared<PagingFlags>();
  command->add_option("--group", *group, "Residential group, e.g. TDP-05");
  command->add_option("--status", *status_text, "active, moved-out or dissolved");
  paging->Add(*command);
  command->callback([&options, &exit_code, group, status_text, paging] {
    v1::ListHouseholdsRequest request;
    request.set_residential_group(*group);
    if (!status_text->empty()) {
      const std::optional<int> status = ParseEnumLabel(*v1::HouseholdStatus_descriptor(), *status_text);
      if (!status) throw CLI::ValidationError("--status", "active, moved-out or dissolved");
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
        exit_code = ReportError(status, "household list");
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
  auto* command =
      household.add_subcommand("search", "Find households by a member's name, with or without diacritics");
  auto query = std::make_shared<std::string>();
  auto group = std::make_shared<std::string>();
  auto paging = std::make_shared<PagingFlags>();
  command->add_option("query", *query, "Words of the name, e.g. \"nguyen thi huong\"")->required();
  command->add_option("--group", *group, "Only this residential group, e.g. TDP-05");
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
        exit_code = ReportError(status, "household search");
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
    Table table({"HOUSEHOLD", "CODE", "GROUP", "STATUS", "MATCHED", "ADDRESS", "VERSION"});
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
                    hit.household().residential_group(),
                    EnumLabel(*v1::HouseholdStatus_descriptor(), hit.household().status()), matched,
                    hit.household().address(), std::to_string(hit.household().version())});
    }
    table.Print(std::cout);
    PrintPageFooter(static_cast<size_t>(all.hits_size()), all.page());
  });
}

// --- create / update ---------------------------------------------------------------

void AddCreate(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand(
      "create", "Register a household from a JSON file (a Household, proto field names)");
  auto file = std::make_shared<std::string>();
  command->add_option("--file", *file, "household.json, or - for standard input")->required();
  command->callback([&options, &exit_code, file] {
    v1::CreateHouseholdRequest request;
    ReadJsonFile(*file, *request.mutable_household());
    v1::CreateHouseholdResponse response;
    const grpc::Status status =
        RegistryStub(options)->CreateHousehold(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, "household create");
      return;
    }
    PrintChanged(options, response, response.household(), "Registered household");
  });
}

void AddUpdate(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command =
      household.add_subcommand("update", "Change a household's address, residential group or head");
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto address = std::make_shared<std::string>();
  auto group = std::make_shared<std::string>();
  auto head = std::make_shared<std::string>();
  auto relations = std::make_shared<std::vector<std::string>>();
  command->add_option("id", *id, "Household id")->required();
  command->add_option("--version", *version, "The version you read (household get)")->required();
  command->add_option("--address", *address, "New address");
  command->add_option("--group", *group, "New residential group, e.g. TDP-07");
  auto* head_option = command->add_option("--head", *head, "Member id of the new head, e.g. M2");
  command
      ->add_option("--relation", *relations,
                   "With --head: a member's relation to the new head, MEMBER=RELATION "
                   "(e.g. M1=spouse); give one for the former head and for every member "
                   "whose relation changes")
      ->needs(head_option);
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
        throw CLI::ValidationError("--relation",
                                   "expected MEMBER=RELATION (spouse, child, parent, "
                                   "grandchild, sibling, child-in-law, other-relative, "
                                   "non-relative), got \"" +
                                       text + "\"");
      }
      v1::MemberRelation* item = request.add_relations();
      item->set_member_id(text.substr(0, equals));
      item->set_relation_to_head(static_cast<v1::RelationToHead>(*relation));
    }
    v1::UpdateHouseholdResponse response;
    const grpc::Status status =
        RegistryStub(options)->UpdateHousehold(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, "household update");
      return;
    }
    PrintChanged(options, response, response.household(), "Updated household");
  });
}

// --- members -----------------------------------------------------------------

void AddAddMember(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand(
      "add-member", "Add a member (birth, marriage, moving in) from a JSON file (a Member)");
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto file = std::make_shared<std::string>();
  command->add_option("id", *id, "Household id")->required();
  command->add_option("--version", *version, "The version you read (household get)")->required();
  command->add_option("--file", *file, "member.json, or - for standard input")->required();
  command->callback([&options, &exit_code, id, version, file] {
    v1::AddMemberRequest request;
    request.set_household_id(*id);
    request.set_expected_version(*version);
    ReadJsonFile(*file, *request.mutable_member());
    v1::AddMemberResponse response;
    const grpc::Status status = RegistryStub(options)->AddMember(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, "household add-member");
      return;
    }
    PrintChanged(options, response, response.household(), "Added member " + response.member_id() + " to");
  });
}

void AddUpdateMember(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand(
      "update-member", "Replace a member's data from a JSON file (a Member; every field is replaced)");
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto file = std::make_shared<std::string>();
  auto member_id = std::make_shared<std::string>();
  command->add_option("id", *id, "Household id")->required();
  command->add_option("--version", *version, "The version you read (household get)")->required();
  command->add_option("--file", *file, "member.json, or - for standard input")->required();
  command->add_option("--member", *member_id, "The member, e.g. M3 (default: member_id in the file)");
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
      exit_code = ReportError(status, "household update-member");
      return;
    }
    PrintChanged(options, response, response.household(),
                 "Updated member " + request.member().member_id() + " of");
  });
}

void AddRemoveMember(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("remove-member", "Remove a member (death, moving away)");
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto member_id = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  command->add_option("id", *id, "Household id")->required();
  command->add_option("--version", *version, "The version you read (household get)")->required();
  command->add_option("--member", *member_id, "The member, e.g. M3")->required();
  command->add_option("--reason", *reason, "Why, e.g. \"died 2025-03-02\"")->required();
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
      exit_code = ReportError(status, "household remove-member");
      return;
    }
    PrintChanged(options, response, response.household(), "Removed member " + *member_id + " from");
  });
}

// --- surveys -------------------------------------------------------------------

void AddSurvey(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand(
      "survey", "Record a review survey from a JSON file (a Survey, proto field names)");
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto file = std::make_shared<std::string>();
  command->add_option("id", *id, "Household id")->required();
  command->add_option("--file", *file, "survey.json, or - for standard input")->required();
  command->add_option("--version", *version,
                      "The household version the surveyor's member list came from (default: "
                      "the current one)");
  command->callback([&options, &exit_code, id, version, file] {
    v1::RecordSurveyRequest request;
    ReadJsonFile(*file, *request.mutable_survey());
    request.mutable_survey()->set_household_id(*id);
    request.set_expected_version(*version);
    v1::RecordSurveyResponse response;
    const grpc::Status status =
        RegistryStub(options)->RecordSurvey(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, "household survey");
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      return;
    }
    std::cout << "Recorded survey " << response.survey().survey_id() << " of household " << *id
              << " (member snapshot of version " << response.household_version() << ").\n\n";
    google::protobuf::RepeatedPtrField<v1::Survey> surveys;
    *surveys.Add() = response.survey();
    PrintSurveys(surveys);
  });
}

// --- ending a household ------------------------------------------------------------

void AddEnd(CLI::App& household, const ClientOptions& options, int& exit_code, bool moving_out) {
  auto* command = household.add_subcommand(moving_out ? "move-out" : "dissolve",
                                           moving_out ? "Record that a household moved out of the ward"
                                                      : "Record that a household ceased to exist");
  auto id = std::make_shared<std::string>();
  auto version = std::make_shared<uint64_t>(0);
  auto reason = std::make_shared<std::string>();
  command->add_option("id", *id, "Household id")->required();
  command->add_option("--version", *version, "The version you read (household get)")->required();
  command
      ->add_option("--reason", *reason,
                   moving_out ? "Why, e.g. \"moved to Huế city, 2025-06\"" : "Why, e.g. \"sole member died\"")
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
      exit_code = ReportError(status, moving_out ? "household move-out" : "household dissolve");
      return;
    }
    PrintChanged(options, *response, after, moving_out ? "Moved out" : "Dissolved");
  });
}

// --- record --------------------------------------------------------------------

void AddRecord(CLI::App& household, const ClientOptions& options, int& exit_code) {
  auto* command = household.add_subcommand("record", "A household with every survey recorded for it");
  auto id = std::make_shared<std::string>();
  command->add_option("id", *id, "Household id")->required();
  command->callback([&options, &exit_code, id] {
    v1::GetHouseholdRecordRequest request;
    request.set_household_id(*id);
    v1::GetHouseholdRecordResponse response;
    const grpc::Status status =
        RegistryStub(options)->GetHouseholdRecord(options.Context().get(), request, &response);
    if (!status.ok()) {
      exit_code = ReportError(status, "household record");
      return;
    }
    if (options.json) {
      std::cout << ToJson(response) << "\n";
      return;
    }
    PrintHousehold(response.household());
    std::cout << "\n";
    if (response.surveys().empty()) {
      std::cout << "No survey recorded.\n";
    } else {
      PrintSurveys(response.surveys());
    }
  });
}

}  // namespace

void AddHouseholdCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* household = app.add_subcommand("household", "Households of the registry (ward officers change them)");
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
}

}  // namespace ansinh::cli
