#pragma once

// The Kaplan-Meier estimate of the time households take to escape poverty.
// Each household is followed from the start of its support: it either
// escaped after some months (an event) or is still poor when last seen (a
// censored observation: it may escape later, we do not know). S(t) is the
// estimated share of households still poor t months after their start;
// 1 - S(t) the share that escaped by then.
//
// At each distinct time t_j at which some household escaped, with n_j
// households still followed just before t_j ("at risk") and d_j escaping at
// t_j:
//   S(t_j)            = prod over i <= j of (1 - d_i / n_i)
//   Greenwood         var(log S(t_j)) = sum over i <= j of d_i / (n_i (n_i - d_i))
//   standard error    se(S) = S · sqrt(var(log S))
//   95% interval      S · exp(±z · sqrt(var(log S))), the upper end clipped at 1
// The interval is the one R's survival package gives by default
// (survfit(..., conf.type = "log")); z = ZForConfidence(level). For 1 - S
// the interval is [1 - upper, 1 - lower].
//
// Ties: a household that escaped and one censored at the same time are
// ordered event first, so the censored one still counts as at risk at that
// time (the usual convention, and R's): it was seen poor at t, so it was at
// risk of escaping at t.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "analytics/confidence.h"
#include "kernel/result.h"

namespace ansinh::analytics {

// One household's follow-up.
struct SurvivalObservation {
  // Months from the start of follow-up to the escape or to the last time the
  // household was seen poor; finite and not negative.
  double time_months = 0;
  // True: escaped at time_months. False: censored (still poor when last seen).
  bool event = false;
};

// The curve's value at one time, with its uncertainty.
struct SurvivalEstimate {
  double survival = 1;
  // Greenwood's standard error of `survival`; none where S fell to 0 (every
  // household at risk escaped: the variance is undefined, as R's NaN).
  std::optional<double> standard_error = {};
  // The log-scale interval of S; none where S is 0 (R's NA).
  std::optional<ConfidenceInterval> survival_interval = {};
  // 1 - survival: the cumulative share escaped, and its interval.
  double escaped = 0;
  std::optional<ConfidenceInterval> escaped_interval = {};
};

// The curve at one distinct time at which at least one household escaped.
struct KaplanMeierStep {
  double time_months = 0;
  // Households followed just before this time (censored at this very time
  // included, see the ties above).
  std::int64_t at_risk = 0;
  std::int64_t events = 0;
  // Households censored since the previous step (at the previous step's
  // time or after it, before this one); for the first step, since the start.
  std::int64_t censored_since_previous = 0;
  SurvivalEstimate estimate = {};
};

struct KaplanMeierCurve {
  std::int64_t observations = 0;
  double confidence = kDefaultConfidence;
  std::vector<KaplanMeierStep> steps = {};
  // Households still followed right after the last step's escapes (all of
  // them when there is no step). In a whole curve each of them is censored
  // at or after the last step, so that the events and censorings of the
  // steps plus this count are every observation.
  std::int64_t at_risk_after_last_step = 0;
  // The curve is known up to this time: the longest follow-up of a whole
  // curve (0 with no observation); for a truncated curve, the time of its
  // last step (SmallCellPolicy::TruncateCurve).
  double followed_until = 0;
  // Whether steps were cut off by small-cell suppression.
  bool truncated = false;
};

// INVALID_ARGUMENT naming each bad field: "observations[i].time_months"
// negative or not a number, "confidence" not strictly between 0 and 1.
Result<KaplanMeierCurve> EstimateKaplanMeier(std::span<const SurvivalObservation> observations,
                                             double confidence = kDefaultConfidence);

// The median time to escape: the first step time at which S(t) <= 0.5 (a
// relative tolerance of 1e-12 absorbs rounding in the product, so that an S
// of exactly one half counts). None if S never gets that low within the
// curve. R's print of survfit gives the same except when S equals 0.5
// exactly over an interval, where it takes the midpoint to the next step.
std::optional<double> MedianTime(const KaplanMeierCurve& curve);

// The step function's value at `months` (12, 24, 36: the share still poor
// that long after the start): S of the last step at or before `months`, or 1
// before the first step, where the standard error is 0 and the intervals are
// a point, as R's summary(fit, times = ...) gives. None beyond
// `followed_until` while S is above 0 (nobody was followed that long, so
// nothing is known there), or for a negative or NaN `months`.
std::optional<SurvivalEstimate> SurvivalAt(const KaplanMeierCurve& curve, double months);

}  // namespace ansinh::analytics
