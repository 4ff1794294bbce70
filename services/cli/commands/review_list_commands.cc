// ansinh review add | decide | households: the round's list. The words a
// person reads are kept in the printing functions at the top.
#include "commands/review_list_commands.h"

#include <cctype>
#include <iostream>
#include <memory>

#include "output.h"

namespace ansinh::cli {
namespace {

// ---------------------------------------------------------------------------
// Words and printing
// ---------------------------------------------------------------------------

// An enum value as typed and printed: LIST_REASON_NEAR_POOR <-> "near-poor".
std::string ListEnumLabel(const std::string& name, std::string_view prefix) {
  std::string label = name.size() > prefix.size() ? name.substr(prefix.size()) : name;
  for (char& c : label) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return label;
}

// "near-poor" with prefix "LIST_REASON_" -> LIST_REASON_NEAR_POOR, through
// the generated Parse function.
template <typename Enum, typename Parse>
bool ParseListEnum(const std::string& text, std::string_view prefix, Parse parse, Enum* value) {
  std::string name(prefix);
  for (char c : text) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return parse(name, value);
}

std::string ListStateLabel(v1::HouseholdReviewState state) {
  return ListEnumLabel(v1::HouseholdReviewState_Name(state), "HOUSEHOLD_REVIEW_STATE_");
}

// What the list says of a household beyond its reason: the officer's note,
// or the decision taken without a survey.
std::string ListDetail(const v1::RoundHousehold& household) {
  if (household.has_list_decision() &&
      household.list_decision().kind() != v1::LIST_DECISION_KIND_UNSPECIFIED) {
    const v1::ListDecision& decision = household.list_decision();
    return ListDecisionLabel(decision.kind()) + " (" + decision.decided_on() + "): " + decision.reason();
  }
  return household.list_note();
}

Table ListTable() { return Table({"HOUSEHOLD", "GROUP", "LISTED AS", "STATE", "NOTE OR DECISION"}); }

void AddListRow(Table& table, const v1::RoundHousehold& household) {
  table.AddRow({household.household_id(), OrDash(household.residential_group()),
                ListReasonLabel(household.list_reason()), ListStateLabel(household.state()),
                OrDash(ListDetail(household))});
}

void PrintListed(const v1::RoundHousehold& household) {
  std::cout << "household " << household.household_id() << " (" << OrDash(household.residential_group())
            << ") on the list of round " << household.round_id() << " as "
            << ListReasonLabel(household.list_reason()) << ": " << ListStateLabel(household.state()) << "\n";
  const std::string detail = ListDetail(household);
  if (!detail.empty()) std::cout << "  " << detail << "\n";
}

void PrintPage(const v1::ListRoundHouseholdsResponse& response) {
  Table table = ListTable();
  for (const v1::RoundHousehold& household : response.households()) AddListRow(table, household);
  table.Print(std::cout);
  std::cout << "\n" << response.households_size() << " of " << response.page().total_size() << " households";
  if (!response.page().next_page_token().empty()) {
    std::cout << "; next page: --page-token " << response.page().next_page_token();
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
  auto* command = review.add_subcommand(
      "add", "Add a household to a periodic round's list: it applied, or an officer adds it with a reason");
  command->add_option("round", args->round, "The periodic round, e.g. R-2025")->required();
  command->add_option("household", args->household, "The household, e.g. HH-000123")->required();
  command
      ->add_option("--reason", args->reason,
                   "applied (it applied to be assessed) or added (an officer adds it)")
      ->required()
      ->check(CLI::IsMember({"applied", "added"}));
  command->add_option("--note", args->note, "Why: the application's reference, or why it is added")
      ->required();
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
    exit_code = Finish(options, status, "adding to the round's list", response,
                       [&] { PrintListed(response.household()); });
  });
}

void AddReviewDecide(CLI::App& review, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string round, household, kind, reason, date;
  };
  auto args = std::make_shared<Args>();
  auto* command = review.add_subcommand(
      "decide",
      "Record the decision about a listed household that was not surveyed (moved away, dissolved, "
      "carried over)");
  command->add_option("round", args->round, "The round")->required();
  command->add_option("household", args->household, "The listed household")->required();
  command->add_option("--kind", args->kind, "moved-away, dissolved or carried-over")
      ->required()
      ->check(CLI::IsMember({"moved-away", "dissolved", "carried-over"}));
  command->add_option("--reason", args->reason, "Why, for the record")->required();
  command->add_option("--date", args->date, "Day it was decided, YYYY-MM-DD (default: today)");
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
    exit_code = Finish(options, status, "recording the decision", response,
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
  auto* command = review.add_subcommand(
      "households", "The round's households: why each is in the round, where it stands (ordered by id)");
  command->add_option("round", args->round, "The round")->required();
  command->add_flag("--list-only", args->list_only, "Only the households on the round's list");
  command->add_option("--state", args->state, "Only this state, e.g. listed, list-decided, proposed, posted");
  command->add_option("--page-size", args->page_size, "Households per page (default 50, at most 500)");
  command->add_option("--page-token", args->page_token, "Continue after a previous page");
  command->callback([&options, &exit_code, args] {
    v1::ListRoundHouseholdsRequest request;
    request.set_round_id(args->round);
    request.set_list_only(args->list_only);
    if (!args->state.empty()) {
      v1::HouseholdReviewState state = v1::HOUSEHOLD_REVIEW_STATE_UNSPECIFIED;
      if (!ParseListEnum(args->state, "HOUSEHOLD_REVIEW_STATE_", v1::HouseholdReviewState_Parse, &state)) {
        std::cerr << "--state: unknown state \"" << args->state << "\"\n";
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
        Finish(options, status, "listing the round's households", response, [&] { PrintPage(response); });
  });
}

}  // namespace

std::string ListReasonLabel(v1::ListReason reason) {
  if (reason == v1::LIST_REASON_UNSPECIFIED) return "surveyed";
  return ListEnumLabel(v1::ListReason_Name(reason), "LIST_REASON_");
}

std::string ListDecisionLabel(v1::ListDecisionKind kind) {
  if (kind == v1::LIST_DECISION_KIND_UNSPECIFIED) return "-";
  return ListEnumLabel(v1::ListDecisionKind_Name(kind), "LIST_DECISION_KIND_");
}

void PrintListAwaiting(v1::Classification::Stub& stub, const ClientOptions& options,
                       const std::string& round_id) {
  const struct {
    v1::HouseholdReviewState state;
    const char* title;
  } sections[] = {
      {v1::HOUSEHOLD_REVIEW_STATE_LISTED,
       "On the list, awaiting a survey or a decision (approval waits for them):"},
      {v1::HOUSEHOLD_REVIEW_STATE_LIST_DECIDED, "On the list, decided without a survey:"},
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
    std::cout << "\n" << section.title << "\n";
    PrintPage(response);
  }
}

void AddReviewListCommands(CLI::App& review, const ClientOptions& options, int& exit_code) {
  AddReviewAdd(review, options, exit_code);
  AddReviewDecide(review, options, exit_code);
  AddReviewHouseholds(review, options, exit_code);
}

}  // namespace ansinh::cli
