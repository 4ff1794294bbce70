#include "demo_history/history_plan.h"

#include <algorithm>
#include <set>

#include "classification/core/classifier.h"
#include "demo_history/deprivation_keeper.h"
#include "demo_history/income_paths.h"
#include "demo_history/plan_days.h"
#include "demo_history/year_standards.h"
#include "demo_history/yearly_actions.h"

namespace ansinh::demo_history {
namespace {

// The history draws from its own stream, so the ward is the one `ansinh demo
// load` would generate with the same seed.
constexpr uint64_t kHistorySalt = 0x5851f42d4c957f2dULL;
// Later years' surveys: September and October, before the round opens on 3
// November (the review's demo days, services/cli/commands/review_demo.h).
constexpr int kSurveyWindowDays = 61;
// The chairman's decision day of a periodic review.
constexpr unsigned kDecisionMonth = 12;
constexpr unsigned kDecisionDay = 20;

// The case the assignment service keeps for a household, as the plan
// foresees it (services/assignment/core/lifecycle.h).
struct CaseTrack {
  enum class State { kNone, kOpen, kFollowUp };
  State state = State::kNone;
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  std::optional<CivilDate> follow_up_since;
  // Its follow-up ended before the loading day: the follow-up closer may
  // close the case at any moment of the loading, and a relapse may then open
  // a new case dated that day. The plan leaves such a household alone.
  bool unsettled = false;

