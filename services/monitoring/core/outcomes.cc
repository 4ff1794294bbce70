#include "monitoring/core/outcomes.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "analytics/kaplan_meier.h"
#include "analytics/quantiles.h"
#include "analytics/small_cells.h"
#include "analytics/wilson_interval.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::monitoring {
namespace {

using analytics::SmallCellPolicy;

const SmallCellPolicy& Policy() {
  static const SmallCellPolicy policy;
  return policy;
}

v1::OutcomeProportion Proportion(std::int64_t count, std::int64_t denominator) {
  v1::OutcomeProportion proportion;
  if (!Policy().MayShowProportion(count, denominator)) {
    proportion.set_suppressed(true);
    return proportion;
  }
  proportion.set_count(static_cast<int>(count));
  proportion.set_denominator(static_cast<int>(denominator));
  const Result<analytics::ProportionEstimate> estimate = analytics::EstimateProportion(count, denominator);
  if (estimate.ok() && estimate.value().proportion && estimate.value().interval) {
    proportion.set_percent(100 * *estimate.value().proportion);
    proportion.set_lower_percent(100 * estimate.value().interval->lower);
    proportion.set_upper_percent(100 * estimate.value().interval->upper);
  }
  return proportion;
}

// A count shown alone (households supported): suppressed when 1-4.
v1::OutcomeProportion Count(std::int64_t count) {
  v1::OutcomeProportion proportion;
  if (!Policy().MayShowCount(count)) {
    proportion.set_suppressed(true);
    return proportion;
  }
  proportion.set_count(static_cast<int>(count));
  proportion.set_denominator(static_cast<int>(count));
  proportion.set_percent(count > 0 ? 100 : 0);
  return proportion;
}

void Explain(v1::OutcomeGroup& group, const char* figure, v1::LocalizedText text) {
  v1::OutcomeExplanation* explanation = group.add_explanations();
  explanation->set_figure(figure);
  *explanation->mutable_text() = std::move(text);
}

v1::IncomeQuartiles Quartiles(std::vector<double> sample) {
  v1::IncomeQuartiles quartiles;
  const Result<analytics::SampleSummary> summary = analytics::SummarizeSample(std::move(sample));
  if (!summary.ok()) return quartiles;
  quartiles.set_q1_vnd(std::llround(summary.value().first_quartile));
  quartiles.set_median_vnd(std::llround(summary.value().median));
  quartiles.set_q3_vnd(std::llround(summary.value().third_quartile));
  return quartiles;
}

void SummarizeIncome(std::span<const FollowedHousehold> households, v1::OutcomeGroup& group) {
  std::vector<double> before, after, change;
  for (const FollowedHousehold& household : households) {
    if (!household.income_before_vnd || !household.income_after_vnd) continue;
    before.push_back(static_cast<double>(*household.income_before_vnd));
    after.push_back(static_cast<double>(*household.income_after_vnd));
    change.push_back(static_cast<double>(*household.income_after_vnd - *household.income_before_vnd));
  }
  v1::IncomeChange& income = *group.mutable_income();
  if (!Policy().MayShowDerived(static_cast<std::int64_t>(before.size()))) {
    income.set_suppressed(true);
    Explain(group, "income", i18n::Localized("outcome.explain.income_suppressed"));
    return;
  }
  income.set_households(static_cast<int>(before.size()));
  *income.mutable_before() = Quartiles(before);
  *income.mutable_after() = Quartiles(after);
  *income.mutable_change() = Quartiles(change);
  Explain(group, "income", i18n::Localized("outcome.explain.income", {{"households", income.households()}}));
}

void SummarizeEscapeCurve(std::span<const FollowedHousehold> on_list, v1::OutcomeGroup& group) {
  std::vector<analytics::SurvivalObservation> observations;
  for (const FollowedHousehold& household : on_list) {
    observations.push_back({household.MonthsFollowed(), household.escaped_on.has_value()});
  }
  const Result<analytics::KaplanMeierCurve> whole = analytics::EstimateKaplanMeier(observations);
  if (!whole.ok()) return;
  const analytics::KaplanMeierCurve curve = Policy().TruncateCurve(whole.value());
  for (const analytics::KaplanMeierStep& step : curve.steps) {
    v1::EscapeCurveStep* shown = group.add_escape_curve();
    shown->set_months(step.time_months);
    shown->set_at_risk(static_cast<int>(step.at_risk));
    shown->set_escaped(static_cast<int>(step.events));
    shown->set_escaped_percent(100 * step.estimate.escaped);
    if (step.estimate.escaped_interval) {
      shown->set_lower_percent(100 * step.estimate.escaped_interval->lower);
      shown->set_upper_percent(100 * step.estimate.escaped_interval->upper);
    }
  }
  if (const std::optional<double> median = analytics::MedianTime(curve))
    group.set_median_months_to_escape(*median);
  if (Policy().MayShowDerived(static_cast<std::int64_t>(on_list.size()))) {
    Explain(group, "escape_curve",
            i18n::Localized(curve.truncated ? "outcome.explain.curve_truncated" : "outcome.explain.curve",
                            {{"households", static_cast<std::int64_t>(on_list.size())},
                             {"months", std::llround(curve.followed_until)}}));
  } else {
    Explain(group, "escape_curve", i18n::Localized("outcome.explain.curve_suppressed"));
  }
}

// What groups are ranked by: the lower end of the 95% interval of the share
// escaped within 24 months, so that 5 of 5 households does not outrank 25 of
// 32 (the point estimate would); -1 when not shown.
double RankingShare(const v1::OutcomeGroup& group) {
  return group.escaped_24_months().suppressed() || group.escaped_24_months().denominator() == 0
             ? -1
             : group.escaped_24_months().lower_percent();
}

}  // namespace

