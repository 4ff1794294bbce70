#pragma once

// A household's income from one review to the next: the yearly Markov chain
// of the demo history (true_effects.h gives its chances). The chain moves a
// household between three income levels against the year's standard; its
// category follows from the level and its deprivations (deprivation_keeper.h).

#include <cstdint>

#include "demo_history/year_standards.h"
#include "registry/core/demo/deterministic_random.h"

namespace ansinh::demo_history {

enum class IncomeLevel {
  // At or below the poverty line: POOR or NEAR_POOR.
  kBelowLine,
  // In the AVERAGE band.
  kAverageBand,
  // Above the band, or above the line under a standard without a band: NOT_POOR.
  kAbove,
};

IncomeLevel LevelOf(int64_t income_vnd, const YearStandard& standard);

// What happened to the household in the year, as the chain weighs it.
struct YearExposure {
  // Added to its chance of rising above the line, per mille (models, a
  // policy loan, a flood; already scaled for a near-poor household).
  int escape_bonus = 0;
  // Added to its chance of falling back below the line, per mille (a flood).
  int fall_bonus = 0;
  // Added to its income when it stays below the line, percent (models; a
  // flood takes some away).
  int income_percent = 0;
};

// Where the household stood after the previous review.
struct IncomeState {
  IncomeLevel level = IncomeLevel::kAbove;
  int64_t income_vnd = 0;
  // It has the deprivations of a poor household.
  bool poor_deprivations = false;
  // Nobody in it can work (as last classified).
  bool without_labour_capacity = false;
  // It was on the poor or near-poor list at some earlier review.
  bool ever_on_a_list = false;
};

// One year of the chain: from `previous` under `before` to the level and
// income of the survey under `now`. Incomes are whole thousands of VND and
// keep a margin from the lines, so the classifier and the plan agree.
IncomeState NextYear(registry::DeterministicRandom& random, const IncomeState& previous,
                     const YearExposure& exposure, const YearStandard& before, const YearStandard& now);

}  // namespace ansinh::demo_history
