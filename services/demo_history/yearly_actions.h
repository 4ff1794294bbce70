#pragma once

// What the ward does for its poor and near-poor households in one year
// between two reviews: the support, the livelihood models and their joinings,
// the autumn flood, and the home visits (history_plan.h). What each action
// does to the household's chances is collected as its YearExposure
// (true_effects.h).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "demo_history/history_plan.h"
#include "demo_history/income_paths.h"
#include "registry/core/demo/deterministic_random.h"

namespace ansinh::demo_history {

// A household as the previous review left it.
struct HouseholdStanding {
  // Its case's category (the list it is on, or where it escaped to).
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  bool without_labour_capacity = false;
  // It has a case the ward acts on: open, or followed after an escape whose
  // follow-up runs past the loading day (history_plan.h, follow_up_months).
  bool actionable = false;
  // Followed after an escape, since this day.
  std::optional<CivilDate> follow_up_since;
  // The livelihood model it joined (an index of DemoModels()) and when; -1 when none.
  int model = -1;
  int model_year = 0;
  // Every model it ever joined, a bit per index of DemoModels().
  unsigned models_joined = 0;
  // Its latest survey.
  const v1::Survey* survey = nullptr;

  bool open() const { return actionable && !follow_up_since; }
};

struct YearContext {
  int year = 0;
  CivilDate today;
  const std::vector<registry::DemoHousehold>* ward = nullptr;
  std::span<const std::string> groups;
  std::span<const HouseholdStanding> standing;
  // Whether a flood strikes this year, and whether it is the plan's last.
  bool flood = false;
  bool last_flood = false;
  // The index the year's flood gets in HistoryPlan::emergencies.
  int flood_index = -1;
};

struct ActionYear {
  std::vector<PlannedAction> actions;
  // One per household.
  std::vector<YearExposure> exposures;
  // Per household: the model it joined this year, -1 when none.
  std::vector<int> joined_model;
  // Per household: struck by the year's flood, and relieved.
  std::vector<bool> affected;
  std::optional<PlannedEmergency> flood;
};

// The support, models and flood of the year (everything but the visits).
ActionYear PlanSupportYear(registry::DeterministicRandom& random, const YearContext& context);

// The home visits of the year, once the review's outcomes are known (a
// helper sees a household getting out), then the actions in playing order.
// Households the year's last flood leaves uncontacted get nothing dated
// from its start on.
void FinishYear(registry::DeterministicRandom& random, const YearContext& context,
                std::span<const HouseholdOutcome> outcomes, ActionYear& year);

}  // namespace ansinh::demo_history
