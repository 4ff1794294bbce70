#pragma once

// The demo ward's history, 2021 to 2026, as a plan: pure (no Redis, no gRPC),
// the same for the same seed, options and standards on every platform.
//
// From the demo ward (GenerateDemoWard with review_year = the first year),
// the plan decides each household's path: its survey of every year (the
// first year's is the ward's own), and so its category under that year's
// standard, and the ward's actions between reviews: livelihood models and
// the households joining them, support by type (policy credit, health-insurance
// cards, tuition exemption, house repairs, Tết gifts of the Fund for the
// Poor, information access, what the models give), home visits, and the
// autumn floods of Huế (declared, households marked affected, relief). The
// chances behind each path are the "true effects" of true_effects.h.
//
// `ansinh demo history` (services/cli/commands/demo_history_command.h) plays
// it through the real services: the ward imported with the first year's
// surveys, then year after year the actions dated in the year, its surveys
// and its periodic review.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "ansinh/v1/standard.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"
#include "registry/core/demo/demo_ward_generator.h"

namespace ansinh::demo_history {

// The years of `make run`'s history.
inline constexpr int kDefaultFirstYear = 2021;
inline constexpr int kDefaultLastYear = 2026;
// The assignment service's default follow-up after an escape (docs/assignment.md).
inline constexpr int kDefaultFollowUpMonths = 36;

struct HistoryOptions {
  // The seed of the ward and of the history (`make run`: 2025).
  uint64_t seed = 2025;
  int64_t households = 2000;
  int first_year = kDefaultFirstYear;
  // The last review year wanted. The plan ends earlier when that review is
  // not held yet on `today` (it needs December of its year).
  int last_year = kDefaultLastYear;
  // The day the history is loaded: nothing is dated after it, the ward is
  // registered on it, and the review of its own year is approved on it when
  // December 20 is still to come.
  CivilDate today;
  // How long the assignment service follows an escaped household. Its
  // follow-up closer ends the follow-up by the real calendar, so a case
  // whose follow-up ended before `today` may close at any moment of the
  // loading: the plan gives such households nothing more to do.
  int follow_up_months = kDefaultFollowUpMonths;
};

// How a household came out of a review.
struct HouseholdOutcome {
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  bool without_labour_capacity = false;
  // Income per capita per month as surveyed (or, for a first-year survey with
  // a score A only, the income the score stands for).
  int64_t income_vnd = 0;
  int deprivation_count = 0;
};

// Which request an action carries; the order of PlannedAction::Request.
enum class ActionKind {
  kUpsertModel,
  kDeclareEmergency,
  kJoinModel,
  kMarkAffected,
  kRecordSupport,
  kRecordVisit,
  kEndEmergency,
};

// One call a ward officer makes. Household ids, case ids and emergency ids are
// left empty: the services assign them, and the player fills them in from
// `households` and `emergency`.
struct PlannedAction {
  using Request = std::variant<v1::UpsertLivelihoodModelRequest, v1::DeclareEmergencyRequest,
                               v1::JoinLivelihoodModelRequest, v1::MarkAffectedRequest,
                               v1::RecordSupportRequest, v1::RecordVisitRequest, v1::EndEmergencyRequest>;

  CivilDate date;
  // The households it is about, as indices of HistoryPlan::ward: one for
  // support and a visit, several for a joining or a marking.
  std::vector<size_t> households;
  // The emergency it declares, marks, relieves or ends (an index of
  // HistoryPlan::emergencies); -1 when none.
  int emergency = -1;
  Request request;

  ActionKind kind() const { return static_cast<ActionKind>(request.index()); }
};

// A flood the plan declares.
struct PlannedEmergency {
  int year = 0;
  // As declared (no id: the service numbers it).
  v1::Emergency emergency;
  std::vector<size_t> affected;
  std::vector<size_t> relieved;
  // Affected households left without a visit or support since it began (the
  // latest emergency only), so that the alerts have something to show.
  std::vector<size_t> uncontacted;
};

struct YearPlan {
  int review_year = 0;
  // The standard the review applies (docs/domain.md §3.0).
  std::string standard_id;
  // The chairman's decision approving the review.
  CivilDate decision_date;
  // Dated in this year, between the previous review and this one, in the
  // order to play them (by date, then ActionKind). None in the first year.
  std::vector<PlannedAction> actions;
  // One per household of the ward, in the ward's order: complete, with the
  // member snapshot, as the registry stores it. The first year's are the
  // ward's own (they come with the import).
  std::vector<v1::Survey> surveys;
  // How each household comes out of this year's review, as the classifier
  // decides it on its survey.
  std::vector<HouseholdOutcome> outcomes;

  int64_t Count(v1::PovertyCategory category) const;
};

struct HistoryPlan {
  HistoryOptions options;
  std::vector<registry::DemoHousehold> ward;
  // The ward's residential groups, ordered.
  std::vector<std::string> residential_groups;
  std::vector<PlannedEmergency> emergencies;
  // The first year first.
  std::vector<YearPlan> years;

  int64_t ActionCount(ActionKind kind) const;
};

// The plan. INVALID_ARGUMENT naming each bad option (households, first_year,
// last_year, today, follow_up_months); FAILED_PRECONDITION when a year has no
// standard in `standards` or a survey cannot be classified.
Result<HistoryPlan> BuildHistoryPlan(const HistoryOptions& options, std::span<const v1::Standard> standards);

// The last review year the plan holds: `last_year`, or the latest year before
// it whose December has come by `today`.
int LastReviewYear(int last_year, CivilDate today);

// The day of the chairman's decision on the periodic review of `year`:
// December 20, or `today` when that day is still to come.
CivilDate DecisionDate(int year, CivilDate today);

}  // namespace ansinh::demo_history
