#include "commands/assignment_commands.h"

#include <google/protobuf/descriptor.h>

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "commands/enum_choices.h"
#include "enum_words.h"
#include "kernel/ward_clock.h"
#include "output.h"

namespace ansinh::cli {
namespace {

const EnumNames kCaseStates{v1::CaseState_descriptor(), "CASE_STATE_"};
const EnumNames kNeedTypes{v1::NeedType_descriptor(), "NEED_TYPE_"};
const EnumNames kNeedStatuses{v1::NeedStatus_descriptor(), "NEED_STATUS_"};
const EnumNames kSupportTypes{v1::SupportType_descriptor(), "SUPPORT_TYPE_"};
const EnumNames kCreditProgrammes{v1::CreditProgramme_descriptor(), "CREDIT_PROGRAMME_"};
const EnumNames kObservedChanges{v1::ObservedChange_descriptor(), "OBSERVED_CHANGE_"};

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

std::string Who(const v1::Actor& actor) {
  if (actor.organization_id().empty()) return actor.name();
  return actor.name() + " (" + actor.organization_id() + ")";
}

std::string LastVisit(const v1::Case& a_case) {
  std::string latest;
  for (const v1::Visit& visit : a_case.visits()) latest = std::max(latest, visit.visited_on());
  return Date(latest);
}

std::string NeedsSummary(const v1::Case& a_case) {
  int open = 0;
  for (const v1::Need& need : a_case.needs()) open += need.status() == v1::NEED_STATUS_OPEN ? 1 : 0;
  return Tr("cli.cases.open_needs", {{"open", open}, {"total", a_case.needs_size()}});
}

void PrintCasesTable(const google::protobuf::RepeatedPtrField<v1::Case>& cases) {
  Table table(Headings({"heading.case", "heading.household", "heading.group", "heading.category",
                        "heading.state", "heading.organization", "heading.helper", "heading.opened",
                        "heading.last_visit", "heading.open_needs", "heading.version"}));
  for (const v1::Case& a_case : cases) {
    table.AddRow(
        {a_case.case_id(), a_case.household_id(), a_case.residential_group(), EnumWords(a_case.category()),
         EnumWords(a_case.state()),
         a_case.organization_id() + (a_case.has_pending_transfer()
                                         ? " -> " + a_case.pending_transfer().to_organization_id() + "?"
                                         : ""),
         OrDash(a_case.helper_id()), Date(a_case.opened_on()), LastVisit(a_case), NeedsSummary(a_case),
         std::to_string(a_case.version())});
  }
  table.Print(std::cout);
}

void PrintNeeds(const v1::Case& a_case) {
  Table table(Headings({"heading.need", "heading.type", "heading.status", "heading.recorded", "heading.by",
                        "heading.description", "heading.status_reason", "heading.support"}));
  for (const v1::Need& need : a_case.needs()) {
    std::string support;
    for (const std::string& id : need.support_ids()) support += (support.empty() ? "" : ",") + id;
    table.AddRow({need.need_id(), EnumWords(need.type()), EnumWords(need.status()), Date(need.recorded_on()),
                  Who(need.recorded_by()), OrDash(need.description()), OrDash(need.status_reason()),
                  OrDash(support)});
  }
  table.Print(std::cout);
}

// A loan's programme; "-" for other support and for loans recorded before
// programmes were required (UNSPECIFIED).
std::string ProgrammeCell(const v1::SupportRecord& record) {
  if (record.credit_programme() == v1::CREDIT_PROGRAMME_UNSPECIFIED) return OrDash("");
  return EnumWords(record.credit_programme());
}

// "Tổ TK&VV Hội Phụ nữ TDP-05 (womens-union)".
std::string SavingsGroupCell(const v1::SupportRecord& record) {
  if (record.savings_group_organization_id().empty()) return OrDash(record.savings_group());
  return OrDash(record.savings_group()) + " (" + record.savings_group_organization_id() + ")";
}

// "100%"; "-" when not recorded, which is not the same as 0%.
std::string StateShareCell(const v1::SupportRecord& record) {
  if (!record.has_state_share_percent()) return OrDash("");
  return std::to_string(record.state_share_percent()) + "%";
}

// The livelihood model or the emergency the support belongs to; "-" for none.
std::string BelongsToCell(const v1::SupportRecord& record) {
  if (!record.livelihood_model_id().empty()) return record.livelihood_model_id();
  return OrDash(record.emergency_id());
}

void PrintSupport(const v1::Case& a_case) {
  Table table(
      Headings({"heading.support", "heading.type", "heading.amount", "heading.provider", "heading.delivered",
                "heading.need", "heading.programme", "heading.savings_group", "heading.state_share",
                "heading.belongs_to", "heading.description", "heading.recorded_by"}));
  for (const v1::SupportRecord& record : a_case.support_records()) {
    table.AddRow({record.support_id(), EnumWords(record.type()), FormatVnd(record.amount_vnd()),
                  record.provider(), Date(record.delivered_on()), OrDash(record.need_id()),
                  ProgrammeCell(record), SavingsGroupCell(record), StateShareCell(record),
                  BelongsToCell(record), OrDash(record.description()), Who(record.recorded_by())});
  }
  table.Print(std::cout);
}

// The livelihood models the household joined during the case.
void PrintParticipations(const v1::Case& a_case) {
  Table table(
      Headings({"heading.model", "heading.joined", "heading.left", "heading.note", "heading.recorded_by"}));
  for (const v1::ModelParticipation& participation : a_case.participations()) {
    table.AddRow({participation.model_id(), Date(participation.joined_on()), Date(participation.left_on()),
                  OrDash(participation.note()), Who(participation.recorded_by())});
  }
  table.Print(std::cout);
}

// The emergencies that struck the household during the case.
void PrintEmergencyMarks(const v1::Case& a_case) {
  Table table(Headings({"heading.emergency", "heading.affected_on", "heading.note", "heading.recorded_by"}));
  for (const v1::EmergencyMark& mark : a_case.emergency_marks()) {
    table.AddRow({mark.emergency_id(), Date(mark.affected_on()), OrDash(mark.note()), Who(mark.marked_by())});
  }
  table.Print(std::cout);
}

// The confirmation of `support record`: "case C: support S1 recorded (version 7)",
// then the loan's programme and group or the card's state share.
void PrintRecordedSupport(const v1::RecordSupportResponse& response) {
  const v1::SupportRecord& record = response.support();
  std::cout << Tr("cli.support.recorded", {{"case", response.updated_case().case_id()},
                                           {"support", record.support_id()},
                                           {"version", response.updated_case().version()}})
            << "\n";
  if (record.credit_programme() != v1::CREDIT_PROGRAMME_UNSPECIFIED) {
    std::cout << Tr("cli.support.programme",
                    {{"programme", ProgrammeCell(record)}, {"group", SavingsGroupCell(record)}})
              << "\n";
  }
  if (record.has_state_share_percent()) {
    std::cout << Tr("cli.support.state_share", {{"share", StateShareCell(record)}}) << "\n";
  }
  if (!record.livelihood_model_id().empty()) {
    std::cout << Tr("cli.support.model", {{"model", record.livelihood_model_id()}}) << "\n";
  }
  if (!record.emergency_id().empty()) {
    std::cout << Tr("cli.support.emergency", {{"emergency", record.emergency_id()}}) << "\n";
  }
}

void PrintVisits(const v1::Case& a_case) {
  Table table(Headings({"heading.visit", "heading.date", "heading.helper", "heading.change", "heading.notes",
                        "heading.recorded_by"}));
  for (const v1::Visit& visit : a_case.visits()) {
    table.AddRow({visit.visit_id(), Date(visit.visited_on()), OrDash(visit.helper_id()),
                  EnumWords(visit.observed_change()), visit.notes(), Who(visit.recorded_by())});
  }
  table.Print(std::cout);
}

void PrintHistory(const v1::Case& a_case) {
  Table table(Headings({"heading.ver", "heading.at_utc7", "heading.actor", "heading.action", "heading.reason",
                        "heading.detail"}));
  for (const v1::CaseHistoryEntry& entry : a_case.history()) {
    table.AddRow({std::to_string(entry.version()), WardTime(entry.at()), Who(entry.actor()),
                  EnumWords(entry.action()), entry.reason(), entry.detail()});
  }
  table.Print(std::cout);
}

void PrintCase(const v1::Case& a_case) {
  Table summary(Headings({"heading.field", "heading.value"}));
  summary.AddRow({Tr("cli.case.case"), a_case.case_id()});
  summary.AddRow({Tr("cli.case.household"), a_case.household_id() + " (" + a_case.residential_group() + ")"});
  summary.AddRow({Tr("cli.case.case_number"),
                  a_case.previous_case_id().empty()
                      ? std::to_string(a_case.case_number())
                      : Tr("cli.case.case_number_after",
                           {{"number", a_case.case_number()}, {"previous", a_case.previous_case_id()}})});
  summary.AddRow(
      {Tr("cli.case.category"),
       Tr("cli.case.category_value", {{"category", EnumWords(a_case.category())},
                                      {"years", ReviewYears(a_case.review_year(), a_case.list_year())},
                                      {"transition", EnumWords(a_case.last_transition())}})});
  summary.AddRow({Tr("cli.case.state"), EnumWords(a_case.state())});
  summary.AddRow({Tr("cli.case.organization"), a_case.organization_id()});
  summary.AddRow({Tr("cli.case.why"), a_case.assignment_reason()});
  summary.AddRow({Tr("cli.case.helper"), OrDash(a_case.helper_id())});
  summary.AddRow({Tr("cli.case.opened"), Date(a_case.opened_on())});
  if (!a_case.reopened_on().empty()) summary.AddRow({Tr("cli.case.reopened"), Date(a_case.reopened_on())});
  if (!a_case.follow_up_started_on().empty()) {
    summary.AddRow({Tr("cli.case.follow_up"),
                    Tr("cli.case.follow_up_value",
                       {{"from", a_case.follow_up_started_on()}, {"until", a_case.follow_up_until()}})});
  }
  if (!a_case.closed_on().empty()) summary.AddRow({Tr("cli.case.closed"), Date(a_case.closed_on())});
  if (a_case.has_pending_transfer()) {
    const v1::PendingTransfer& pending = a_case.pending_transfer();
    summary.AddRow({Tr("cli.case.pending_transfer"),
                    Tr("cli.case.pending_transfer_value", {{"from", pending.from_organization_id()},
                                                           {"to", pending.to_organization_id()},
                                                           {"by", Who(pending.requested_by())},
                                                           {"at", WardTime(pending.requested_at())},
                                                           {"reason", pending.reason()}})});
  }
  summary.AddRow({Tr("cli.case.version"), std::to_string(a_case.version())});
  summary.Print(std::cout);
  if (a_case.needs_size() > 0) {
    std::cout << "\n" << Tr("cli.case.needs") << "\n";
    PrintNeeds(a_case);
  }
  if (a_case.support_records_size() > 0) {
    std::cout << "\n" << Tr("cli.case.support") << "\n";
    PrintSupport(a_case);
  }
  if (a_case.visits_size() > 0) {
    std::cout << "\n" << Tr("cli.case.visits") << "\n";
    PrintVisits(a_case);
  }
  if (a_case.participations_size() > 0) {
    std::cout << "\n" << Tr("cli.case.participations") << "\n";
    PrintParticipations(a_case);
  }
  if (a_case.emergency_marks_size() > 0) {
    std::cout << "\n" << Tr("cli.case.emergency_marks") << "\n";
    PrintEmergencyMarks(a_case);
  }
  std::cout << "\n" << Tr("cli.case.history") << "\n";
  PrintHistory(a_case);
}

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

std::unique_ptr<v1::Assignment::Stub> Client(const ClientOptions& options) {
  return v1::Assignment::NewStub(options.Channel(options.assignment));
}

// Reads the case, for `support list` and the like.
int WithCase(const ClientOptions& options, const std::string& case_id,
             const std::function<void(const v1::Case&)>& show) {
  v1::GetCaseRequest request;
  request.set_case_id(case_id);
  v1::Case response;
  auto context = options.Context();
  const grpc::Status status = Client(options)->GetCase(context.get(), request, &response);
  return Finish(options, status, Tr("doing.read_case_of", {{"case", case_id}}), response,
                [&] { show(response); });
}

void AddReason(CLI::App* command, std::string& reason) {
  command->add_option("--reason", reason, Tr("help.arg.reason"))->required();
}

// ---------------------------------------------------------------------------
// ansinh cases ...
// ---------------------------------------------------------------------------

void AddCasesList(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string organization, helper, state, group, page_token;
    bool without_helper = false, overdue = false;
    int page_size = 0;
  };
  auto args = std::make_shared<Args>();
  auto* command = cases.add_subcommand("list", Tr("help.cases.list"));
  command->add_option("--organization", args->organization, Tr("help.cases.list.organization"));
  command->add_option("--helper", args->helper, Tr("help.cases.list.helper"));
  command->add_flag("--without-helper", args->without_helper, Tr("help.cases.list.without_helper"));
  command->add_flag("--overdue", args->overdue, Tr("help.cases.list.overdue"));
  command->add_option("--state", args->state, Tr("help.cases.list.state"))
      ->check(CLI::IsMember(kCaseStates.Choices()));
  command->add_option("--group", args->group, Tr("help.cases.list.group"));
  command->add_option("--page-size", args->page_size, Tr("help.cases.list.page_size"));
  command->add_option("--page-token", args->page_token, Tr("help.arg.page_token_printed"));
  command->callback([&options, &exit_code, args] {
    v1::ListCasesRequest request;
    request.set_organization_id(args->organization);
    request.set_helper_id(args->helper);
    request.set_without_helper(args->without_helper);
    request.set_overdue_for_visit(args->overdue);
    request.set_state(static_cast<v1::CaseState>(kCaseStates.Parse(args->state)));
    request.set_residential_group(args->group);
    request.mutable_page()->set_page_size(args->page_size);
    request.mutable_page()->set_page_token(args->page_token);
    v1::ListCasesResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->ListCases(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_cases"), response, [&] {
      PrintCasesTable(response.cases());
      std::cout << Tr("cli.cases.shown", {{"shown", Number(response.cases_size())},
                                          {"total", Number(response.page().total_size())}});
      if (!response.page().next_page_token().empty()) {
        std::cout << Tr("cli.page.next", {{"token", response.page().next_page_token()}});
      }
      std::cout << "\n";
    });
  });
}