  void Apply(v1::PovertyCategory now, CivilDate decided, const HistoryOptions& options) {
    if (IsOnList(now)) {
      state = State::kOpen;
      follow_up_since.reset();
    } else if (state == State::kOpen) {
      state = State::kFollowUp;
      follow_up_since = decided;
      if (AddMonths(decided, options.follow_up_months) <= options.today) unsettled = true;
    }
    if (state != State::kNone) category = now;
  }
};

struct HouseholdState {
  IncomeState income;
  CaseTrack a_case;
  int model = -1;
  int model_year = 0;
  unsigned models_joined = 0;
};

FieldViolations Validate(const HistoryOptions& options) {
  FieldViolations violations;
  if (options.households < 1 || options.households > registry::kMaxDemoHouseholds) {
    violations.push_back({"households", "must be 1 to " + std::to_string(registry::kMaxDemoHouseholds)});
  }
  if (options.first_year < kDefaultFirstYear) {
    violations.push_back({"first_year", "must be " + std::to_string(kDefaultFirstYear) +
                                            " or later: the history starts with Decree 07/2021"});
  }
  if (options.last_year < options.first_year) {
    violations.push_back({"last_year", "must not be before first_year"});
  }
  if (!options.today.ok()) violations.push_back({"today", "must be a calendar date"});
  if (options.follow_up_months < 1) violations.push_back({"follow_up_months", "must be at least 1"});
  if (violations.empty() && LastReviewYear(options.last_year, options.today) < options.first_year) {
    violations.push_back({"first_year", "the review of " + std::to_string(options.first_year) +
                                            " is not held yet on " + FormatIsoDate(options.today)});
  }
  return violations;
}

// The income a first-year survey stands for: measured, or scaled back from
// its score A as the generator scaled it.
int64_t SurveyedIncome(const v1::Survey& survey, const v1::Standard& standard) {
  if (survey.has_income_per_capita()) return survey.income_per_capita_vnd();
  for (const v1::AreaLines& lines : standard.lines()) {
    if (lines.area_type() != survey.area_type() || lines.score_a().at_most_for_poverty_line() <= 0) continue;
    return static_cast<int64_t>(survey.score_a()) * lines.poverty_line_vnd() /
           lines.score_a().at_most_for_poverty_line() / 1000 * 1000;
  }
  return 0;
}

HouseholdOutcome OutcomeOf(const v1::ClassificationResult& result, int64_t income) {
  HouseholdOutcome outcome;
  outcome.category = result.category();
  outcome.without_labour_capacity = result.without_labour_capacity();
  outcome.income_vnd = income;
  outcome.deprivation_count = result.deprivation_count();
  return outcome;
}

Error CannotClassify(const registry::DemoHousehold& demo, int year, const Error& error) {
  return Error::FailedPrecondition("the survey of " + std::to_string(year) + " planned for " +
                                   demo.household.household_id() + " cannot be classified: " + error.message);
}

// The household's survey of `year`: its dwelling as last surveyed, the new
// income, surveyed in September or October.
v1::Survey NextSurvey(registry::DeterministicRandom& random, const v1::Survey& previous, int year,
                      int64_t income, int64_t number) {
  v1::Survey survey = previous;
  std::string digits = std::to_string(number);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  survey.set_survey_id("SV-" + std::to_string(year) + "-" + digits + "-1");
  survey.set_review_year(year);
  survey.set_kind(v1::REVIEW_KIND_PERIODIC);
  survey.set_survey_date(FormatIsoDate(
      AddDays(DayOf(year, 9, 1), static_cast<int>(random.UniformInt(0, kSurveyWindowDays - 1)))));
  survey.set_has_income_per_capita(true);
  survey.set_income_per_capita_vnd(income);
  survey.clear_has_score_a();
  survey.clear_score_a();
  survey.clear_corrects_survey_id();
  return survey;
}

std::vector<HouseholdStanding> Standings(const std::vector<HouseholdState>& states,
                                         const YearPlan& previous) {
  std::vector<HouseholdStanding> standing(states.size());
  for (size_t i = 0; i < states.size(); ++i) {
    const HouseholdState& state = states[i];
    HouseholdStanding& entry = standing[i];
    entry.category = state.a_case.category;
    entry.without_labour_capacity = previous.outcomes[i].without_labour_capacity;
    entry.actionable = state.a_case.state != CaseTrack::State::kNone && !state.a_case.unsettled;
    entry.follow_up_since = state.a_case.follow_up_since;
    entry.model = state.model;
    entry.model_year = state.model_year;
    entry.models_joined = state.models_joined;
    entry.survey = &previous.surveys[i];
  }
  return standing;
}

}  // namespace

int64_t YearPlan::Count(v1::PovertyCategory category) const {
  return std::count_if(outcomes.begin(), outcomes.end(),
                       [category](const HouseholdOutcome& outcome) { return outcome.category == category; });
}

int64_t HistoryPlan::ActionCount(ActionKind kind) const {
  int64_t count = 0;
  for (const YearPlan& year : years) {
    count += std::count_if(year.actions.begin(), year.actions.end(),
                           [kind](const PlannedAction& action) { return action.kind() == kind; });
  }
  return count;
}

int LastReviewYear(int last_year, CivilDate today) {
  // A review is held by December of its year.
  const int year = static_cast<int>(today.year());
  return std::min(last_year, today.month() == std::chrono::December ? year : year - 1);
}

CivilDate DecisionDate(int year, CivilDate today) {
  return std::min(DayOf(year, kDecisionMonth, kDecisionDay), today);
}

Result<HistoryPlan> BuildHistoryPlan(const HistoryOptions& options, std::span<const v1::Standard> standards) {
  if (FieldViolations violations = Validate(options); !violations.empty()) {
    return Error::InvalidArgument(std::move(violations));
  }
  const int last_year = LastReviewYear(options.last_year, options.today);
  Result<std::vector<YearStandard>> year_standards =
      StandardsForYears(standards, options.first_year, last_year);
  if (!year_standards.ok()) return year_standards.error();

  HistoryPlan plan;
  plan.options = options;
  registry::DemoWardOptions ward_options;
  ward_options.household_count = options.households;
  ward_options.review_year = options.first_year;
  ward_options.registered_on = options.today;
  plan.ward = registry::GenerateDemoWard(options.seed, ward_options);
  std::set<std::string> groups;
  for (const registry::DemoHousehold& demo : plan.ward) groups.insert(demo.household.residential_group());
  plan.residential_groups.assign(groups.begin(), groups.end());

  registry::DeterministicRandom random(options.seed ^ kHistorySalt);
  const size_t count = plan.ward.size();
  std::vector<HouseholdState> states(count);

  // The first year: the ward's own surveys, as imported.
  {
    const YearStandard& standard = year_standards->front();
    YearPlan& first = plan.years.emplace_back();
    first.review_year = standard.review_year;
    first.standard_id = standard.standard->id();
    first.decision_date = DecisionDate(first.review_year, options.today);
    for (size_t i = 0; i < count; ++i) {
      const v1::Survey& survey = plan.ward[i].survey;
      Result<v1::ClassificationResult> result = classification::Classify(survey, *standard.standard);
      if (!result.ok()) return CannotClassify(plan.ward[i], first.review_year, result.error());
      const int64_t income = SurveyedIncome(survey, *standard.standard);
      first.surveys.push_back(survey);
      first.outcomes.push_back(OutcomeOf(*result, income));
      HouseholdState& state = states[i];
      state.income.level = LevelOf(income, standard);
      state.income.income_vnd = income;
      state.income.poor_deprivations = result->deprivation_count() >= standard.poor_deprivation_count;
      state.income.without_labour_capacity = result->without_labour_capacity();
      state.income.ever_on_a_list = IsOnList(result->category());
      state.a_case.Apply(result->category(), first.decision_date, options);
    }
  }

  const std::vector<int> flood_years = [&] {
    std::vector<int> years;
    for (int year : {2022, 2025, 2026}) {
      if (year > options.first_year && year <= last_year) years.push_back(year);
    }
    return years;
  }();

  for (size_t y = 1; y < year_standards->size(); ++y) {
    const YearStandard& before = (*year_standards)[y - 1];
    const YearStandard& now = (*year_standards)[y];
    const YearPlan& previous = plan.years.back();
    const std::vector<HouseholdStanding> standing = Standings(states, previous);

    YearContext context;
    context.year = now.review_year;
    context.today = options.today;
    context.ward = &plan.ward;
    context.groups = plan.residential_groups;
    context.standing = standing;
    context.flood = std::find(flood_years.begin(), flood_years.end(), now.review_year) != flood_years.end();
    context.last_flood = context.flood && now.review_year == flood_years.back();
    context.flood_index = static_cast<int>(plan.emergencies.size());
    ActionYear actions = PlanSupportYear(random, context);

    YearPlan year;
    year.review_year = now.review_year;
    year.standard_id = now.standard->id();
    year.decision_date = DecisionDate(year.review_year, options.today);
    for (size_t i = 0; i < count; ++i) {
      HouseholdState& state = states[i];
      const IncomeState next = NextYear(random, state.income, actions.exposures[i], before, now);
      v1::Survey survey = NextSurvey(random, previous.surveys[i], year.review_year, next.income_vnd,
                                     static_cast<int64_t>(i) + 1);
      Result<v1::ClassificationResult> result =
          KeepDeprivations(survey, *now.standard, state.income.poor_deprivations);
      if (!result.ok()) return CannotClassify(plan.ward[i], year.review_year, result.error());
      year.outcomes.push_back(OutcomeOf(*result, next.income_vnd));
      year.surveys.push_back(std::move(survey));

      state.income = next;
      state.income.poor_deprivations = result->deprivation_count() >= now.poor_deprivation_count;
      state.income.without_labour_capacity = result->without_labour_capacity();
      state.income.ever_on_a_list = state.income.ever_on_a_list || IsOnList(result->category());
      if (actions.joined_model[i] >= 0) {
        state.model = actions.joined_model[i];
        state.model_year = year.review_year;
        state.models_joined |= 1u << actions.joined_model[i];
      }
    }
    FinishYear(random, context, year.outcomes, actions);
    year.actions = std::move(actions.actions);
    if (actions.flood) plan.emergencies.push_back(std::move(*actions.flood));
    for (size_t i = 0; i < count; ++i) {
      states[i].a_case.Apply(year.outcomes[i].category, year.decision_date, options);
    }
    plan.years.push_back(std::move(year));
  }
  return plan;
}

}  // namespace ansinh::demo_history
