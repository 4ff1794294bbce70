#pragma once

// The demo ward's periodic review of one year, from opening to the
// chairman's approval, through the real RPCs as a ward officer: `ansinh
// review demo` runs it for one year, `ansinh demo history` for every year of
// the history (docs/classification.md, "ansinh review demo").

#include <iosfwd>
#include <map>
#include <string>

#include "ansinh/v1/common.pb.h"
#include "client_options.h"

namespace ansinh::cli {

struct ReviewDemoOutcome {
  // 0 when the round is approved (now or before).
  int exit_code = 1;
  std::string round_id;
  // The standard the round applies.
  std::string standard_id;
  // The round was approved before: nothing was done.
  bool approved_before = false;
  // Approved now: the households by category, and the decision's date.
  std::map<v1::PovertyCategory, int> approved;
  std::string decision_date;
};

// Opens R-<year> dated <year>-11-03 (or continues the open one), waits until
// every active household with a survey of the year has joined it, records one
// group meeting per residential group, posts and approves by decision
// 01/QĐ-UBND-DEMO-<year> dated `decision_date` (today by the ward's calendar
// when empty). Says what it did on `out`, waiting on standard error; a
// failed call is reported (ReportError) and ends it.
ReviewDemoOutcome RunReviewDemo(const ClientOptions& options, int year, std::string decision_date,
                                std::ostream& out);

}  // namespace ansinh::cli
