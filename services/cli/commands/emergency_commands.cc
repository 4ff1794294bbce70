#include "commands/emergency_commands.h"

#include <iostream>
#include <memory>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "commands/case_outcomes_output.h"
#include "commands/enum_choices.h"
#include "enum_words.h"
#include "kernel/ward_clock.h"
#include "output.h"

namespace ansinh::cli {
namespace {

const EnumNames kEmergencyKinds{v1::EmergencyKind_descriptor(), "EMERGENCY_KIND_"};

std::unique_ptr<v1::Assignment::Stub> EmergencyClient(const ClientOptions& options) {
  return v1::Assignment::NewStub(options.Channel(options.assignment));
}

// The date given, or today in the ward.
std::string DateGivenOrToday(const std::string& date) {
  return date.empty() ? FormatIsoDate(WardClock().Today()) : date;
}

void AddEmergencyDeclare(CLI::App& emergency, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string kind, name, began, ended, description, reason;
    std::vector<std::string> groups;
  };
  auto args = std::make_shared<Args>();
  auto* declare = emergency.add_subcommand("declare", Tr("help.emergency.declare"));
  declare->add_option("--kind", args->kind, Tr("help.emergency.declare.kind"))
      ->check(CLI::IsMember(kEmergencyKinds.Choices()))
      ->required();
  declare->add_option("--name", args->name, Tr("help.emergency.declare.name"))->required();
  declare->add_option("--began", args->began, Tr("help.emergency.declare.began"))->required();
  declare->add_option("--ended", args->ended, Tr("help.emergency.declare.ended"));
  declare->add_option("--groups", args->groups, Tr("help.emergency.declare.groups"))
      ->delimiter(',')
      ->required();
  declare->add_option("--description", args->description, Tr("help.emergency.declare.description"));
  declare->add_option("--reason", args->reason, Tr("help.arg.reason"))->required();
  declare->callback([&options, &exit_code, args] {
    v1::DeclareEmergencyRequest request;
    v1::Emergency& declared = *request.mutable_emergency();
    declared.set_kind(static_cast<v1::EmergencyKind>(kEmergencyKinds.Parse(args->kind)));
    declared.set_name(args->name);
    declared.set_began_on(args->began);
    declared.set_ended_on(args->ended);
    for (const std::string& group : args->groups) declared.add_residential_groups(group);
    declared.set_description(args->description);
    request.set_reason(args->reason);
    v1::DeclareEmergencyResponse response;
    auto context = options.Context();
    const grpc::Status status = EmergencyClient(options)->DeclareEmergency(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.declare_emergency"), response, [&] {
      std::cout << Tr("cli.emergency.declared", {{"emergency", response.emergency().emergency_id()},
                                                 {"name", response.emergency().name()},
                                                 {"began", response.emergency().began_on()}})
                << "\n";
    });
  });
}

void AddEmergencyEnd(CLI::App& emergency, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string id, date, reason;
  };
  auto args = std::make_shared<Args>();
  auto* end = emergency.add_subcommand("end", Tr("help.emergency.end"));
  end->add_option("emergency_id", args->id, Tr("help.emergency.id"))->required();
  end->add_option("--date", args->date, Tr("help.emergency.end.date"));
  end->add_option("--reason", args->reason, Tr("help.arg.reason"))->required();
  end->callback([&options, &exit_code, args] {
    v1::EndEmergencyRequest request;
    request.set_emergency_id(args->id);
    request.set_ended_on(DateGivenOrToday(args->date));
    request.set_reason(args->reason);
    v1::EndEmergencyResponse response;
    auto context = options.Context();
    const grpc::Status status = EmergencyClient(options)->EndEmergency(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.end_emergency", {{"emergency", args->id}}), response, [&] {
      std::cout << Tr("cli.emergency.ended", {{"emergency", response.emergency().emergency_id()},
                                              {"date", response.emergency().ended_on()}})
                << "\n";
    });
  });
}

void AddEmergencyList(CLI::App& emergency, const ClientOptions& options, int& exit_code) {
  auto ongoing = std::make_shared<bool>(false);
  auto* list = emergency.add_subcommand("list", Tr("help.emergency.list"));
  list->add_flag("--ongoing", *ongoing, Tr("help.emergency.list.ongoing"));
  list->callback([&options, &exit_code, ongoing] {
    v1::ListEmergenciesRequest request;
    request.set_only_ongoing(*ongoing);
    v1::ListEmergenciesResponse response;
    auto context = options.Context();
    const grpc::Status status = EmergencyClient(options)->ListEmergencies(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_emergencies"), response, [&] {
      Table table(Headings({"heading.emergency", "heading.kind", "heading.name", "heading.began",
                            "heading.ended", "heading.residential_groups", "heading.affected",
                            "heading.relieved", "heading.version"}));
      for (const v1::EmergencySummary& summary : response.emergencies()) {
        const v1::Emergency& declared = summary.emergency();
        std::string groups;
        for (const std::string& group : declared.residential_groups())
          groups += (groups.empty() ? "" : ",") + group;
        table.AddRow({declared.emergency_id(), EnumWords(declared.kind()), declared.name(),
                      Date(declared.began_on()), Date(declared.ended_on()), groups,
                      Number(summary.households_affected()), Number(summary.households_relieved()),
                      std::to_string(declared.version())});
      }
      table.Print(std::cout);
    });
  });
}

void AddEmergencyMark(CLI::App& emergency, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string id, date, note, reason;
    std::vector<std::string> households;
    bool all_in_groups = false;
  };
  auto args = std::make_shared<Args>();
  auto* mark = emergency.add_subcommand("mark", Tr("help.emergency.mark"));
  mark->add_option("emergency_id", args->id, Tr("help.emergency.id"))->required();
  auto* households =
      mark->add_option("household_ids", args->households, Tr("help.emergency.mark.households"));
  auto* all = mark->add_flag("--all-in-groups", args->all_in_groups, Tr("help.emergency.mark.all_in_groups"));
  households->excludes(all);
  mark->add_option("--date", args->date, Tr("help.emergency.mark.date"));
  mark->add_option("--note", args->note, Tr("help.emergency.mark.note"));
  mark->add_option("--reason", args->reason, Tr("help.arg.reason"))->required();
  mark->callback([&options, &exit_code, args] {
    v1::MarkAffectedRequest request;
    request.set_emergency_id(args->id);
    for (const std::string& household : args->households) request.add_household_ids(household);
    request.set_all_in_affected_groups(args->all_in_groups);
    request.set_affected_on(DateGivenOrToday(args->date));
    request.set_note(args->note);
    request.set_reason(args->reason);
    v1::MarkAffectedResponse response;
    auto context = options.Context();
    const grpc::Status status = EmergencyClient(options)->MarkAffected(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.mark_affected", {{"emergency", args->id}}), response,
                       [&] { PrintCaseOperationOutcomes(response.outcomes()); });
  });
}

}  // namespace

void AddEmergencyCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* emergency = app.add_subcommand("emergency", Tr("help.emergency"));
  emergency->require_subcommand(1);
  AddEmergencyDeclare(*emergency, options, exit_code);
  AddEmergencyEnd(*emergency, options, exit_code);
  AddEmergencyList(*emergency, options, exit_code);
  AddEmergencyMark(*emergency, options, exit_code);
}

}  // namespace ansinh::cli
