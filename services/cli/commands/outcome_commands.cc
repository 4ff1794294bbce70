#include "commands/outcome_commands.h"

#include <iostream>
#include <map>

#include "ansinh/v1/monitoring.grpc.pb.h"
#include "commands/directory_names.h"
#include "i18n/proto/localized_text.h"
#include "output.h"
#include "words.h"

namespace ansinh::cli {
namespace {

// The words of --by, and the dimension each names.
const std::map<std::string, v1::OutcomeDimension>& Dimensions() {
  static const std::map<std::string, v1::OutcomeDimension> kDimensions = {
      {"type", v1::OUTCOME_DIMENSION_SUPPORT_TYPE},
      {"source", v1::OUTCOME_DIMENSION_SOURCE},
      {"programme", v1::OUTCOME_DIMENSION_CREDIT_PROGRAMME},
      {"model", v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL},
      {"organization", v1::OUTCOME_DIMENSION_ORGANIZATION},
      {"helper", v1::OUTCOME_DIMENSION_HELPER},
      {"group", v1::OUTCOME_DIMENSION_RESIDENTIAL_GROUP},
  };
  return kDimensions;
}

// "<5" for a suppressed cell, else the count.
std::string CountCell(const v1::OutcomeProportion& proportion) {
  return proportion.suppressed() ? Tr("cli.outcomes.suppressed") : Number(proportion.count());
}

// "43,4% (34,6–52,6) of 113", or "<5".
std::string ShareCell(const v1::OutcomeProportion& proportion) {
  if (proportion.suppressed()) return Tr("cli.outcomes.suppressed");
  if (proportion.denominator() == 0) return "-";
  return Tr("cli.outcomes.share", {{"percent", Percent(proportion.percent())},
                                   {"lower", Percent(proportion.lower_percent())},
                                   {"upper", Percent(proportion.upper_percent())},
                                   {"of", Number(proportion.denominator())}});
}

std::string IncomeCell(const v1::IncomeChange& income) {
  if (income.suppressed()) return Tr("cli.outcomes.suppressed");
  if (income.households() == 0) return "-";
  return Money(income.before().median_vnd()) + " → " + Money(income.after().median_vnd());
}

std::string MedianMonths(const v1::OutcomeGroup& group) {
  return group.has_median_months_to_escape()
             ? Tr("cli.outcomes.months", {{"months", Words().Decimal(group.median_months_to_escape())}})
             : "-";
}

void AddRow(Table& table, const std::string& label, const v1::OutcomeGroup& group) {
  table.AddRow({label, CountCell(group.supported()), ShareCell(group.escaped_12_months()),
                ShareCell(group.escaped_24_months()), ShareCell(group.escaped_36_months()),
                ShareCell(group.relapsed()), IncomeCell(group.income()), MedianMonths(group)});
}

void PrintCurve(const std::string& label, const v1::OutcomeGroup& group) {
  if (group.escape_curve().empty()) return;
  std::cout << "\n" << Tr("cli.outcomes.curve_of", {{"group", label}}) << "\n\n";
  Table table(
      Headings({"heading.months", "heading.at_risk", "heading.escaped_now", "heading.escaped_share"}));
  for (const v1::EscapeCurveStep& step : group.escape_curve()) {
    table.AddRow({Words().Decimal(step.months()), Number(step.at_risk()), Number(step.escaped()),
                  Tr("cli.outcomes.interval", {{"percent", Percent(step.escaped_percent())},
                                               {"lower", Percent(step.lower_percent())},
                                               {"upper", Percent(step.upper_percent())}})});
  }
  table.Print(std::cout);
}

void PrintOutcomes(const v1::GetOutcomesResponse& response, const reports::ReportNames& names, bool curves) {
  std::cout << Tr("cli.outcomes.title", {{"from", response.from().empty() ? "-" : Date(response.from())},
                                         {"to", Date(response.to())},
                                         {"as_of", Date(response.as_of())}})
            << "\n\n";
  Table table(
      Headings({"heading.outcome_group", "heading.supported", "heading.escaped_12", "heading.escaped_24",
                "heading.escaped_36", "heading.relapsed", "heading.income_median", "heading.median_time"}));
  AddRow(table, Tr("cli.outcomes.ward"), response.ward());
  for (const v1::OutcomeGroup& group : response.groups()) {
    AddRow(table, GroupLabel(names, response.dimension(), group.key()), group);
  }
  table.Print(std::cout);
  if (curves) {
    PrintCurve(Tr("cli.outcomes.ward"), response.ward());
    for (const v1::OutcomeGroup& group : response.groups()) {
      PrintCurve(GroupLabel(names, response.dimension(), group.key()), group);
    }
  }
  std::cout << "\n" << Tr("cli.outcomes.how") << "\n";
  for (const v1::OutcomeExplanation& explanation : response.ward().explanations()) {
    std::cout << "  - " << Words().Text(i18n::FromProto(explanation.text())) << "\n";
  }
  std::cout << Tr("cli.outcomes.read", {{"households", Number(response.households_read())}}) << "\n";
}

}  // namespace

void AddOutcomeCommands(CLI::App& app, const ClientOptions& options, int& exit_code) {
  struct Args {
    std::string by = "model";
    std::string from, to, as_of, key;
    bool curves = false;
  };
  auto args = std::make_shared<Args>();
  auto* command = app.add_subcommand("outcomes", Tr("help.outcomes"));
  std::vector<std::string> words;
  for (const auto& [word, dimension] : Dimensions()) words.push_back(word);
  command->add_option("--by", args->by, Tr("help.outcomes.by"))
      ->check(CLI::IsMember(words))
      ->capture_default_str();
  command->add_option("--from", args->from, Tr("help.outcomes.from"));
  command->add_option("--to", args->to, Tr("help.outcomes.to"));
  command->add_option("--as-of", args->as_of, Tr("help.outcomes.as_of"));
  command->add_option("--key", args->key, Tr("help.outcomes.key"));
  command->add_flag("--curves", args->curves, Tr("help.outcomes.curves"));
  command->callback([&options, &exit_code, args] {
    auto stub = v1::Monitoring::NewStub(options.Channel(options.monitoring));
    v1::GetOutcomesRequest request;
    request.set_dimension(Dimensions().at(args->by));
    request.set_from(args->from);
    request.set_to(args->to);
    request.set_as_of(args->as_of);
    request.set_key(args->key);
    v1::GetOutcomesResponse response;
    const grpc::Status status = stub->GetOutcomes(options.Context().get(), request, &response);
    exit_code = Finish(options, status, Tr("doing.read_outcomes"), response,
                       [&] { PrintOutcomes(response, LoadDirectoryNames(options), args->curves); });
  });
}

}  // namespace ansinh::cli
