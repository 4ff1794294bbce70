#include "commands/case_outcomes_output.h"

#include <iostream>

#include "output.h"

namespace ansinh::cli {

void PrintCaseOperationOutcomes(
    const google::protobuf::RepeatedPtrField<v1::CaseOperationOutcome>& outcomes) {
  Table table(Headings({"heading.household", "heading.case", "heading.outcome", "heading.why"}));
  int done = 0;
  int already = 0;
  int refused = 0;
  for (const v1::CaseOperationOutcome& outcome : outcomes) {
    std::string what;
    std::string why;
    if (outcome.done()) {
      what = Tr("cli.outcome.done");
      ++done;
    } else if (outcome.already()) {
      what = Tr("cli.outcome.already");
      ++already;
    } else {
      what = Tr("cli.outcome.refused");
      why = Tr(outcome.refusal_text(), outcome.refusal());
      ++refused;
    }
    table.AddRow({outcome.household_id(), OrDash(outcome.case_id()), what, OrDash(why)});
  }
  table.Print(std::cout);
  std::cout << Tr("cli.outcomes.summary", {{"done", done}, {"already", already}, {"refused", refused}})
            << "\n";
}

}  // namespace ansinh::cli
