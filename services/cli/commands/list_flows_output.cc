#include "commands/list_flows_output.h"

#include <ostream>
#include <string>

#include "output.h"

namespace ansinh::cli {
namespace {

// Every word the table prints, in one place, so that a catalog in another
// language replaces this one struct. The leading signs show the sum:
// last year's count + inflows - outflows = this year's count.
struct ListFlowWords {
  const char* title = "How the lists changed from review year ";
  const char* title_to = " to ";
  const char* movement_column = "MOVEMENT";
  const char* poor_column = "POOR";
  const char* near_poor_column = "NEAR-POOR";
  const char* previous_year = "  on the lists for ";
  const char* newly = "+ newly on the list";
  const char* from_other_list = "    of them from the other list";
  const char* relapsed = "+ back on the list (relapsed)";
  const char* escaped = "- off the list by a review (escaped)";
  const char* to_other_list = "    of them to the other list";
  const char* left_ward = "- left the ward (moved out or dissolved)";
  const char* this_year = "= on the lists for ";
};
constexpr ListFlowWords kListFlowWords;

}  // namespace

void PrintListFlows(const v1::WardFigures& figures, std::ostream& out) {
  const ListFlowWords& words = kListFlowWords;
  const v1::CategoryFlows& poor = figures.poor_flows();
  const v1::CategoryFlows& near_poor = figures.near_poor_flows();
  const std::string previous_year = std::to_string(figures.review_year() - 1);
  const std::string year = std::to_string(figures.review_year());

  Table table({words.movement_column, words.poor_column, words.near_poor_column});
  const auto row = [&table](const std::string& movement, int poor_value, int near_poor_value) {
    table.AddRow({movement, std::to_string(poor_value), std::to_string(near_poor_value)});
  };
  row(words.previous_year + previous_year, poor.previous_year_count(), near_poor.previous_year_count());
  row(words.newly, poor.newly(), near_poor.newly());
  row(words.from_other_list, poor.inflows_from_other_list(), near_poor.inflows_from_other_list());
  row(words.relapsed, poor.relapsed(), near_poor.relapsed());
  row(words.escaped, poor.escaped(), near_poor.escaped());
  row(words.to_other_list, poor.escaped_to_other_list(), near_poor.escaped_to_other_list());
  row(words.left_ward, poor.left_ward(), near_poor.left_ward());
  row(words.this_year + year, poor.this_year_count(), near_poor.this_year_count());

  out << "\n" << words.title << previous_year << words.title_to << year << "\n\n";
  table.Print(out);
}

}  // namespace ansinh::cli
