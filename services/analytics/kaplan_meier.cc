#include "analytics/kaplan_meier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace ansinh::analytics {
namespace {

FieldViolations CheckObservations(std::span<const SurvivalObservation> observations) {
  FieldViolations violations;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const double time = observations[i].time_months;
    if (!std::isfinite(time) || time < 0) {
      violations.push_back({"observations[" + std::to_string(i) + "].time_months",
                            "must be a finite number of months, not negative"});
    }
  }
  return violations;
}

// S and its interval from the running product and Greenwood sum.
SurvivalEstimate EstimateFrom(double survival, double greenwood_sum, double z) {
  SurvivalEstimate estimate{.survival = survival, .escaped = 1 - survival};
  if (survival <= 0 || !std::isfinite(greenwood_sum)) return estimate;
  const double log_se = std::sqrt(greenwood_sum);
  estimate.standard_error = survival * log_se;
  const ConfidenceInterval interval{.lower = survival * std::exp(-z * log_se),
                                    .upper = std::min(1.0, survival * std::exp(z * log_se))};
  estimate.survival_interval = interval;
  estimate.escaped_interval = ConfidenceInterval{.lower = 1 - interval.upper, .upper = 1 - interval.lower};
  return estimate;
}

}  // namespace

Result<KaplanMeierCurve> EstimateKaplanMeier(std::span<const SurvivalObservation> observations,
                                             double confidence) {
  FieldViolations violations = CheckObservations(observations);
  if (auto bad = CheckConfidence(confidence)) violations.push_back(*bad);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  std::vector<SurvivalObservation> sorted(observations.begin(), observations.end());
  std::sort(sorted.begin(), sorted.end(), [](const SurvivalObservation& a, const SurvivalObservation& b) {
    return a.time_months < b.time_months;
  });

  KaplanMeierCurve curve{.observations = static_cast<std::int64_t>(sorted.size()), .confidence = confidence};
  const double z = ZForConfidence(confidence);
  std::int64_t at_risk = curve.observations;
  std::int64_t censored_since_step = 0;
  double survival = 1;
  double greenwood_sum = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    const double time = sorted[i].time_months;
    std::int64_t events = 0;
    std::int64_t censored = 0;
    for (; i < sorted.size() && sorted[i].time_months == time; ++i) {
      (sorted[i].event ? events : censored) += 1;
    }
    // The ties of the header: the households censored at this time are
    // still in the risk set of its step and leave after it.
    if (events > 0) {
      const auto n = static_cast<double>(at_risk);
      const auto d = static_cast<double>(events);
      survival *= (n - d) / n;
      greenwood_sum += events < at_risk ? d / (n * (n - d)) : std::numeric_limits<double>::infinity();
      curve.steps.push_back({.time_months = time,
                             .at_risk = at_risk,
                             .events = events,
                             .censored_since_previous = censored_since_step,
                             .estimate = EstimateFrom(survival, greenwood_sum, z)});
      censored_since_step = 0;
      at_risk -= events;
      curve.at_risk_after_last_step = at_risk;
    }
    censored_since_step += censored;
    at_risk -= censored;
  }
  if (curve.steps.empty()) curve.at_risk_after_last_step = curve.observations;
  curve.followed_until = sorted.empty() ? 0 : sorted.back().time_months;
  return curve;
}

std::optional<double> MedianTime(const KaplanMeierCurve& curve) {
  for (const KaplanMeierStep& step : curve.steps) {
    if (step.estimate.survival <= 0.5 * (1 + 1e-12)) return step.time_months;
  }
  return std::nullopt;
}

std::optional<SurvivalEstimate> SurvivalAt(const KaplanMeierCurve& curve, double months) {
  if (std::isnan(months) || months < 0) return std::nullopt;
  const KaplanMeierStep* last = nullptr;
  for (const KaplanMeierStep& step : curve.steps) {
    if (step.time_months > months) break;
    last = &step;
  }
  const bool reached_zero = last != nullptr && last->estimate.survival <= 0;
  if (months > curve.followed_until && !reached_zero) return std::nullopt;
  if (last != nullptr) return last->estimate;
  return SurvivalEstimate{.survival = 1,
                          .standard_error = 0.0,
                          .survival_interval = ConfidenceInterval{.lower = 1, .upper = 1},
                          .escaped = 0,
                          .escaped_interval = ConfidenceInterval{.lower = 0, .upper = 0}};
}

}  // namespace ansinh::analytics