void AddCasesShow(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string case_id, household;
  };
  auto args = std::make_shared<Args>();
  auto* command = cases.add_subcommand("show", Tr("help.cases.show"));
  auto* by_case = command->add_option("case_id", args->case_id, Tr("help.cases.show.case"));
  auto* by_household = command->add_option("--household", args->household, Tr("help.cases.show.household"));
  by_case->excludes(by_household);
  command->callback([&options, &exit_code, args] {
    v1::Case response;
    auto context = options.Context();
    grpc::Status status;
    if (!args->household.empty()) {
      v1::GetCaseByHouseholdRequest request;
      request.set_household_id(args->household);
      status = Client(options)->GetCaseByHousehold(context.get(), request, &response);
    } else {
      v1::GetCaseRequest request;
      request.set_case_id(args->case_id);
      status = Client(options)->GetCase(context.get(), request, &response);
    }
    exit_code = Finish(options, status, Tr("doing.read_case"), response, [&] { PrintCase(response); });
  });
}

void AddCasesWorkload(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string organization;
    bool include_inactive = false;
  };
  auto args = std::make_shared<Args>();
  auto* command = cases.add_subcommand("workload", Tr("help.cases.workload"));
  command->add_option("--organization", args->organization, Tr("help.cases.workload.organization"));
  command->add_flag("--include-inactive", args->include_inactive, Tr("help.cases.workload.include_inactive"));
  command->callback([&options, &exit_code, args] {
    v1::GetWorkloadRequest request;
    request.set_organization_id(args->organization);
    request.set_include_inactive(args->include_inactive);
    v1::GetWorkloadResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->GetWorkload(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.read_workloads"), response, [&] {
      Table organizations(
          Headings({"heading.organization", "heading.name", "heading.open", "heading.capacity",
                    "heading.follow_up", "heading.no_helper", "heading.overdue", "heading.active"}));
      for (const v1::OrganizationWorkload& row : response.organizations()) {
        organizations.AddRow({row.organization_id(), row.organization_name(), Number(row.open_cases()),
                              Number(row.capacity()), Number(row.follow_up_cases()),
                              Number(row.cases_without_helper()), Number(row.cases_overdue_for_visit()),
                              Tr(row.active() ? "cli.yes" : "cli.no")});
      }
      organizations.Print(std::cout);
      std::cout << "\n";
      Table helpers(Headings({"heading.helper", "heading.name", "heading.organization", "heading.open",
                              "heading.max", "heading.follow_up", "heading.overdue", "heading.active"}));
      for (const v1::HelperWorkload& row : response.helpers()) {
        helpers.AddRow({row.helper_id(), row.full_name(), row.organization_id(), Number(row.open_cases()),
                        Number(row.max_caseload()), Number(row.follow_up_cases()),
                        Number(row.cases_overdue_for_visit()), Tr(row.active() ? "cli.yes" : "cli.no")});
      }
      helpers.Print(std::cout);
    });
  });
}

