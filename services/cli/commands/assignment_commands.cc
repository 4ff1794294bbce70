#include "commands/assignment_commands.h"

#include <google/protobuf/descriptor.h>

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "kernel/ward_clock.h"
#include "output.h"

namespace ansinh::cli {
namespace {

// ---------------------------------------------------------------------------
// Enumerations on the command line: "policy-credit" <-> SUPPORT_TYPE_POLICY_CREDIT.
// ---------------------------------------------------------------------------

struct EnumNames {
  const google::protobuf::EnumDescriptor* descriptor;
  std::string prefix;  // "SUPPORT_TYPE_"

  // Every value but UNSPECIFIED, as typed on the command line.
  std::vector<std::string> Choices() const {
    std::vector<std::string> choices;
    for (int i = 0; i < descriptor->value_count(); ++i) {
      if (descriptor->value(i)->number() != 0) choices.push_back(Label(descriptor->value(i)->number()));
    }
    return choices;
  }

  std::string Label(int number) const {
    const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByNumber(number);
    if (value == nullptr) return std::to_string(number);
    std::string name = value->name().substr(prefix.size());
    for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
  }

  // 0 (UNSPECIFIED) for an empty text; the choices are checked by CLI11.
  int Parse(const std::string& text) const {
    if (text.empty()) return 0;
    std::string name = prefix;
    for (char c : text)
      name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByName(name);
    return value == nullptr ? 0 : value->number();
  }
};

const EnumNames kCaseStates{v1::CaseState_descriptor(), "CASE_STATE_"};
const EnumNames kNeedTypes{v1::NeedType_descriptor(), "NEED_TYPE_"};
const EnumNames kNeedStatuses{v1::NeedStatus_descriptor(), "NEED_STATUS_"};
const EnumNames kSupportTypes{v1::SupportType_descriptor(), "SUPPORT_TYPE_"};
const EnumNames kCreditProgrammes{v1::CreditProgramme_descriptor(), "CREDIT_PROGRAMME_"};
const EnumNames kObservedChanges{v1::ObservedChange_descriptor(), "OBSERVED_CHANGE_"};
const EnumNames kCaseActions{v1::CaseAction_descriptor(), "CASE_ACTION_"};
const EnumNames kCategories{v1::PovertyCategory_descriptor(), "POVERTY_CATEGORY_"};
const EnumNames kTransitions{v1::Transition_descriptor(), "TRANSITION_"};

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
  return OrDash(latest);
}

std::string NeedsSummary(const v1::Case& a_case) {
  int open = 0;
  for (const v1::Need& need : a_case.needs()) open += need.status() == v1::NEED_STATUS_OPEN ? 1 : 0;
  return std::to_string(open) + "/" + std::to_string(a_case.needs_size());
}

void PrintCasesTable(const google::protobuf::RepeatedPtrField<v1::Case>& cases) {
  Table table({"CASE", "HOUSEHOLD", "GROUP", "CATEGORY", "STATE", "ORGANIZATION", "HELPER", "OPENED",
               "LAST VISIT", "OPEN NEEDS", "VERSION"});
  for (const v1::Case& a_case : cases) {
    table.AddRow(
        {a_case.case_id(), a_case.household_id(), a_case.residential_group(),
         kCategories.Label(a_case.category()), kCaseStates.Label(a_case.state()),
         a_case.organization_id() + (a_case.has_pending_transfer()
                                         ? " -> " + a_case.pending_transfer().to_organization_id() + "?"
                                         : ""),
         OrDash(a_case.helper_id()), a_case.opened_on(), LastVisit(a_case), NeedsSummary(a_case),
         std::to_string(a_case.version())});
  }
  table.Print(std::cout);
}

void PrintNeeds(const v1::Case& a_case) {
  Table table({"NEED", "TYPE", "STATUS", "RECORDED", "BY", "DESCRIPTION", "STATUS REASON", "SUPPORT"});
  for (const v1::Need& need : a_case.needs()) {
    std::string support;
    for (const std::string& id : need.support_ids()) support += (support.empty() ? "" : ",") + id;
    table.AddRow({need.need_id(), kNeedTypes.Label(need.type()), kNeedStatuses.Label(need.status()),
                  need.recorded_on(), Who(need.recorded_by()), OrDash(need.description()),
                  OrDash(need.status_reason()), OrDash(support)});
  }
  table.Print(std::cout);
}

// A loan's programme; "-" for other support and for loans recorded before
// programmes were required (UNSPECIFIED).
std::string ProgrammeCell(const v1::SupportRecord& record) {
  if (record.credit_programme() == v1::CREDIT_PROGRAMME_UNSPECIFIED) return OrDash("");
  return kCreditProgrammes.Label(record.credit_programme());
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

void PrintSupport(const v1::Case& a_case) {
  Table table({"SUPPORT", "TYPE", "AMOUNT", "PROVIDER", "DELIVERED", "NEED", "PROGRAMME", "SAVINGS GROUP",
               "STATE SHARE", "DESCRIPTION", "RECORDED BY"});
  for (const v1::SupportRecord& record : a_case.support_records()) {
    table.AddRow({record.support_id(), kSupportTypes.Label(record.type()), FormatVnd(record.amount_vnd()),
                  record.provider(), record.delivered_on(), OrDash(record.need_id()), ProgrammeCell(record),
                  SavingsGroupCell(record), StateShareCell(record), OrDash(record.description()),
                  Who(record.recorded_by())});
  }
  table.Print(std::cout);
}

// The confirmation of `support record`: "case C: support S1 recorded (version 7)",
// then the loan's programme and group or the card's state share.
void PrintRecordedSupport(const v1::RecordSupportResponse& response) {
  const v1::SupportRecord& record = response.support();
  std::cout << "case " << response.updated_case().case_id() << ": support " << record.support_id()
            << " recorded (version " << response.updated_case().version() << ")\n";
  if (record.credit_programme() != v1::CREDIT_PROGRAMME_UNSPECIFIED) {
    std::cout << "  programme " << ProgrammeCell(record) << ", savings-and-loan group "
              << SavingsGroupCell(record) << "\n";
  }
  if (record.has_state_share_percent()) std::cout << "  the state pays " << StateShareCell(record) << "\n";
}

void PrintVisits(const v1::Case& a_case) {
  Table table({"VISIT", "DATE", "HELPER", "CHANGE", "NOTES", "RECORDED BY"});
  for (const v1::Visit& visit : a_case.visits()) {
    table.AddRow({visit.visit_id(), visit.visited_on(), OrDash(visit.helper_id()),
                  kObservedChanges.Label(visit.observed_change()), visit.notes(), Who(visit.recorded_by())});
  }
  table.Print(std::cout);
}

void PrintHistory(const v1::Case& a_case) {
  Table table({"VER", "AT (UTC+7)", "ACTOR", "ACTION", "REASON", "DETAIL"});
  for (const v1::CaseHistoryEntry& entry : a_case.history()) {
    table.AddRow({std::to_string(entry.version()), WardTime(entry.at()), Who(entry.actor()),
                  kCaseActions.Label(entry.action()), entry.reason(), entry.detail()});
  }
  table.Print(std::cout);
}

void PrintCase(const v1::Case& a_case) {
  Table summary({"FIELD", "VALUE"});
  summary.AddRow({"case", a_case.case_id()});
  summary.AddRow({"household", a_case.household_id() + " (" + a_case.residential_group() + ")"});
  summary.AddRow(
      {"case number", std::to_string(a_case.case_number()) +
                          (a_case.previous_case_id().empty() ? "" : ", after " + a_case.previous_case_id())});
  summary.AddRow({"category", kCategories.Label(a_case.category()) + " (" +
                                  ReviewYears(a_case.review_year(), a_case.list_year()) + ", " +
                                  kTransitions.Label(a_case.last_transition()) + ")"});
  summary.AddRow({"state", kCaseStates.Label(a_case.state())});
  summary.AddRow({"organization", a_case.organization_id()});
  summary.AddRow({"why", a_case.assignment_reason()});
  summary.AddRow({"helper", OrDash(a_case.helper_id())});
  summary.AddRow({"opened", a_case.opened_on()});
  if (!a_case.reopened_on().empty()) summary.AddRow({"reopened", a_case.reopened_on()});
  if (!a_case.follow_up_started_on().empty()) {
    summary.AddRow({"follow-up", a_case.follow_up_started_on() + " until " + a_case.follow_up_until()});
  }
  if (!a_case.closed_on().empty()) summary.AddRow({"closed", a_case.closed_on()});
  if (a_case.has_pending_transfer()) {
    const v1::PendingTransfer& pending = a_case.pending_transfer();
    summary.AddRow({"pending transfer", pending.from_organization_id() + " -> " +
                                            pending.to_organization_id() + ", asked by " +
                                            Who(pending.requested_by()) + " on " +
                                            WardTime(pending.requested_at()) + ": " + pending.reason()});
  }
  summary.AddRow({"version", std::to_string(a_case.version())});
  summary.Print(std::cout);
  if (a_case.needs_size() > 0) {
    std::cout << "\nNeeds\n";
    PrintNeeds(a_case);
  }
  if (a_case.support_records_size() > 0) {
    std::cout << "\nSupport delivered\n";
    PrintSupport(a_case);
  }
  if (a_case.visits_size() > 0) {
    std::cout << "\nVisits\n";
    PrintVisits(a_case);
  }
  std::cout << "\nHistory\n";
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
  return Finish(options, status, "reading case " + case_id, response, [&] { show(response); });
}

void AddReason(CLI::App* command, std::string& reason) {
  command->add_option("--reason", reason, "Why (recorded in the case history)")->required();
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
  auto* command =
      cases.add_subcommand("list", "Cases matching every filter given (staff: their organization's)");
  command->add_option("--organization", args->organization, "Only cases of this responsible organization");
  command->add_option("--helper", args->helper, "Only cases of this helper");
  command->add_flag("--without-helper", args->without_helper, "Only open or follow-up cases with no helper");
  command->add_flag("--overdue", args->overdue, "Only open or follow-up cases overdue for a visit");
  command->add_option("--state", args->state, "open, follow-up or closed")
      ->check(CLI::IsMember(kCaseStates.Choices()));
  command->add_option("--group", args->group, "Only cases of this residential group, e.g. TDP-05");
  command->add_option("--page-size", args->page_size, "Cases per page (default 50, at most 500)");
  command->add_option("--page-token", args->page_token, "The token printed after the previous page");
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
    exit_code = Finish(options, status, "listing cases", response, [&] {
      PrintCasesTable(response.cases());
      std::cout << response.cases_size() << " of " << response.page().total_size() << " cases";
      if (!response.page().next_page_token().empty()) {
        std::cout << "; next page: --page-token " << response.page().next_page_token();
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
  auto* command = cases.add_subcommand("show", "One case with its needs, support, visits and full history");
  auto* by_case = command->add_option("case_id", args->case_id, "The case, e.g. CASE-HH-000123-1");
  auto* by_household = command->add_option("--household", args->household,
                                           "The household's current case instead, e.g. HH-000123");
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
    exit_code = Finish(options, status, "reading the case", response, [&] { PrintCase(response); });
  });
}

void AddCasesWorkload(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string organization;
    bool include_inactive = false;
  };
  auto args = std::make_shared<Args>();
  auto* command =
      cases.add_subcommand("workload", "Open cases against capacity, per organization and helper");
  command->add_option("--organization", args->organization, "Only this organization and its helpers");
  command->add_flag("--include-inactive", args->include_inactive,
                    "Include inactive organizations and helpers");
  command->callback([&options, &exit_code, args] {
    v1::GetWorkloadRequest request;
    request.set_organization_id(args->organization);
    request.set_include_inactive(args->include_inactive);
    v1::GetWorkloadResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->GetWorkload(context.get(), request, &response);
    exit_code = Finish(options, status, "reading workloads", response, [&] {
      Table organizations(
          {"ORGANIZATION", "NAME", "OPEN", "CAPACITY", "FOLLOW-UP", "NO HELPER", "OVERDUE", "ACTIVE"});
      for (const v1::OrganizationWorkload& row : response.organizations()) {
        organizations.AddRow({row.organization_id(), row.organization_name(),
                              std::to_string(row.open_cases()), std::to_string(row.capacity()),
                              std::to_string(row.follow_up_cases()),
                              std::to_string(row.cases_without_helper()),
                              std::to_string(row.cases_overdue_for_visit()), row.active() ? "yes" : "no"});
      }
      organizations.Print(std::cout);
      std::cout << "\n";
      Table helpers({"HELPER", "NAME", "ORGANIZATION", "OPEN", "MAX", "FOLLOW-UP", "OVERDUE", "ACTIVE"});
      for (const v1::HelperWorkload& row : response.helpers()) {
        helpers.AddRow({row.helper_id(), row.full_name(), row.organization_id(),
                        std::to_string(row.open_cases()), std::to_string(row.max_caseload()),
                        std::to_string(row.follow_up_cases()), std::to_string(row.cases_overdue_for_visit()),
                        row.active() ? "yes" : "no"});
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
  auto* command = cases.add_subcommand("transfer", "Ask another organization to take the case over");
  command->add_option("case_id", args->case_id, "The case")->required();
  command->add_option("--to", args->to, "The organization asked, e.g. farmers-union")->required();
  AddReason(command, args->reason);
  command->callback([&options, &exit_code, args] {
    v1::RequestTransferRequest request;
    request.set_case_id(args->case_id);
    request.set_to_organization_id(args->to);
    request.set_reason(args->reason);
    v1::Case response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->RequestTransfer(context.get(), request, &response);
    exit_code = Finish(options, status, "requesting the transfer", response, [&] {
      std::cout << "case " << response.case_id() << ": transfer to " << args->to
                << " requested; it stays with " << response.organization_id() << " until " << args->to
                << " accepts (version " << response.version() << ")\n";
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
                                       accept ? "Take over a case whose transfer is addressed to you"
                                              : "Refuse a transfer; the case stays where it is");
  command->add_option("case_id", args->case_id, "The case")->required();
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
    exit_code =
        Finish(options, status, accept ? "accepting the transfer" : "declining the transfer", response, [&] {
          std::cout << "case " << response.case_id() << " is with " << response.organization_id()
                    << (accept ? "; assign it a helper with `ansinh assign`" : "") << " (version "
                    << response.version() << ")\n";
        });
  });
}

void PrintOrganizations(const v1::ListOrganizationsResponse& response) {
  Table table({"ORGANIZATION", "NAME", "CAPACITY", "ACTIVE", "RESIDENTIAL GROUPS", "VERSION"});
  for (const v1::Organization& organization : response.organizations()) {
    std::string groups;
    for (const std::string& group : organization.residential_groups())
      groups += (groups.empty() ? "" : ",") + group;
    table.AddRow({organization.id(), organization.name(), std::to_string(organization.capacity()),
                  organization.active() ? "yes" : "no", groups, std::to_string(organization.version())});
  }
  table.Print(std::cout);
}

void AddOrganizationCommands(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  auto* organizations = cases.add_subcommand("organizations", "The ward's organizations");
  organizations->require_subcommand(1);

  auto include_inactive = std::make_shared<bool>(false);
  auto* list = organizations->add_subcommand("list", "The organizations, ordered by id");
  list->add_flag("--include-inactive", *include_inactive, "Include inactive organizations");
  list->callback([&options, &exit_code, include_inactive] {
    v1::ListOrganizationsRequest request;
    request.set_include_inactive(*include_inactive);
    v1::ListOrganizationsResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->ListOrganizations(context.get(), request, &response);
    exit_code =
        Finish(options, status, "listing organizations", response, [&] { PrintOrganizations(response); });
  });

  struct Args {
    std::string id, name, reason;
    std::vector<std::string> groups;
    int capacity = 0;
    bool inactive = false;
  };
  auto args = std::make_shared<Args>();
  auto* set = organizations->add_subcommand("set", "Create or replace an organization (ward officers)");
  set->add_option("--id", args->id, "Stable id, e.g. womens-union")->required();
  set->add_option("--name", args->name, "Vietnamese name")->required();
  set->add_option("--groups", args->groups, "Residential groups it covers, e.g. TDP-01,TDP-02")
      ->delimiter(',')
      ->required();
  set->add_option("--capacity", args->capacity, "Open cases it can carry")->required();
  set->add_flag("--inactive", args->inactive, "It receives no new cases");
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
    exit_code = Finish(options, status, "saving the organization", response, [&] {
      std::cout << "organization " << response.organization().id()
                << (response.created() ? " created" : " saved") << " (version "
                << response.organization().version() << ")\n";
    });
  });
}

void AddHelperCommands(CLI::App& cases, const ClientOptions& options, int& exit_code) {
  auto* helpers = cases.add_subcommand("helpers", "The named members who visit households");
  helpers->require_subcommand(1);

  struct ListArgs {
    std::string organization;
    bool include_inactive = false;
  };
  auto list_args = std::make_shared<ListArgs>();
  auto* list = helpers->add_subcommand("list", "Helpers, ordered by id");
  list->add_option("--organization", list_args->organization, "Only this organization's helpers");
  list->add_flag("--include-inactive", list_args->include_inactive, "Include inactive helpers");
  list->callback([&options, &exit_code, list_args] {
    v1::ListHelpersRequest request;
    request.set_organization_id(list_args->organization);
    request.set_include_inactive(list_args->include_inactive);
    v1::ListHelpersResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->ListHelpers(context.get(), request, &response);
    exit_code = Finish(options, status, "listing helpers", response, [&] {
      Table table({"HELPER", "NAME", "ORGANIZATION", "PHONE", "MAX CASELOAD", "ACTIVE", "VERSION"});
      for (const v1::Helper& helper : response.helpers()) {
        table.AddRow({helper.id(), helper.full_name(), helper.organization_id(), helper.phone(),
                      std::to_string(helper.max_caseload()), helper.active() ? "yes" : "no",
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
  auto* set = helpers->add_subcommand(
      "set", "Create or replace a helper (ward officers, or staff of its organization)");
  set->add_option("--id", args->id, "Stable id, e.g. women-03")->required();
  set->add_option("--name", args->name, "Full name with diacritics")->required();
  set->add_option("--organization", args->organization, "The organization the helper belongs to")->required();
  set->add_option("--phone", args->phone, "0xxxxxxxxx or +84xxxxxxxxx")->required();
  set->add_option("--max-caseload", args->max_caseload, "Open cases the helper can carry")->required();
  set->add_flag("--inactive", args->inactive, "The helper receives no new cases");
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
    exit_code = Finish(options, status, "saving the helper", response, [&] {
      std::cout << "helper " << response.helper().id() << (response.created() ? " created" : " saved")
                << " (version " << response.helper().version() << ")\n";
    });
  });
}

void AddCasesCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* cases =
      app.add_subcommand("cases", "Support cases: list, show, workload, transfers, organizations, helpers");
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
    std::string case_id, helper, reason;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("assign", "Assign (or replace) the helper of a case");
  command->add_option("case_id", args->case_id, "The case")->required();
  command->add_option("helper_id", args->helper, "An active helper of the case's organization")->required();
  AddReason(command, args->reason);
  command->callback([&options, &exit_code, args] {
    v1::AssignHelperRequest request;
    request.set_case_id(args->case_id);
    request.set_helper_id(args->helper);
    request.set_reason(args->reason);
    v1::Case response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->AssignHelper(context.get(), request, &response);
    exit_code = Finish(options, status, "assigning the helper", response, [&] {
      std::cout << "case " << response.case_id() << ": helper " << response.helper_id()
                << " assigned (version " << response.version() << ")\n";
    });
  });
}

void AddSupportCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* support = app.add_subcommand("support", "Support delivered to a household");
  support->require_subcommand(1);

  struct Args {
    std::string case_id, type, provider, date, need, description, reason;
    std::string programme, savings_group, group_organization;
    int64_t amount = 0;
    bool marks_need_met = false;
    // Only sent when given: an unset share is not 0%.
    int state_share = 0;
    CLI::Option* state_share_option = nullptr;
  };
  auto args = std::make_shared<Args>();
  auto* record = support->add_subcommand("record", "Record support delivered");
  record->add_option("case_id", args->case_id, "The case")->required();
  record->add_option("--type", args->type, "What was delivered")
      ->check(CLI::IsMember(kSupportTypes.Choices()))
      ->required();
  record->add_option("--amount", args->amount, "Value in VND (required for policy-credit)");
  record->add_option("--provider", args->provider, "Who delivered it, e.g. VBSP")->required();
  record->add_option("--date", args->date, "Date delivered, YYYY-MM-DD (default: today)");
  record->add_option("--need", args->need, "The need it answers, e.g. N1");
  record->add_flag("--marks-need-met", args->marks_need_met, "Also mark that need met");
  record->add_option("--description", args->description, "Details (required for type other)");
  record->add_option("--programme", args->programme, "The VBSP programme of a policy-credit loan")
      ->check(CLI::IsMember(kCreditProgrammes.Choices()));
  record->add_option(
      "--savings-group", args->savings_group,
      "The savings-and-loan group (tổ tiết kiệm và vay vốn) a policy-credit loan went through");
  record->add_option("--group-organization", args->group_organization,
                     "The organization that runs that group, e.g. womens-union");
  args->state_share_option = record->add_option(
      "--state-share", args->state_share, "Percent of a health-insurance card's cost the state pays (0-100)");
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
    request.set_reason(args->reason);
    v1::RecordSupportResponse response;
    auto context = options.Context();
    const grpc::Status status = Client(options)->RecordSupport(context.get(), request, &response);
    exit_code =
        Finish(options, status, "recording support", response, [&] { PrintRecordedSupport(response); });
  });

  auto list_case = std::make_shared<std::string>();
  auto* list = support->add_subcommand("list", "The support delivered on a case");
  list->add_option("case_id", *list_case, "The case")->required();
  list->callback(
      [&options, &exit_code, list_case] { exit_code = WithCase(options, *list_case, PrintSupport); });
}

void AddVisitCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* visit = app.add_subcommand("visit", "Home visits");
  visit->require_subcommand(1);

  struct Args {
    std::string case_id, date, helper, notes, change, reason;
  };
  auto args = std::make_shared<Args>();
  auto* record = visit->add_subcommand("record", "Record a home visit");
  record->add_option("case_id", args->case_id, "The case")->required();
  record->add_option("--date", args->date, "Date of the visit, YYYY-MM-DD (default: today)");
  record->add_option("--helper", args->helper, "Who visited (default: the case's helper)");
  record->add_option("--notes", args->notes, "What was discussed and seen")->required();
  record->add_option("--change", args->change, "Change since the previous visit")
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
    exit_code = Finish(options, status, "recording the visit", response, [&] {
      std::cout << "case " << response.updated_case().case_id() << ": visit " << response.visit().visit_id()
                << " recorded (version " << response.updated_case().version() << ")\n";
    });
  });

  auto list_case = std::make_shared<std::string>();
  auto* list = visit->add_subcommand("list", "The visits recorded on a case");
  list->add_option("case_id", *list_case, "The case")->required();
  list->callback(
      [&options, &exit_code, list_case] { exit_code = WithCase(options, *list_case, PrintVisits); });
}

void AddNeedsCommand(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* needs = app.add_subcommand("needs", "A household's needs (loans, training, ...)");
  needs->require_subcommand(1);

  struct RecordArgs {
    std::string case_id, type, description, reason;
  };
  auto record_args = std::make_shared<RecordArgs>();
  auto* record = needs->add_subcommand("record", "Record a need");
  record->add_option("case_id", record_args->case_id, "The case")->required();
  record->add_option("--type", record_args->type, "What is needed")
      ->check(CLI::IsMember(kNeedTypes.Choices()))
      ->required();
  record->add_option("--description", record_args->description, "Details (required for type other)");
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
    exit_code = Finish(options, status, "recording the need", response, [&] {
      std::cout << "case " << response.updated_case().case_id() << ": need " << response.need().need_id()
                << " recorded (version " << response.updated_case().version() << ")\n";
    });
  });

  struct UpdateArgs {
    std::string case_id, need_id, status, reason;
  };
  auto update_args = std::make_shared<UpdateArgs>();
  auto* update = needs->add_subcommand("update", "Mark a need met or no longer needed");
  update->add_option("case_id", update_args->case_id, "The case")->required();
  update->add_option("need_id", update_args->need_id, "The need, e.g. N1")->required();
  update->add_option("--status", update_args->status, "met or no-longer-needed")
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
    exit_code = Finish(options, status, "updating the need", response, [&] {
      std::cout << "case " << response.case_id() << ": need " << update_args->need_id << " is now "
                << update_args->status << " (version " << response.version() << ")\n";
    });
  });

  auto list_case = std::make_shared<std::string>();
  auto* list = needs->add_subcommand("list", "The needs recorded on a case");
  list->add_option("case_id", *list_case, "The case")->required();
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
