#include "commands/list_flows_output.h"

#include <ostream>
#include <string>

#include "kernel/review_years.h"
#include "output.h"

namespace ansinh::cli {

// The leading signs of the rows show the sum: last year's count + inflows -
// outflows = this year's count. The words are the catalogs' cli.flows.*.
void PrintListFlows(const v1::WardFigures& figures, std::ostream& out) {
  const v1::CategoryFlows& poor = figures.poor_flows();
  const v1::CategoryFlows& near_poor = figures.near_poor_flows();
  // The title speaks of review years, the rows of the lists they decided
  // (docs/domain.md §3.0): the 2026 review decides the list of 2027.
  const std::string previous_year = std::to_string(figures.review_year() - 1);
  const std::string year = std::to_string(figures.review_year());
  const int list_year = figures.list_year() != 0 ? figures.list_year()
                                                 : ListYearOf(figures.review_year(), ReviewTiming::kPeriodic);
  const std::string previous_list_year = std::to_string(list_year - 1);
  const std::string this_list_year = std::to_string(list_year);

  Table table(Headings({"heading.movement", "heading.poor", "heading.near_poor"}));
  const auto row = [&table](const std::string& movement, int poor_value, int near_poor_value) {
    table.AddRow({movement, Number(poor_value), Number(near_poor_value)});
  };
  row(Tr("cli.flows.previous_year", {{"year", previous_list_year}}), poor.previous_year_count(),
      near_poor.previous_year_count());
  row(Tr("cli.flows.newly"), poor.newly(), near_poor.newly());
  row(Tr("cli.flows.from_other_list"), poor.inflows_from_other_list(), near_poor.inflows_from_other_list());
  row(Tr("cli.flows.relapsed"), poor.relapsed(), near_poor.relapsed());
  row(Tr("cli.flows.escaped"), poor.escaped(), near_poor.escaped());
  row(Tr("cli.flows.to_other_list"), poor.escaped_to_other_list(), near_poor.escaped_to_other_list());
  row(Tr("cli.flows.left_ward"), poor.left_ward(), near_poor.left_ward());
  row(Tr("cli.flows.this_year", {{"year", this_list_year}}), poor.this_year_count(),
      near_poor.this_year_count());

  out << "\n" << Tr("cli.flows.title", {{"previous", previous_year}, {"year", year}}) << "\n\n";
  table.Print(out);
}

}  // namespace ansinh::cli