void AddCasesTransfer(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string case_id, to, reason;
  };
  auto args = std::make_shared<Args>();
  auto* command = cases.add_subcommand("transfer", Tr("help.cases.transfer"));
  command->add_option("case_id", args->case_id, Tr("help.arg.case"))->required();
  command->add_option("--to", args->to, Tr("help.cases.transfer.to"))->required();
  AddReason(command, args->reason);
  command->callback([&options, &exit_code, args] {
    v1::RequestTransferRequest request;
    request.set_case_id(args->case_id);
    request.set_to_organization_id(args->to);
    request.set_reason(args->reason);
    v1::Case response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->RequestTransfer(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.request_transfer"), response, [&] {
      std::cout << Tr("cli.cases.transfer_requested", {{"case", response.case_id()},
                                                       {"to", args->to},
                                                       {"organization", response.organization_id()},
                                                       {"version", response.version()}})
                << "\n";
    });
  });
}

// `cases accept` and `cases decline`: the addressed organization's answer.
void AddCasesAnswer(CLI::App& cases, const ClientOptions& options, int& exit_code, bool accept) {
  struct Args {
    std::string case_id, reason;
  };
  auto args = std::make_shared<Args>();
  auto* command = cases.add_subcommand(accept ? "accept" : "decline",
                                       Tr(accept ? "help.cases.accept" : "help.cases.decline"));
  command->add_option("case_id", args->case_id, Tr("help.arg.case"))->required();
  AddReason(command, args->reason);
  command->callback([&options, &exit_code, args, accept] {
    v1::Case response;
    auto context = options.Context();
    grpc::Status status;
    if (accept) {
      v1::AcceptTransferRequest request;
      request.set_case_id(args->case_id);
      request.set_reason(args->reason);
      status = Client(options)->AcceptTransfer(context.get(), request, &response);
    } else {
      v1::DeclineTransferRequest request;
      request.set_case_id(args->case_id);
      request.set_reason(args->reason);
      status = Client(options)->DeclineTransfer(context.get(), request, &response);
    }
    exit_code = Finish(options, status, Tr(accept ? "doing.accept_transfer" : "doing.decline_transfer"),
                       response, [&] {
                         std::cout << Tr(accept ? "cli.cases.accepted" : "cli.cases.declined",
                                         {{"case", response.case_id()},
                                          {"organization", response.organization_id()},
                                          {"version", response.version()}})
                                   << "\n";
                       });
  });
}

