#include "commands/deadletter_commands.h"

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "ansinh/v1/operations.grpc.pb.h"
#include "output.h"

namespace ansinh::cli {
namespace {

// The services that host consumer groups, in the order they are listed.
const std::vector<std::string>& ConsumingServices() {
  static const std::vector<std::string> services = {"classification", "assignment", "monitoring"};
  return services;
}

std::string AddressOf(const ClientOptions& options, const std::string& service) {
  if (service == "registry") return options.registry;
  if (service == "classification") return options.classification;
  if (service == "assignment") return options.assignment;
  return options.monitoring;
}

struct ListArgs {
  std::string service;
  std::string group;
  int page_size = 200;
};

struct ReplayArgs {
  std::string service;
  std::string group;
  std::vector<std::string> ids;
  bool all = false;
};

// Every dead letter of one service (all pages).
grpc::Status ListService(const ClientOptions& options, const std::string& service, const ListArgs& args,
                         std::vector<v1::DeadLetter>* out) {
  auto stub = v1::Operations::NewStub(options.Channel(AddressOf(options, service)));
  v1::ListDeadLettersRequest request;
  request.set_group(args.group);
  request.mutable_page()->set_page_size(args.page_size);
  while (true) {
    v1::ListDeadLettersResponse response;
    grpc::Status status = stub->ListDeadLetters(options.Context().get(), request, &response);
    if (!status.ok()) return status;
    out->insert(out->end(), response.dead_letters().begin(), response.dead_letters().end());
    if (response.page().next_page_token().empty()) return grpc::Status::OK;
    request.mutable_page()->set_page_token(response.page().next_page_token());
  }
}

int List(const ClientOptions& options, const ListArgs& args) {
  const std::vector<std::string> services =
      args.service.empty() ? ConsumingServices() : std::vector<std::string>{args.service};
  std::vector<std::pair<std::string, v1::DeadLetter>> found;
  int exit_code = 0;
  for (const auto& service : services) {
    std::vector<v1::DeadLetter> letters;
    grpc::Status status = ListService(options, service, args, &letters);
    if (!status.ok()) {
      exit_code = ReportError(status, Tr("doing.list_dead_letters_of", {{"service", service}}));
      continue;
    }
    for (auto& letter : letters) found.emplace_back(service, std::move(letter));
  }
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [service, letter] : found) {
      nlohmann::json item = nlohmann::json::parse(ToJson(letter));
      item["service"] = service;
      out.push_back(std::move(item));
    }
    std::cout << out.dump(2) << "\n";
    return exit_code;
  }
  if (found.empty()) {
    std::cout << Tr("cli.deadletters.none") << "\n";
    return exit_code;
  }
  Table table(Headings({"heading.service", "heading.consumer_group_short", "heading.dead_letter_id",
                        "heading.event", "heading.aggregate", "heading.version", "heading.deliveries",
                        "heading.when_utc", "heading.from", "heading.reason"}));
  for (const auto& [service, letter] : found) {
    table.AddRow({service, letter.group(), letter.dead_letter_id(), letter.event_type(),
                  letter.aggregate_type().empty() ? letter.aggregate_id()
                                                  : letter.aggregate_type() + "/" + letter.aggregate_id(),
                  std::to_string(letter.aggregate_version()), std::to_string(letter.deliveries()),
                  google::protobuf::util::TimeUtil::ToString(letter.dead_lettered_at()),
                  letter.stream() + " " + letter.stream_entry_id(), letter.reason()});
  }
  table.Print(std::cout);
  return exit_code;
}

int Replay(const ClientOptions& options, const ReplayArgs& args) {
  if (args.all == !args.ids.empty()) {
    std::cerr << Tr("cli.deadletters.ids_or_all") << "\n";
    return 2;
  }
  auto stub = v1::Operations::NewStub(options.Channel(AddressOf(options, args.service)));
  v1::ReplayDeadLettersRequest request;
  // Each service's consumer group is named after it.
  request.set_group(args.group.empty() ? args.service : args.group);
  request.set_all(args.all);
  for (const auto& id : args.ids) request.add_dead_letter_ids(id);
  v1::ReplayDeadLettersResponse response;
  grpc::Status status = stub->ReplayDeadLetters(options.Context().get(), request, &response);
  if (!status.ok())
    return ReportError(status, Tr("doing.replay_dead_letters_of", {{"group", request.group()}}));
  if (options.json) {
    std::cout << ToJson(response) << "\n";
  } else {
    for (const auto& replayed : response.replayed()) {
      std::cout << Tr("cli.deadletters.replayed_one", {{"id", replayed.dead_letter_id()},
                                                       {"stream", replayed.stream()},
                                                       {"entry", replayed.new_stream_entry_id()}})
                << "\n";
    }
    for (const auto& id : response.not_found()) {
      std::cerr << Tr("cli.deadletters.not_found", {{"group", request.group()}, {"id", id}}) << "\n";
    }
    std::cout << Tr("cli.deadletters.replayed", {{"count", response.replayed_size()}}) << "\n";
  }
  return response.not_found_size() > 0 ? 1 : 0;
}

const std::vector<std::string> kServiceChoices = {"registry", "classification", "assignment", "monitoring"};

}  // namespace

void AddDeadLetterCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("deadletters", Tr("help.deadletters"));
  command->require_subcommand(1);

  auto list_args = std::make_shared<ListArgs>();
  auto* list = command->add_subcommand("list", Tr("help.deadletters.list"));
  list->add_option("--service", list_args->service, Tr("help.deadletters.list.service"))
      ->check(CLI::IsMember(kServiceChoices));
  list->add_option("--group", list_args->group, Tr("help.deadletters.list.group"));
  list->callback([&options, &exit_code, list_args] { exit_code = List(options, *list_args); });

  auto replay_args = std::make_shared<ReplayArgs>();
  auto* replay = command->add_subcommand("replay", Tr("help.deadletters.replay"));
  replay->add_option("--service", replay_args->service, Tr("help.deadletters.replay.service"))
      ->required()
      ->check(CLI::IsMember(kServiceChoices));
  replay->add_option("--group", replay_args->group, Tr("help.deadletters.replay.group"));
  replay->add_flag("--all", replay_args->all, Tr("help.deadletters.replay.all"));
  replay->add_option("ids", replay_args->ids, Tr("help.deadletters.replay.ids"));
  replay->callback([&options, &exit_code, replay_args] { exit_code = Replay(options, *replay_args); });
}

}  // namespace ansinh::cli
