// ansinh review add | decide | households: the round's list. The words a
// person reads come from the catalogs (docs/i18n.md).
#include "commands/review_list_commands.h"

#include <cctype>
#include <iostream>
#include <memory>

#include "enum_words.h"
#include "output.h"

namespace ansinh::cli {
namespace {

// ---------------------------------------------------------------------------
// Words and printing
// ---------------------------------------------------------------------------

// "near-poor" with prefix "LIST_REASON_" -> LIST_REASON_NEAR_POOR, through
// the generated Parse function.
template <typename Enum, typename Parse>
bool ParseListEnum(const std::string& text, std::string_view prefix, Parse parse, Enum* value) {
  std::string name(prefix);
  for (char c : text) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return parse(name, value);
}

std::string ListStateLabel(v1::HouseholdReviewState state) { return EnumWords(state); }

// What the list says of a household beyond its reason: the officer's note,
// or the decision taken without a survey.
std::string ListDetail(const v1::RoundHousehold& household) {
  if (household.has_list_decision() &&
      household.list_decision().kind() != v1::LIST_DECISION_KIND_UNSPECIFIED) {
    const v1::ListDecision& decision = household.list_decision();
    return Tr("cli.list.decision", {{"decision", ListDecisionLabel(decision.kind())},
                                    {"date", decision.decided_on()},
                                    {"reason", decision.reason()}});
  }
  return household.list_note();
}

Table ListTable() {
  return Table(Headings({"heading.household", "heading.group", "heading.listed_as", "heading.state",
                         "heading.note_or_decision"}));
}

void AddListRow(Table& table, const v1::RoundHousehold& household) {
  table.AddRow({household.household_id(), OrDash(household.residential_group()),
                ListReasonLabel(household.list_reason()), ListStateLabel(household.state()),
                OrDash(ListDetail(household))});
}

void PrintListed(const v1::RoundHousehold& household) {
  std::cout << Tr("cli.list.listed", {{"household", household.household_id()},
                                      {"group", OrDash(household.residential_group())},
                                      {"round", household.round_id()},
                                      {"reason", ListReasonLabel(household.list_reason())},
                                      {"state", ListStateLabel(household.state())}})
            << "\n";
  const std::string detail = ListDetail(household);
  if (!detail.empty()) std::cout << "  " << detail << "\n";
}

void PrintPage(const v1::ListRoundHouseholdsResponse& response) {
  Table table = ListTable();
  for (const v1::RoundHousehold& household : response.households()) AddListRow(table, household);
  table.Print(std::cout);
  std::cout << "\n"
            << Tr("cli.list.page",
                  {{"shown", response.households_size()}, {"total", response.page().total_size()}});
  if (!response.page().next_page_token().empty()) {
    std::cout << Tr("cli.page.next", {{"token", response.page().next_page_token()}});
  }
  std::cout << "\n";
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

std::unique_ptr<v1::Classification::Stub> ListStub(const ClientOptions& options) {
  return v1::Classification::NewStub(options.Channel(options.classification));
}

void AddReviewAdd(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, household, reason, note;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("add", Tr("help.review.add"));
  command->add_option("round", args->round, Tr("help.review.add.round"))->required();
  command->add_option("household", args->household, Tr("help.arg.household_example"))->required();
  command->add_option("--reason", args->reason, Tr("help.review.add.reason"))
      ->required()
      ->check(CLI::IsMember({"applied", "added"}));
  command->add_option("--note", args->note, Tr("help.review.add.note"))->required();
  command->callback([&options, &exit_code, args] {
    v1::AddToRoundListRequest request;
    request.set_round_id(args->round);
    request.set_household_id(args->household);
    v1::ListReason reason = v1::LIST_REASON_UNSPECIFIED;
    ParseListEnum(args->reason, "LIST_REASON_", v1::ListReason_Parse, &reason);
    request.set_reason(reason);
    request.set_note(args->note);
    v1::AddToRoundListResponse response;
    auto context = options.Context();
    const grpc::Status status = ListStub(options)->AddToRoundList(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.add_to_round_list"), response,
                       [&] { PrintListed(response.household()); });
  });
}

void AddReviewDecide(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, household, kind, reason, date;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("decide", Tr("help.review.decide"));
  command->add_option("round", args->round, Tr("help.arg.round"))->required();
  command->add_option("household", args->household, Tr("help.review.decide.household"))->required();
  command->add_option("--kind", args->kind, Tr("help.review.decide.kind"))
      ->required()
      ->check(CLI::IsMember({"moved-away", "dissolved", "carried-over"}));
  command->add_option("--reason", args->reason, Tr("help.review.decide.reason"))->required();
  command->add_option("--date", args->date, Tr("help.review.decide.date"));
  command->callback([&options, &exit_code, args] {
    v1::RecordListDecisionRequest request;
    request.set_round_id(args->round);
    request.set_household_id(args->household);
    v1::ListDecisionKind kind = v1::LIST_DECISION_KIND_UNSPECIFIED;
    ParseListEnum(args->kind, "LIST_DECISION_KIND_", v1::ListDecisionKind_Parse, &kind);
    request.set_kind(kind);
    request.set_reason(args->reason);
    request.set_decided_on(args->date);
    v1::RecordListDecisionResponse response;
    auto context = options.Context();
    const grpc::Status status = ListStub(options)->RecordListDecision(context.get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.record_list_decision"), response,
                       [&] { PrintListed(response.household()); });
  });
}

void AddReviewHouseholds(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, state, page_token;
    bool list_only = false;
    int page_size = 0;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand("households", Tr("help.review.households"));
  command->add_option("round", args->round, Tr("help.arg.round"))->required();
  command->add_flag("--list-only", args->list_only, Tr("help.review.households.list_only"));
  command->add_option("--state", args->state, Tr("help.review.households.state"));
  command->add_option("--page-size", args->page_size, Tr("help.arg.page_size_households"));
  command->add_option("--page-token", args->page_token, Tr("help.arg.page_token"));
  command->callback([&options, &exit_code, args] {
    v1::ListRoundHouseholdsRequest request;
    request.set_round_id(args->round);
    request.set_list_only(args->list_only);
    if (!args->state.empty()) {
      v1::HouseholdReviewState state = v1::HOUSEHOLD_REVIEW_STATE_UNSPECIFIED;
      if (!ParseListEnum(args->state, "HOUSEHOLD_REVIEW_STATE_", v1::HouseholdReviewState_Parse, &state)) {
        std::cerr << Tr("cli.list.unknown_state", {{"state", args->state}}) << "\n";
        exit_code = 2;
        return;
      }
      request.set_state(state);
    }
    request.mutable_page()->set_page_size(args->page_size);
    request.mutable_page()->set_page_token(args->page_token);
    v1::ListRoundHouseholdsResponse response;
    auto context = options.Context();
    const grpc::Status status = ListStub(options)->ListRoundHouseholds(context.get(), request, &response);
    exit_code =
        Finish(options, status, Tr("doing.list_round_households"), response, [&] { PrintPage(response); });
  });
}

}  // namespace

std::string ListReasonLabel(v1::ListReason reason) {
  // Results from before lists were kept came in by a survey.
  return EnumWords(reason == v1::LIST_REASON_UNSPECIFIED ? v1::LIST_REASON_SURVEYED : reason);
}

std::string ListDecisionLabel(v1::ListDecisionKind kind) { return EnumWords(kind); }

void PrintListAwaiting(v1::Classification::Stub& stub, const ClientOptions& options,
                       const std::string& round_id) {
  const struct {
    v1::HouseholdReviewState state;
    const char* title_key;
  } sections[] = {
      {v1::HOUSEHOLD_REVIEW_STATE_LISTED, "cli.list.awaiting"},
      {v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED, "cli.list.decided"},
  };
  for (const auto& section : sections) {
    v1::ListRoundHouseholdsRequest request;
    request.set_round_id(round_id);
    request.set_list_only(true);
    request.set_state(section.state);
    request.mutable_page()->set_page_size(500);
    v1::ListRoundHouseholdsResponse response;
    auto context = options.Context();
    const grpc::Status status = stub.ListRoundHouseholds(context.get(), request, &response);
    if (!status.ok() || response.households().empty()) continue;
    std::cout << "\n" << Tr(section.title_key) << "\n";
    PrintPage(response);
  }
}

void AddReviewListCommands(CLI::App& review, const ClientOptions& options, int& exit_code) {
  AddReviewAdd(review, options, exit_code);
  AddReviewDecide(review, options, exit_code);
  AddReviewHouseholds(review, options, exit_code);
}

}  // namespace ansinh::cli