void PrintOrganizations(const v1::ListOrganizationsResponse& response) {
  Table table(Headings({"heading.organization", "heading.name", "heading.capacity", "heading.active",
                        "heading.residential_groups", "heading.version"}));
  for (const v1::Organization& organization : response.organizations()) {
    std::string groups;
    for (const std::string& group : organization.residential_groups())
      groups += (groups.empty() ? "" : ",") + group;
    table.AddRow({organization.id(), organization.name(), Number(organization.capacity()),
                  Tr(organization.active() ? "cli.yes" : "cli.no"), groups,
                  std::to_string(organization.version())});
  }
  table.Print(std::cout);
}

void AddOrganizationCommands(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  auto* organizations = cases.add_subcommand("organizations", Tr("help.cases.organizations"));
  organizations->require_subcommand(1);

  auto include_inactive = std::make_shared<bool>(false);
  auto* list = organizations->add_subcommand("list", Tr("help.cases.organizations.list"));
  list->add_flag("--include-inactive", *include_inactive,
                 Tr("help.cases.organizations.list.include_inactive"));
  list->callback([&options, &exit_code, include_inactive] {
    v1::ListOrganizationsRequest request;
    request.set_include_inactive(*include_inactive);
    v1::ListOrganizationsResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->ListOrganizations(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_organizations"), response,
                       [&] { PrintOrganizations(response); });
  });

  struct Args {
    std::string id, name, reason;
    std::vector<std::string> groups;
    int capacity = 0;
    bool inactive = false;
  };
  auto args = std::make_shared<Args>();
  auto* set = organizations->add_subcommand("set", Tr("help.cases.organizations.set"));
  set->add_option("--id", args->id, Tr("help.cases.organizations.set.id"))->required();
  set->add_option("--name", args->name, Tr("help.cases.organizations.set.name"))->required();
  set->add_option("--groups", args->groups, Tr("help.cases.organizations.set.groups"))
      ->delimiter(',')
      ->required();
  set->add_option("--capacity", args->capacity, Tr("help.cases.organizations.set.capacity"))->required();
  set->add_flag("--inactive", args->inactive, Tr("help.cases.organizations.set.inactive"));
  AddReason(set, args->reason);
  set->callback([&options, &exit_code, args] {
    v1::UpsertOrganizationRequest request;
    v1::Organization* organization = request.mutable_organization();
    organization->set_id(args->id);
    organization->set_name(args->name);
    for (const std::string& group : args->groups) organization->add_residential_groups(group);
    organization->set_capacity(args->capacity);
    organization->set_active(!args->inactive);
    request.set_reason(args->reason);
    v1::UpsertOrganizationResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->UpsertOrganization(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.save_organization"), response, [&] {
      std::cout << Tr(response.created() ? "cli.organization.created" : "cli.organization.saved",
                      {{"organization", response.organization().id()},
                       {"version", response.organization().version()}})
                << "\n";
    });
  });
}

