#pragma once

// Plays the demo history's plan (services/demo_history/history_plan.h)
// through the real services, as a ward officer: the ward imported with the
// first year's surveys, then for every later year the actions dated in it,
// its surveys and its review (review_demo.h), each review followed by a wait
// until the assignment service has opened, moved or reopened the cases the
// review decided, and helpers assigned to the new cases.

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ansinh/v1/assignment.grpc.pb.h"
#include "ansinh/v1/registry.grpc.pb.h"
#include "client_options.h"
#include "demo_history/history_plan.h"

namespace ansinh::cli {

// What one review year gave.
struct PlayedYear {
  int review_year = 0;
  std::string round_id;
  std::string standard_id;
  std::string decision_date;
  std::map<v1::PovertyCategory, int> approved;
  // The year's actions, by kind, and the surveys recorded.
  std::map<demo_history::ActionKind, int64_t> actions;
  int64_t surveys = 0;
  double seconds = 0;
};

// Where the cases stand at the end.
struct CaseCounts {
  int64_t open = 0;
  int64_t follow_up = 0;
  int64_t closed = 0;
  int64_t without_helper = 0;
  int64_t support_records = 0;
  int64_t visits = 0;
  int64_t model_participations = 0;
};

class HistoryPlayer {
 public:
  // `out` gets the progress lines (standard output, or standard error under --json).
  HistoryPlayer(const ClientOptions& options, const demo_history::HistoryPlan& plan, std::ostream& out);

  // Each returns 0, or the exit code after reporting what failed.
  int Import();
  int PlayYear(const demo_history::YearPlan& year);
  int CountCases(CaseCounts& counts);

  const std::vector<PlayedYear>& played() const { return played_; }
  const std::map<int, std::string>& emergency_ids() const { return emergency_ids_; }

 private:
  int PlayActions(const demo_history::YearPlan& year, PlayedYear& played);
  int RecordSurveys(const demo_history::YearPlan& year, PlayedYear& played);
  int Review(const demo_history::YearPlan& year, PlayedYear& played);
  int WaitForCases(const demo_history::YearPlan& year);
  int AssignHelpers(int year);
  std::string HelperTakesOn(const v1::Case& a_case) const;
  int ListAllCases(std::vector<v1::Case>& cases);
  // One action; its case ids come from cases_.
  grpc::Status Play(const demo_history::PlannedAction& action, std::string& what);

  const ClientOptions& options_;
  const demo_history::HistoryPlan& plan_;
  std::ostream& out_;
  std::unique_ptr<v1::Registry::Stub> registry_;
  std::unique_ptr<v1::Assignment::Stub> assignment_;
  // The registry's id of each household of the plan's ward.
  std::vector<std::string> household_ids_;
  // The case the ward acts on for each household (its latest not closed), by plan index.
  std::map<size_t, std::string> cases_;
  // The service's id of each planned emergency.
  std::map<int, std::string> emergency_ids_;
  std::vector<PlayedYear> played_;
};

}  // namespace ansinh::cli
