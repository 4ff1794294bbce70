#pragma once

// The demo history's "true effects": what each kind of help does to a
// household's chances in the year it is given, as the plan generator draws
// them (history_plan.h). They are the answers the outcome analytics of the
// monitoring service (docs/outcomes.md) should find on the demo ward: a
// livelihood model or a support type with a higher effect below should show
// a higher share of its households escaping, and one with none should show
// the ward's base rate.
//
// Every figure is a chance per mille (‰) for one year, from one review to the
// next. A household's year is decided by a yearly Markov chain on its income
// (income_paths.h); its deprivations are kept (deprivation_keeper.h), so its
// income alone moves it between the lists and out of them: a poor household
// that rises above the line leaves both lists (AVERAGE, or NOT_POOR past the
// band), a near-poor one leaves the near-poor list.
//
// Rising above the poverty line, for a household below it:
//   POOR: 160‰ with labour capacity, 20‰ without (docs/domain.md §3.4: a
//   household where nobody can work rarely earns its way out);
//   NEAR_POOR: 140‰;
//   + the effect of the livelihood model it takes part in (joined that year
//     or the year before), below, at four fifths for a near-poor household;
//   + 60‰ (poor) or 50‰ (near-poor) for a policy loan of its own programme
//     that year (a model's own loan is part of the model's effect);
//   - 80‰ when a flood struck it that year and it got no emergency relief,
//     - 30‰ when it got relief.
//
// The livelihood models (livelihood_models.h), added to that chance:
//   "Nuôi bò sinh sản"                      +350‰  strong
//   "Học nghề gắn với giải quyết việc làm"  +250‰  training and a job
//   "Tổ hợp tác làm hương"                  +150‰
//   "Hộ khá giúp hộ nghèo" (mentoring)      +120‰
//   "Trồng rau an toàn"                     +100‰
//   "Nuôi gà thả vườn"                       +20‰  weak
// Each also raises by a percentage (its income_effect_percent) the income of
// a household that stays below the line, so income before and after differs
// by model too.
//
// No effect at all: health-insurance cards, tuition exemption, house
// repairs, Tết gifts of the Fund for the Poor and information access (a
// smartphone and a connection). They are given for what they are, not to
// raise income; their households should rise at about the base rate of the
// households they go to.
//
// Falling back below the line, for a household above it:
//   after being on a list at an earlier review (a relapse): 60‰ from the
//   AVERAGE band, +100‰ after a flood without relief, +30‰ with relief; from
//   above the band, three tenths of that;
//   never on a list: 20‰ from the band, 3‰ from above it.
// Between the two levels above the line: from the band up 200‰ (and any
// household whose income outgrew the band), down into it 15‰.
//
// A new standard with a higher line (Decree 351/2025 for the review held at
// the end of 2026: 2,800,000 VND a month in urban areas instead of 2,000,000,
// and no AVERAGE band) reclassifies every household on its income first:
// many of the old AVERAGE band fall below the new line, and rising above it
// takes more (the base chances are halved that year).

namespace ansinh::demo_history {

// Chances per mille, one year.
struct EscapeEffects {
  int poor_base = 160;
  int poor_without_labour_capacity = 20;
  int near_poor_base = 140;
  // Models count at this share (per mille of their effect) for near-poor households.
  int near_poor_model_share = 800;
  int policy_loan_poor = 60;
  int policy_loan_near_poor = 50;
  int flood_without_relief = -80;
  int flood_with_relief = -30;
  // Under a standard whose poverty line is higher than the previous year's,
  // the base chances are multiplied by this (per mille).
  int new_higher_line_share = 500;
};

struct FallEffects {
  // Above the line after being on a list at an earlier review.
  int relapse = 60;
  int relapse_flood_without_relief = 100;
  int relapse_flood_with_relief = 30;
  // Above the line, never on a list.
  int newly_below_line = 20;
  // NOT_POOR into the AVERAGE band.
  int not_poor_to_average = 15;
  // AVERAGE up to NOT_POOR.
  int average_to_not_poor = 200;
};

inline constexpr EscapeEffects kEscapeEffects{};
inline constexpr FallEffects kFallEffects{};

}  // namespace ansinh::demo_history
