#include "demo_history/income_paths.h"

#include <algorithm>

#include "demo_history/true_effects.h"

namespace ansinh::demo_history {
namespace {

// Incomes keep this far from a line, so that no rounding puts them across it.
constexpr int64_t kMarginVnd = 50'000;
// The lowest income a household is given, as a share of the line (the demo
// ward's generator starts its poor at 30% of it).
constexpr int64_t kLowestShareOfLinePercent = 30;
// How far past a line a household lands when it crosses it.
constexpr int64_t kCrossingSpanVnd = 600'000;
// Income per capita grows every year (prices and wages): households below the
// line by 1-5%, the others by 2-8%.
constexpr int kBelowGrowthLowPercent = 1;
constexpr int kBelowGrowthHighPercent = 5;
constexpr int kGrowthLowPercent = 2;
constexpr int kGrowthHighPercent = 8;
// When a household rises, the share going straight past the AVERAGE band.
constexpr int kPastTheBandPerMille = 150;
// A household above the band falls straight below the line with this chance
// (or this share of the relapse chance when it was on a list before).
constexpr int kAboveToBelowPerMille = 3;
constexpr int kAboveRelapseSharePerMille = 300;
// Under a standard without a band, a household never on a list falls below
// the line from above it with this chance.
constexpr int kAboveNoBandToBelowPerMille = 15;

struct Band {
  int64_t low;
  int64_t high;
};

Band BandOf(IncomeLevel level, const YearStandard& standard) {
  const int64_t line = standard.poverty_line_vnd;
  switch (level) {
    case IncomeLevel::kBelowLine:
      return {line * kLowestShareOfLinePercent / 100, line - kMarginVnd};
    case IncomeLevel::kAverageBand:
      return {line + kMarginVnd,
              standard.average_band_upper_vnd.value_or(line + 2 * kMarginVnd) - kMarginVnd};
    case IncomeLevel::kAbove:
      break;
  }
  const int64_t floor = standard.average_band_upper_vnd.value_or(line) + kMarginVnd;
  return {floor, floor * 6};
}

int64_t Thousands(int64_t vnd) { return vnd / 1000 * 1000; }

int64_t DrawIn(registry::DeterministicRandom& random, Band band) {
  return random.UniformInt(band.low / 1000, band.high / 1000) * 1000;
}

// A fresh income for a household that crossed into `level`: close to the
// line it crossed, as a household that just got out or just fell back.
int64_t CrossedInto(registry::DeterministicRandom& random, IncomeLevel level, IncomeLevel from,
                    const YearStandard& standard) {
  const Band band = BandOf(level, standard);
  if (level == IncomeLevel::kBelowLine) {
    return DrawIn(random, {std::max(band.low, band.high - kCrossingSpanVnd), band.high});
  }
  if (from == IncomeLevel::kBelowLine || level == IncomeLevel::kAverageBand) {
    return DrawIn(random, {band.low, std::min(band.high, band.low + kCrossingSpanVnd)});
  }
  // From the band to above it.
  return DrawIn(random, {band.low, band.low + kCrossingSpanVnd});
}

constexpr int64_t kBelowTheTopThousands = 300;

int Clamp(int per_mille) { return std::clamp(per_mille, 0, 950); }

}  // namespace

IncomeLevel LevelOf(int64_t income_vnd, const YearStandard& standard) {
  if (income_vnd <= standard.poverty_line_vnd) return IncomeLevel::kBelowLine;
  if (standard.average_band_upper_vnd && income_vnd <= *standard.average_band_upper_vnd) {
    return IncomeLevel::kAverageBand;
  }
  return IncomeLevel::kAbove;
}

IncomeState NextYear(registry::DeterministicRandom& random, const IncomeState& previous,
                     const YearExposure& exposure, const YearStandard& before, const YearStandard& now) {
  const bool below = previous.level == IncomeLevel::kBelowLine;
  const int growth =
      below ? static_cast<int>(random.UniformInt(kBelowGrowthLowPercent, kBelowGrowthHighPercent))
            : static_cast<int>(random.UniformInt(kGrowthLowPercent, kGrowthHighPercent));
  const int64_t projected =
      Thousands(previous.income_vnd * (100 + growth + (below ? exposure.income_percent : 0)) / 100);

  // A new line reclassifies every household on its income first; under the
  // same line each stays at its level until the chain moves it.
  const bool new_line = now.poverty_line_vnd != before.poverty_line_vnd;
  const bool higher_line = now.poverty_line_vnd > before.poverty_line_vnd;
  IncomeLevel level = new_line ? LevelOf(projected, now) : previous.level;
  // A household in the band whose income outgrew it is above it.
  if (level == IncomeLevel::kAverageBand && LevelOf(projected, now) == IncomeLevel::kAbove)
    level = IncomeLevel::kAbove;
  if (level == IncomeLevel::kAverageBand && !now.average_band_upper_vnd) level = IncomeLevel::kAbove;
  const IncomeLevel start = level;

  const EscapeEffects& escape = kEscapeEffects;
  const FallEffects& fall = kFallEffects;
  switch (start) {
    case IncomeLevel::kBelowLine: {
      // Labour capacity is decided for poor households only (docs/domain.md §3.4).
      int base = !previous.poor_deprivations        ? escape.near_poor_base
                 : previous.without_labour_capacity ? escape.poor_without_labour_capacity
                                                    : escape.poor_base;
      if (higher_line) base = base * escape.new_higher_line_share / 1000;
      if (random.ChancePerMille(Clamp(base + exposure.escape_bonus))) {
        const bool band = now.average_band_upper_vnd.has_value();
        level = band && !random.ChancePerMille(kPastTheBandPerMille) ? IncomeLevel::kAverageBand
                                                                     : IncomeLevel::kAbove;
      }
      break;
    }
    case IncomeLevel::kAverageBand: {
      const int down = previous.ever_on_a_list ? fall.relapse + exposure.fall_bonus : fall.newly_below_line;
      if (random.ChancePerMille(Clamp(down))) {
        level = IncomeLevel::kBelowLine;
      } else if (random.ChancePerMille(fall.average_to_not_poor)) {
        level = IncomeLevel::kAbove;
      }
      break;
    }
    case IncomeLevel::kAbove: {
      const bool band = now.average_band_upper_vnd.has_value();
      int down = previous.ever_on_a_list ? (fall.relapse + exposure.fall_bonus) *
                                               (band ? kAboveRelapseSharePerMille : 1000) / 1000
                                         : (band ? kAboveToBelowPerMille : kAboveNoBandToBelowPerMille);
      if (random.ChancePerMille(Clamp(down))) {
        level = IncomeLevel::kBelowLine;
      } else if (band && random.ChancePerMille(fall.not_poor_to_average)) {
        level = IncomeLevel::kAverageBand;
      }
      break;
    }
  }

  IncomeState next = previous;
  next.level = level;
  if (level == start) {
    // An income that outgrew its band stays below its top by a random
    // amount, as incomes do, rather than piling up at one figure.
    const Band band = BandOf(level, now);
    next.income_vnd = projected > band.high ? band.high - random.UniformInt(0, kBelowTheTopThousands) * 1000
                                            : std::max(projected, band.low);
  } else {
    next.income_vnd = CrossedInto(random, level, start, now);
  }
  return next;
}

}  // namespace ansinh::demo_history
