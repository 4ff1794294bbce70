#include "commands/livelihood_commands.h"

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

const EnumNames kModelKinds{v1::LivelihoodModelKind_descriptor(), "LIVELIHOOD_MODEL_KIND_"};

std::unique_ptr<v1::Assignment::Stub> ModelsClient(const ClientOptions& options) {
  return v1::Assignment::NewStub(options.Channel(options.assignment));
}

// The date given, or today in the ward.
std::string DateOrToday(const std::string& date) {
  return date.empty() ? FormatIsoDate(WardClock().Today()) : date;
}

std::string JoinedGroups(const google::protobuf::RepeatedPtrField<std::string>& groups) {
  std::string joined;
  for (const std::string& group : groups) joined += (joined.empty() ? "" : ",") + group;
  return joined.empty() ? Tr("cli.models.whole_ward") : joined;
}

void AddModelsList(CLI::App& models, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string organization;
    bool include_ended = false;
  };
  auto args = std::make_shared<Args>();
  auto* list = models.add_subcommand("list", Tr("help.models.list"));
  list->add_option("--organization", args->organization, Tr("help.models.list.organization"));
  list->add_flag("--include-ended", args->include_ended, Tr("help.models.list.include_ended"));
  list->callback([&options, &exit_code, args] {
    v1::ListLivelihoodModelsRequest request;
    request.set_organization_id(args->organization);
    request.set_include_ended(args->include_ended);
    v1::ListLivelihoodModelsResponse response;
    auto context = options.Context();
    const grpc::Status status =
        ModelsClient(options)->ListLivelihoodModels(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.list_models"), response, [&] {
      Table table(
          Headings({"heading.model", "heading.name", "heading.kind", "heading.organization",
                    "heading.started", "heading.ended", "heading.resources", "heading.residential_groups",
                    "heading.joined", "heading.taking_part", "heading.version"}));
      for (const v1::LivelihoodModelSummary& summary : response.models()) {
        const v1::LivelihoodModel& model = summary.model();
        table.AddRow({model.model_id(), model.name(), EnumWords(model.kind()), model.organization_id(),
                      Date(model.started_on()), Date(model.ended_on()), Money(model.resources_vnd()),
                      JoinedGroups(model.residential_groups()), Number(summary.households_joined()),
                      Number(summary.households_taking_part()), std::to_string(model.version())});
      }
      table.Print(std::cout);
    });
  });
}

void AddModelsSet(CLI::App& models, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string id, name, kind, organization, started, ended, resources_description, description, reason;
    std::vector<std::string> groups;
    int64_t resources = 0;
  };
  auto args = std::make_shared<Args>();
  auto* set = models.add_subcommand("set", Tr("help.models.set"));
  set->add_option("--id", args->id, Tr("help.models.set.id"))->required();
  set->add_option("--name", args->name, Tr("help.models.set.name"))->required();
  set->add_option("--kind", args->kind, Tr("help.models.set.kind"))
      ->check(CLI::IsMember(kModelKinds.Choices()))
      ->required();
  set->add_option("--organization", args->organization, Tr("help.models.set.organization"))->required();
  set->add_option("--started", args->started, Tr("help.models.set.started"))->required();
  set->add_option("--ended", args->ended, Tr("help.models.set.ended"));
  set->add_option("--resources", args->resources, Tr("help.models.set.resources"));
  set->add_option("--resources-description", args->resources_description,
                  Tr("help.models.set.resources_description"));
  set->add_option("--groups", args->groups, Tr("help.models.set.groups"))->delimiter(',');
  set->add_option("--description", args->description, Tr("help.models.set.description"));
  set->add_option("--reason", args->reason, Tr("help.arg.reason"))->required();
  set->callback([&options, &exit_code, args] {
    v1::UpsertLivelihoodModelRequest request;
    v1::LivelihoodModel& model = *request.mutable_model();
    model.set_model_id(args->id);
    model.set_name(args->name);
    model.set_kind(static_cast<v1::LivelihoodModelKind>(kModelKinds.Parse(args->kind)));
    model.set_organization_id(args->organization);
    model.set_started_on(args->started);
    model.set_ended_on(args->ended);
    model.set_resources_vnd(args->resources);
    model.set_resources_description(args->resources_description);
    for (const std::string& group : args->groups) model.add_residential_groups(group);
    model.set_description(args->description);
    request.set_reason(args->reason);
    v1::UpsertLivelihoodModelResponse response;
    auto context = options.Context();
    const grpc::Status status =
        ModelsClient(options)->UpsertLivelihoodModel(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.save_model"), response, [&] {
      std::cout << Tr(response.created() ? "cli.model.created" : "cli.model.saved",
                      {{"model", response.model().model_id()}, {"version", response.model().version()}})
                << "\n";
    });
  });
}