void AddHelperCommands(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  auto* helpers = cases.add_subcommand("helpers", Tr("help.cases.helpers"));
  helpers->require_subcommand(1);

  struct ListArgs {
    std::string organization;
    bool include_inactive = false;
  };
  auto list_args = std::make_shared<ListArgs>();
  auto* list = helpers->add_subcommand("list", Tr("help.cases.helpers.list"));
  list->add_option("--organization", list_args->organization, Tr("help.cases.helpers.list.organization"));
  list->add_flag("--include-inactive", list_args->include_inactive,
                 Tr("help.cases.helpers.list.include_inactive"));
  list->callback([&options, &exit_code, list_args] {
    v1::ListHelpersRequest request;
    request.set_organization_id(list_args->organization);
    request.set_include_inactive(list_args->include_inactive);
    v1::ListHelpersResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->ListHelpers(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_helpers"), response, [&] {
      Table table(Headings({"heading.helper", "heading.name", "heading.organization", "heading.phone",
                            "heading.max_caseload", "heading.active", "heading.version"}));
      for (const v1::Helper& helper : response.helpers()) {
        table.AddRow({helper.id(), helper.full_name(), helper.organization_id(), helper.phone(),
                      Number(helper.max_caseload()), Tr(helper.active() ? "cli.yes" : "cli.no"),
                      std::to_string(helper.version())});
      }
      table.Print(std::cout);
    });
  });

  struct Args {
    std::string id, name, organization, phone, reason;
    int max_caseload = 0;
    bool inactive = false;
  };
  auto args = std::make_shared<Args>();
  auto* set = helpers->add_subcommand("set", Tr("help.cases.helpers.set"));
  set->add_option("--id", args->id, Tr("help.cases.helpers.set.id"))->required();
  set->add_option("--name", args->name, Tr("help.cases.helpers.set.name"))->required();
  set->add_option("--organization", args->organization, Tr("help.cases.helpers.set.organization"))
      ->required();
  set->add_option("--phone", args->phone, Tr("help.cases.helpers.set.phone"))->required();
  set->add_option("--max-caseload", args->max_caseload, Tr("help.cases.helpers.set.max_caseload"))
      ->required();
  set->add_flag("--inactive", args->inactive, Tr("help.cases.helpers.set.inactive"));
  AddReason(set, args->reason);
  set->callback([&options, &exit_code, args] {
    v1::UpsertHelperRequest request;
    v1::Helper* helper = request.mutable_helper();
    helper->set_id(args->id);
    helper->set_full_name(args->name);
    helper->set_organization_id(args->organization);
    helper->set_phone(args->phone);
    helper->set_max_caseload(args->max_caseload);
    helper->set_active(!args->inactive);
    request.set_reason(args->reason);
    v1::UpsertHelperResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->UpsertHelper(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.save_helper"), response, [&] {
      std::cout << Tr(response.created() ? "cli.helper.created" : "cli.helper.saved",
                      {{"helper", response.helper().id()}, {"version", response.helper().version()}})
                << "\n";
    });
  });
}

void AddCasesCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* cases = app.add_subcommand("cases", Tr("help.cases"));
  cases->require_subcommand(1);
  AddCasesList(*cases, options, exit_code);
  AddCasesShow(*cases, options, exit_code);
  AddCasesWorkload(*cases, options, exit_code);
  AddCasesTransfer(*cases, options, exit_code);
  AddCasesAnswer(*cases, options, exit_code, /*accept=*/true);
  AddCasesAnswer(*cases, options, exit_code, /*accept=*/false);
  AddOrganizationCommands(*cases, options, exit_code);
  AddHelperCommands(*cases, options, exit_code);
}

// ---------------------------------------------------------------------------
// ansinh assign, support, visit, needs
// ---------------------------------------------------------------------------

void AddAssignCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string case_id, helper, reason, assigned_on;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("assign", Tr("help.assign"));
  command->add_option("case_id", args->case_id, Tr("help.arg.case"))->required();
  command->add_option("helper_id", args->helper, Tr("help.assign.helper"))->required();
  command->add_option("--on", args->assigned_on, Tr("help.assign.on"));
  AddReason(command, args->reason);
  command->callback([&options, &exit_code, args] {
    v1::AssignHelperRequest request;
    request.set_case_id(args->case_id);
    request.set_helper_id(args->helper);
    request.set_reason(args->reason);
    request.set_assigned_on(args->assigned_on);
    v1::Case response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->AssignHelper(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.assign_helper"), response, [&] {
      std::cout << Tr("cli.assign.done", {{"case", response.case_id()},
                                          {"helper", response.helper_id()},
                                          {"version", response.version()}})
                << "\n";
    });
  });
}

void AddSupportCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* support = app.add_subcommand("support", Tr("help.support"));
  support->require_subcommand(1);

  struct Args {
    std::string case_id, type, provider, date, need, description, reason;
    std::string programme, savings_group, group_organization;
    std::string model, emergency;
    int64_t amount = 0;
    bool marks_need_met = false;
    // Only sent when given: an unset share is not 0%.
    int state_share = 0;
    CLI::Option* state_share_option = nullptr;
  };
  auto args = std::make_shared<Args>();
  auto* record = support->add_subcommand("record", Tr("help.support.record"));
  record->add_option("case_id", args->case_id, Tr("help.arg.case"))->required();
  record->add_option("--type", args->type, Tr("help.support.record.type"))
      ->check(CLI::IsMember(kSupportTypes.Choices()))
      ->required();
  record->add_option("--amount", args->amount, Tr("help.support.record.amount"));
  record->add_option("--provider", args->provider, Tr("help.support.record.provider"))->required();
  record->add_option("--date", args->date, Tr("help.support.record.date"));
  record->add_option("--need", args->need, Tr("help.support.record.need"));
  record->add_flag("--marks-need-met", args->marks_need_met, Tr("help.support.record.marks_need_met"));
  record->add_option("--description", args->description, Tr("help.arg.description_other"));
  record->add_option("--programme", args->programme, Tr("help.support.record.programme"))
      ->check(CLI::IsMember(kCreditProgrammes.Choices()));
  record->add_option("--savings-group", args->savings_group, Tr("help.support.record.savings_group"));
  record->add_option("--group-organization", args->group_organization,
                     Tr("help.support.record.group_organization"));
  args->state_share_option =
      record->add_option("--state-share", args->state_share, Tr("help.support.record.state_share"));
  record->add_option("--model", args->model, Tr("help.support.record.model"));
  record->add_option("--emergency", args->emergency, Tr("help.support.record.emergency"));
  AddReason(record, args->reason);
  record->callback([&options, &exit_code, args] {
    v1::RecordSupportRequest request;
    request.set_case_id(args->case_id);
    request.set_type(static_cast<v1::SupportType>(kSupportTypes.Parse(args->type)));
    request.set_amount_vnd(args->amount);
    request.set_provider(args->provider);
    request.set_delivered_on(args->date.empty() ? FormatIsoDate(WardClock().Today()) : args->date);
    request.set_need_id(args->need);
    request.set_marks_need_met(args->marks_need_met);
    request.set_description(args->description);
    request.set_credit_programme(static_cast<v1::CreditProgramme>(kCreditProgrammes.Parse(args->programme)));
    request.set_savings_group(args->savings_group);
    request.set_savings_group_organization_id(args->group_organization);
    if (args->state_share_option->count() > 0) request.set_state_share_percent(args->state_share);
    request.set_livelihood_model_id(args->model);
    request.set_emergency_id(args->emergency);
    request.set_reason(args->reason);
    v1::RecordSupportResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->RecordSupport(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.record_support"), response,
                       [&] { PrintRecordedSupport(response); });
  });

  auto list_case = std::make_shared<std::string>();
  auto* list = support->add_subcommand("list", Tr("help.support.list"));
  list->add_option("case_id", *list_case, Tr("help.arg.case"))->required();
  list->callback(
      [&options, &exit_code, list_case] { exit_code = WithCase(options, *list_case, PrintSupport); });
}

void AddVisitCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* visit = app.add_subcommand("visit", Tr("help.visit"));
  visit->require_subcommand(1);

  struct Args {
    std::string case_id, date, helper, notes, change, reason;
  };
  auto args = std::make_shared<Args>();
  auto* record = visit->add_subcommand("record", Tr("help.visit.record"));
  record->add_option("case_id", args->case_id, Tr("help.arg.case"))->required();
  record->add_option("--date", args->date, Tr("help.visit.record.date"));
  record->add_option("--helper", args->helper, Tr("help.visit.record.helper"));
  record->add_option("--notes", args->notes, Tr("help.visit.record.notes"))->required();
  record->add_option("--change", args->change, Tr("help.visit.record.change"))
      ->check(CLI::IsMember(kObservedChanges.Choices()))
      ->required();
  AddReason(record, args->reason);
  record->callback([&options, &exit_code, args] {
    v1::RecordVisitRequest request;
    request.set_case_id(args->case_id);
    request.set_visited_on(args->date.empty() ? FormatIsoDate(WardClock().Today()) : args->date);
    request.set_helper_id(args->helper);
    request.set_notes(args->notes);
    request.set_observed_change(static_cast<v1::ObservedChange>(kObservedChanges.Parse(args->change)));
    request.set_reason(args->reason);
    v1::RecordVisitResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->RecordVisit(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.record_visit"), response, [&] {
      std::cout << Tr("cli.visit.recorded", {{"case", response.updated_case().case_id()},
                                             {"visit", response.visit().visit_id()},
                                             {"version", response.updated_case().version()}})
                << "\n";
    });
  });

  auto list_case = std::make_shared<std::string>();
  auto* list = visit->add_subcommand("list", Tr("help.visit.list"));
  list->add_option("case_id", *list_case, Tr("help.arg.case"))->required();
  list->callback(
      [&options, &exit_code, list_case] { exit_code = WithCase(options, *list_case, PrintVisits); });
}

void AddNeedsCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* needs = app.add_subcommand("needs", Tr("help.needs"));
  needs->require_subcommand(1);

  struct RecordArgs {
    std::string case_id, type, description, reason;
  };
  auto record_args = std::make_shared<RecordArgs>();
  auto* record = needs->add_subcommand("record", Tr("help.needs.record"));
  record->add_option("case_id", record_args->case_id, Tr("help.arg.case"))->required();
  record->add_option("--type", record_args->type, Tr("help.needs.record.type"))
      ->check(CLI::IsMember(kNeedTypes.Choices()))
      ->required();
  record->add_option("--description", record_args->description, Tr("help.arg.description_other"));
  AddReason(record, record_args->reason);
  record->callback([&options, &exit_code, record_args] {
    v1::RecordNeedRequest request;
    request.set_case_id(record_args->case_id);
    request.set_type(static_cast<v1::NeedType>(kNeedTypes.Parse(record_args->type)));
    request.set_description(record_args->description);
    request.set_reason(record_args->reason);
    v1::RecordNeedResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->RecordNeed(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.record_need"), response, [&] {
      std::cout << Tr("cli.need.recorded", {{"case", response.updated_case().case_id()},
                                            {"need", response.need().need_id()},
                                            {"version", response.updated_case().version()}})
                << "\n";
    });
  });

  struct UpdateArgs {
    std::string case_id, need_id, status, reason;
  };
  auto update_args = std::make_shared<UpdateArgs>();
  auto* update = needs->add_subcommand("update", Tr("help.needs.update"));
  update->add_option("case_id", update_args->case_id, Tr("help.arg.case"))->required();
  update->add_option("need_id", update_args->need_id, Tr("help.needs.update.need"))->required();
  update->add_option("--status", update_args->status, Tr("help.needs.update.status"))
      ->check(CLI::IsMember({"met", "no-longer-needed"}))
      ->required();
  AddReason(update, update_args->reason);
  update->callback([&options, &exit_code, update_args] {
    v1::UpdateNeedStatusRequest request;
    request.set_case_id(update_args->case_id);
    request.set_need_id(update_args->need_id);
    request.set_status(static_cast<v1::NeedStatus>(kNeedStatuses.Parse(update_args->status)));
    request.set_reason(update_args->reason);
    v1::Case response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->UpdateNeedStatus(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.update_need"), response, [&] {
      std::cout << Tr("cli.need.updated",
                      {{"case", response.case_id()},
                       {"need", update_args->need_id},
                       {"status",
                        EnumWords(static_cast<v1::NeedStatus>(kNeedStatuses.Parse(update_args->status)))},
                       {"version", response.version()}})
                << "\n";
    });
  });

  auto list_case = std::make_shared<std::string>();
  auto* list = needs->add_subcommand("list", Tr("help.needs.list"));
  list->add_option("case_id", *list_case, Tr("help.arg.case"))->required();
  list->callback(
      [&options, &exit_code, list_case] { exit_code = WithCase(options, *list_case, PrintNeeds); });
}

}  // namespace

void AddAssignmentCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  AddCasesCommand(app, options, exit_code);
  AddAssignCommand(app, options, exit_code);
  AddSupportCommand(app, options, exit_code);
  AddVisitCommand(app, options, exit_code);
  AddNeedsCommand(app, options, exit_code);
}

}  // namespace ansinh::cli
