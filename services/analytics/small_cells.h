#pragma once

// Small-cell suppression: "any cell of fewer than 5 households is
// suppressed, so no family can be recognised from a figure". A figure about
// one to four households may point at a family its neighbours know; the
// policy says which figures may be shown. The threshold is 5 unless a
// caller says otherwise.
//
// - A count may be shown when it is 0 or at least the threshold; 1 to 4 are
//   suppressed (MayShowCount). A zero names nobody.
// - The figures derived from a group (a rate, an interval, a median, a
//   quartile) may be shown when the group's denominator is at least the
//   threshold (MayShowDerived).
// - A proportion with its interval reveals its numerator to anyone who knows
//   the denominator (4,1% of 49 is 2 households), and its complement (the
//   households that did not escape) just as well: MayShowProportion asks
//   for a shown denominator and for both the successes and the failures to
//   be showable counts.
// - A Kaplan-Meier curve is cut at its first step with fewer households at
//   risk than the threshold: that step and every later one would describe
//   one to four families (TruncateCurve). A tail after the last step with
//   fewer than that still followed is cut too: the curve is not shown there.
// - Complementary suppression: when a total is shown and exactly one of its
//   parts is suppressed, that part is the total minus the shown parts; one
//   more part is suppressed, the smallest shown one (the first of equals),
//   so two unknowns share one known sum (ShowableParts).
//
// The rules decide what is shown, not what is computed: the estimators run
// on every household and the caller blanks what the policy refuses.

#include <cstdint>
#include <span>
#include <vector>

#include "analytics/kaplan_meier.h"

namespace ansinh::analytics {

class SmallCellPolicy {
 public:
  static constexpr std::int64_t kDefaultThreshold = 5;

  // A threshold below 1 is taken as 1 (nothing suppressed but negative
  // counts).
  explicit SmallCellPolicy(std::int64_t threshold = kDefaultThreshold);

  std::int64_t threshold() const { return threshold_; }

  // 0, or at least the threshold. A negative count is never shown.
  bool MayShowCount(std::int64_t households) const;

  // At least the threshold households behind a rate, interval, median...
  bool MayShowDerived(std::int64_t denominator) const;

  // successes / trials and its interval: trials at least the threshold, and
  // successes and trials - successes each a showable count.
  bool MayShowProportion(std::int64_t successes, std::int64_t trials) const;

  // The steps before the first one with fewer than the threshold at risk;
  // followed_until becomes the last kept step's time (0 with none) when
  // anything was cut or fewer than the threshold remain after the last
  // step, and `truncated` says so. The median and the horizons of the
  // result (MedianTime, SurvivalAt) then speak only of what is shown.
  KaplanMeierCurve TruncateCurve(const KaplanMeierCurve& curve) const;

  // Whether each of `parts` may be shown: MayShowCount of each, then the
  // complementary rule above when MayShowCount(total).
  std::vector<bool> ShowableParts(std::int64_t total, std::span<const std::int64_t> parts) const;

 private:
  std::int64_t threshold_;
};

}  // namespace ansinh::analytics
