#include "commands/demo_history_command.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <set>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/classification.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "commands/demo_history_player.h"
#include "demo_history/history_plan.h"
#include "demo_history/livelihood_models.h"
#include "demo_history/support_catalog.h"
#include "enum_words.h"
#include "kernel/ward_clock.h"
#include "output.h"

namespace ansinh::cli {
namespace {

using demo_history::ActionKind;

struct HistoryFlags {
  int64_t households = 2000;
  uint64_t seed = 2025;
  int first_year = demo_history::kDefaultFirstYear;
  int last_year = demo_history::kDefaultLastYear;
  bool if_empty = false;
};

// How many households the registry holds (0 for an empty one).
int ExistingHouseholds(const ClientOptions& options, int64_t& existing) {
  auto registry = v1::Registry::NewStub(options.Channel(options.registry));
  v1::ListHouseholdsRequest request;
  request.mutable_page()->set_page_size(1);
  v1::ListHouseholdsResponse response;
  auto context = options.Context();
  const grpc::Status status = registry->ListHouseholds(context.get(), request, &response);
  if (!status.ok()) return ReportError(status, Tr("doing.list_ward_households"));
  existing = response.page().total_size();
  return 0;
}

// The standards as the classification service loaded them, with their
// retirement ages: the plan classifies with the same.
int LoadedStandards(const ClientOptions& options, std::vector<v1::Standard>& standards) {
  auto classification = v1::Classification::NewStub(options.Channel(options.classification));
  v1::ListStandardsResponse response;
  auto context = options.Context();
  const grpc::Status status =
      classification->ListStandards(context.get(), v1::ListStandardsRequest(), &response);
  if (!status.ok()) return ReportError(status, Tr("doing.list_standards"));
  standards.assign(response.standards().begin(), response.standards().end());
  return 0;
}

// The organizations the models and the savings groups name must be in the
// assignment service's directory (services/assignment/config/demo_organizations.json).
int CheckDirectory(const ClientOptions& options) {
  auto assignment = v1::Assignment::NewStub(options.Channel(options.assignment));
  v1::ListOrganizationsResponse response;
  auto context = options.Context();
  const grpc::Status status =
      assignment->ListOrganizations(context.get(), v1::ListOrganizationsRequest(), &response);
  if (!status.ok()) return ReportError(status, Tr("doing.list_organizations"));
  std::set<std::string> known;
  for (const v1::Organization& organization : response.organizations()) known.insert(organization.id());
  std::set<std::string> needed;
  for (const demo_history::DemoModel& model : demo_history::DemoModels()) {
    needed.insert(std::string(model.organization_id));
  }
  for (const demo_history::LendingOrganization& lender : demo_history::LendingOrganizations()) {
    needed.insert(std::string(lender.organization_id));
  }
  for (const std::string& id : needed) {
    if (known.contains(id)) continue;
    std::cerr << Tr("cli.demo_history.missing_organization", {{"organization", id}}) << "\n";
    return 1;
  }
  return 0;
}

int64_t Category(const PlayedYear& year, v1::PovertyCategory category) {
  const auto found = year.approved.find(category);
  return found == year.approved.end() ? 0 : found->second;
}

int64_t Sum(const std::vector<PlayedYear>& years, ActionKind kind) {
  int64_t total = 0;
  for (const PlayedYear& year : years) {
    const auto found = year.actions.find(kind);
    if (found != year.actions.end()) total += found->second;
  }
  return total;
}

void PrintSummary(const demo_history::HistoryPlan& plan, const HistoryPlayer& player, const CaseCounts& cases,
                  double seconds) {
  const std::vector<PlayedYear>& years = player.played();
  std::cout << "\n"
            << Tr("cli.demo_history.loaded", {{"households", static_cast<int64_t>(plan.ward.size())},
                                              {"first", years.front().review_year},
                                              {"last", years.back().review_year},
                                              {"seconds", static_cast<int64_t>(seconds + 0.5)}})
            << "\n\n";
  Table table(Headings({"heading.year", "heading.round", "heading.standard", "heading.approved",
                        "heading.poor", "heading.near_poor"}));
  for (const PlayedYear& year : years) {
    table.AddRow({std::to_string(year.review_year), year.round_id, year.standard_id, Date(year.decision_date),
                  Number(Category(year, v1::POVERTY_CATEGORY_POOR)),
                  Number(Category(year, v1::POVERTY_CATEGORY_NEAR_POOR))});
  }
  table.Print(std::cout);
  std::cout << "\n"
            << Tr("cli.demo_history.cases", {{"open", cases.open},
                                             {"without_helper", cases.without_helper},
                                             {"follow_up", cases.follow_up},
                                             {"closed", cases.closed}})
            << "\n"
            << Tr("cli.demo_history.support", {{"support", cases.support_records},
                                               {"visits", cases.visits},
                                               {"participations", cases.model_participations},
                                               {"models", Sum(years, ActionKind::kUpsertModel)},
                                               {"emergencies", Sum(years, ActionKind::kDeclareEmergency)}})
            << "\n";
}

void PrintSummaryJson(const demo_history::HistoryPlan& plan, const HistoryPlayer& player,
                      const CaseCounts& cases, double seconds) {
  nlohmann::json years = nlohmann::json::array();
  for (const PlayedYear& year : player.played()) {
    years.push_back({{"review_year", year.review_year},
                     {"round_id", year.round_id},
                     {"standard_id", year.standard_id},
                     {"decision_date", year.decision_date},
                     {"poor", Category(year, v1::POVERTY_CATEGORY_POOR)},
                     {"near_poor", Category(year, v1::POVERTY_CATEGORY_NEAR_POOR)},
                     {"average", Category(year, v1::POVERTY_CATEGORY_AVERAGE)},
                     {"not_poor", Category(year, v1::POVERTY_CATEGORY_NOT_POOR)},
                     {"surveys", year.surveys},
                     {"seconds", year.seconds}});
  }
  const std::vector<PlayedYear>& played = player.played();
  nlohmann::json emergencies = nlohmann::json::array();
  for (const auto& [index, id] : player.emergency_ids()) emergencies.push_back(id);
  const nlohmann::json out{
      {"skipped", false},
      {"existing_households", 0},
      {"households", plan.ward.size()},
      {"seed", plan.options.seed},
      {"years", years},
      {"cases",
       {{"open", cases.open},
        {"without_helper", cases.without_helper},
        {"follow_up", cases.follow_up},
        {"closed", cases.closed}}},
      {"support_records", cases.support_records},
      {"visits", cases.visits},
      {"model_participations", cases.model_participations},
      {"models", Sum(played, ActionKind::kUpsertModel)},
      {"emergencies", emergencies},
      {"seconds", seconds},
  };
  std::cout << out.dump(2) << "\n";
}

int Run(const ClientOptions& options, const HistoryFlags& flags) {
  const auto start = std::chrono::steady_clock::now();
  int64_t existing = 0;
  if (int code = ExistingHouseholds(options, existing); code != 0) return code;
  if (existing > 0) {
    if (options.json) {
      std::cout << nlohmann::json{{"skipped", flags.if_empty}, {"existing_households", existing}}.dump(2)
                << "\n";
    } else if (flags.if_empty) {
      std::cout << Tr("cli.demo_history.skipped", {{"count", existing}}) << "\n";
    }
    if (flags.if_empty) return 0;
    std::cerr << Tr("cli.demo_history.not_empty", {{"count", existing}}) << "\n";
    return 1;
  }
  std::vector<v1::Standard> standards;
  if (int code = LoadedStandards(options, standards); code != 0) return code;
  if (int code = CheckDirectory(options); code != 0) return code;

  demo_history::HistoryOptions history;
  history.households = flags.households;
  history.seed = flags.seed;
  history.first_year = flags.first_year;
  history.last_year = flags.last_year;
  history.today = WardClock().Today();
  Result<demo_history::HistoryPlan> plan = demo_history::BuildHistoryPlan(history, standards);
  if (!plan.ok()) {
    std::cerr << Tr("cli.demo_history.cannot_plan") << " " << plan.error().message << "\n";
    for (const FieldViolation& violation : plan.error().violations) {
      std::cerr << "  " << violation.field << ": " << violation.description << "\n";
    }
    return 1;
  }
  // Progress goes where the summary does not: standard error under --json.
  std::ostream& progress = options.json ? std::cerr : std::cout;
  progress << Tr("cli.demo_history.planned", {{"households", static_cast<int64_t>(plan->ward.size())},
                                              {"first", plan->years.front().review_year},
                                              {"last", plan->years.back().review_year},
                                              {"seed", std::to_string(flags.seed)}})
           << std::endl;

  HistoryPlayer player(options, *plan, progress);
  if (int code = player.Import(); code != 0) return code;
  for (const demo_history::YearPlan& year : plan->years) {
    if (int code = player.PlayYear(year); code != 0) return code;
  }
  CaseCounts cases;
  if (int code = player.CountCases(cases); code != 0) return code;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.json) {
    PrintSummaryJson(*plan, player, cases, seconds);
  } else {
    PrintSummary(*plan, player, cases, seconds);
  }
  return 0;
}

}  // namespace

void AddDemoHistoryCommand(CLI::App& demo, const ClientOptions& options, int& exit_code) {
  auto flags = std::make_shared<HistoryFlags>();
  auto* command = demo.add_subcommand("history", Tr("help.demo.history"));
  command->add_option("--households", flags->households, Tr("help.demo.households"))
      ->check(CLI::Range(int64_t{1}, registry::kMaxDemoHouseholds))
      ->capture_default_str();
  command->add_option("--seed", flags->seed, Tr("help.demo.seed"))->capture_default_str();
  command->add_option("--first-year", flags->first_year, Tr("help.demo.history.first_year"))
      ->capture_default_str();
  command->add_option("--last-year", flags->last_year, Tr("help.demo.history.last_year"))
      ->capture_default_str();
  command->add_flag("--if-empty", flags->if_empty, Tr("help.demo.history.if_empty"));
  command->callback([&options, &exit_code, flags] { exit_code = Run(options, *flags); });
}

}  // namespace ansinh::cli