void AddModelsJoin(CLI::App& models, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string model, date, note, reason;
    std::vector<std::string> households;
  };
  auto args = std::make_shared<Args>();
  auto* join = models.add_subcommand("join", Tr("help.models.join"));
  join->add_option("model_id", args->model, Tr("help.models.join.model"))->required();
  join->add_option("household_ids", args->households, Tr("help.models.join.households"))->required();
  join->add_option("--date", args->date, Tr("help.models.join.date"));
  join->add_option("--note", args->note, Tr("help.models.join.note"));
  join->add_option("--reason", args->reason, Tr("help.arg.reason"))->required();
  join->callback([&options, &exit_code, args] {
    v1::JoinLivelihoodModelRequest request;
    request.set_model_id(args->model);
    for (const std::string& household : args->households) request.add_household_ids(household);
    request.set_joined_on(DateOrToday(args->date));
    request.set_note(args->note);
    request.set_reason(args->reason);
    v1::JoinLivelihoodModelResponse response;
    auto context = options.Context();
    const grpc::Status status = ModelsClient(options)->JoinLivelihoodModel(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.join_model", {{"model", args->model}}), response,
                       [&] { PrintCaseOperationOutcomes(response.outcomes()); });
  });
}

void AddModelsLeave(CLI::App& models, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string model, household, date, reason;
  };
  auto args = std::make_shared<Args>();
  auto* leave = models.add_subcommand("leave", Tr("help.models.leave"));
  leave->add_option("model_id", args->model, Tr("help.models.join.model"))->required();
  leave->add_option("household_id", args->household, Tr("help.models.leave.household"))->required();
  leave->add_option("--date", args->date, Tr("help.models.leave.date"));
  leave->add_option("--reason", args->reason, Tr("help.arg.reason"))->required();
  leave->callback([&options, &exit_code, args] {
    v1::LeaveLivelihoodModelRequest request;
    request.set_model_id(args->model);
    request.set_household_id(args->household);
    request.set_left_on(DateOrToday(args->date));
    request.set_reason(args->reason);
    v1::LeaveLivelihoodModelResponse response;
    auto context = options.Context();
    const grpc::Status status =
        ModelsClient(options)->LeaveLivelihoodModel(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.leave_model", {{"model", args->model}}), response, [&] {
      std::cout << Tr("cli.model.left", {{"household", args->household},
                                         {"case", response.case_id()},
                                         {"model", response.participation().model_id()},
                                         {"joined", response.participation().joined_on()},
                                         {"left", response.participation().left_on()}})
                << "\n";
    });
  });
}

}  // namespace

void AddLivelihoodCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* models = app.add_subcommand("models", Tr("help.models"));
  models->require_subcommand(1);
  AddModelsList(*models, options, exit_code);
  AddModelsSet(*models, options, exit_code);
  AddModelsJoin(*models, options, exit_code);
  AddModelsLeave(*models, options, exit_code);
}

}  // namespace ansinh::cli