v1::OutcomeGroup SummarizeOutcomeGroup(const std::string& key,
                                       std::span<const FollowedHousehold> households) {
  v1::OutcomeGroup group;
  group.set_key(key);
  const auto supported = static_cast<std::int64_t>(households.size());
  *group.mutable_supported() = Count(supported);
  std::vector<FollowedHousehold> on_list;
  std::int64_t deliveries = 0;
  std::int64_t amount = 0;
  for (const FollowedHousehold& household : households) {
    if (household.on_list_at_entry()) on_list.push_back(household);
    deliveries += household.deliveries;
    amount += household.amount_vnd;
  }
  if (!group.supported().suppressed()) {
    group.set_deliveries(static_cast<int>(deliveries));
    group.set_amount_vnd(amount);
    Explain(group, "supported", i18n::Localized("outcome.explain.supported", {{"households", supported}}));
  } else {
    Explain(group, "supported", i18n::Localized("outcome.explain.supported_suppressed"));
  }
  const auto followed = static_cast<std::int64_t>(on_list.size());
  *group.mutable_on_list_at_entry() = Proportion(followed, supported);
  if (!group.on_list_at_entry().suppressed()) {
    Explain(group, "on_list_at_entry",
            i18n::Localized("outcome.explain.on_list_at_entry", {{"households", followed}}));
  }

  v1::OutcomeProportion* horizons[] = {group.mutable_escaped_12_months(), group.mutable_escaped_24_months(),
                                       group.mutable_escaped_36_months()};
  for (size_t i = 0; i < std::size(kEscapeHorizonsMonths); ++i) {
    const int months = kEscapeHorizonsMonths[i];
    std::int64_t known = 0;
    std::int64_t escaped = 0;
    for (const FollowedHousehold& household : on_list) {
      if (!household.KnownFor(months)) continue;
      ++known;
      if (household.EscapedWithin(months)) ++escaped;
    }
    *horizons[i] = Proportion(escaped, known);
    Explain(group, ("escaped_" + std::to_string(months) + "_months").c_str(),
            horizons[i]->suppressed()
                ? i18n::Localized("outcome.explain.escaped_suppressed", {{"months", months}})
                : i18n::Localized("outcome.explain.escaped", {{"months", months}, {"households", known}}));
  }

  std::int64_t escaped = 0;
  std::int64_t relapsed = 0;
  for (const FollowedHousehold& household : on_list) {
    if (!household.escaped_on) continue;
    ++escaped;
    if (household.relapsed_on) ++relapsed;
  }
  *group.mutable_relapsed() = Proportion(relapsed, escaped);
  Explain(group, "relapsed",
          group.relapsed().suppressed()
              ? i18n::Localized("outcome.explain.relapsed_suppressed", {{"months", kRelapseFollowUpMonths}})
              : i18n::Localized("outcome.explain.relapsed",
                                {{"months", kRelapseFollowUpMonths}, {"households", escaped}}));
  SummarizeIncome(households, group);
  SummarizeEscapeCurve(on_list, group);
  return group;
}

v1::GetOutcomesResponse ComputeOutcomes(std::span<const v1::HouseholdFigureRecord> records,
                                        const OutcomeQuery& query) {
  const OutcomeCohorts cohorts = BuildOutcomeCohorts(records, query);
  v1::GetOutcomesResponse response;
  response.set_dimension(query.dimension);
  response.set_from(FormatIsoDate(query.from));
  response.set_to(FormatIsoDate(query.to));
  response.set_as_of(FormatIsoDate(query.as_of));
  *response.mutable_ward() = SummarizeOutcomeGroup("", cohorts.ward);
  std::vector<v1::OutcomeGroup> groups;
  for (const auto& [key, households] : cohorts.groups)
    groups.push_back(SummarizeOutcomeGroup(key, households));
  std::stable_sort(groups.begin(), groups.end(), [](const v1::OutcomeGroup& a, const v1::OutcomeGroup& b) {
    return RankingShare(a) > RankingShare(b);
  });
  for (v1::OutcomeGroup& group : groups) *response.add_groups() = std::move(group);
  return response;
}

}  // namespace ansinh::monitoring
