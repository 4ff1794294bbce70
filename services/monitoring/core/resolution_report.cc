#include "monitoring/core/resolution_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "analytics/small_cells.h"
#include "monitoring/core/outcomes.h"
#include "monitoring/core/record_queries.h"
#include "monitoring/core/scorecard.h"
#include "monitoring/core/trend.h"
#include "monitoring/core/ward_figures.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

bool Within(const std::string& iso, CivilDate from, CivilDate to) {
  const auto day = ParseIsoDate(iso);
  return day && from <= *day && *day <= to;
}

v1::GetOutcomesResponse OutcomesBy(std::span<const Record> records, v1::OutcomeDimension dimension,
                                   CivilDate from, CivilDate to, CivilDate as_of) {
  return ComputeOutcomes(records, OutcomeQuery{dimension, from, std::min(to, as_of), as_of, ""});
}

// The poor rate of the review year before `year`: the system's figure when
// the year has approvals, else the official history's.
std::optional<double> PreviousPoorRate(std::span<const v1::TrendPoint> trend, int year) {
  for (const v1::TrendPoint& point : trend) {
    if (point.review_year() == year - 1) return point.poor_rate_percent();
  }
  return std::nullopt;
}

}  // namespace

std::vector<v1::SupportTotal> SupportTotals(std::span<const Record> records, CivilDate from, CivilDate to) {
  struct Tally {
    int deliveries = 0;
    std::set<std::string> households;
    std::int64_t amount = 0;
  };
  std::map<std::pair<int, std::string>, Tally> tallies;
  for (const Record& record : records) {
    for (const Record::DeliveredSupport& support : record.supports()) {
      if (!Within(support.delivered_on(), from, to)) continue;
      Tally& tally = tallies[{support.type(), support.provider()}];
      ++tally.deliveries;
      tally.households.insert(record.household_id());
      tally.amount += support.amount_vnd();
    }
  }
  const analytics::SmallCellPolicy policy;
  std::vector<v1::SupportTotal> totals;
  for (const auto& [key, tally] : tallies) {
    v1::SupportTotal& total = totals.emplace_back();
    total.set_type(static_cast<v1::SupportType>(key.first));
    total.set_provider(key.second);
    total.set_deliveries(tally.deliveries);
    const auto households = static_cast<std::int64_t>(tally.households.size());
    if (policy.MayShowCount(households)) {
      total.set_households(static_cast<int>(households));
      total.set_amount_vnd(tally.amount);
    } else {
      // One to four households' amounts would be their own loans.
      total.set_households_suppressed(true);
    }
  }
  return totals;
}

std::vector<v1::EmergencyOutcome> EmergencyOutcomes(std::span<const Record> records,
                                                    std::span<const v1::Emergency> emergencies,
                                                    CivilDate from, CivilDate to, CivilDate as_of) {
  std::vector<v1::EmergencyOutcome> outcomes;
  for (const v1::Emergency& emergency : emergencies) {
    const auto began = ParseIsoDate(emergency.began_on());
    if (!began || *began < from || *began > to) continue;
    v1::EmergencyOutcome& outcome = outcomes.emplace_back();
    *outcome.mutable_emergency() = emergency;
    for (const Record& record : records) {
      const bool struck = std::any_of(record.emergencies().begin(), record.emergencies().end(),
                                      [&](const Record::EmergencyStrike& strike) {
                                        return strike.emergency_id() == emergency.emergency_id();
                                      });
      if (!struck) continue;
      outcome.set_affected(outcome.affected() + 1);
      // On a list as the year's figures count it (a household that became
      // poor in the year of the flood counts).
      const Record::Approval* in_force = ApprovalOn(record, std::min(to, as_of));
      if (in_force != nullptr && IsPoorOrNearPoor(in_force->category())) {
        outcome.set_affected_on_list(outcome.affected_on_list() + 1);
      }
      bool contacted =
          std::any_of(record.visit_dates().begin(), record.visit_dates().end(),
                      [&](const std::string& visited) { return Within(visited, *began, as_of); });
      bool relieved = false;
      for (const Record::DeliveredSupport& support : record.supports()) {
        if (!Within(support.delivered_on(), *began, as_of)) continue;
        contacted = true;
        if (support.emergency_id() == emergency.emergency_id()) {
          relieved = true;
          outcome.set_relief_vnd(outcome.relief_vnd() + support.amount_vnd());
        }
      }
      if (contacted) outcome.set_contacted(outcome.contacted() + 1);
      if (relieved) outcome.set_relieved(outcome.relieved() + 1);
    }
  }
  return outcomes;
}

v1::GetResolutionReportResponse ComputeResolutionReport(const v1::MonitoringConfig& config,
                                                        const ReportInputs& inputs, int first_year,
                                                        int last_year, CivilDate as_of) {
  v1::GetResolutionReportResponse report;
  report.set_first_year(first_year);
  report.set_last_year(last_year);
  report.set_as_of(FormatIsoDate(as_of));
  report.set_ward_name(config.ward_name());
  report.set_source_document(config.source_document());
  *report.mutable_targets() = config.targets();
  const std::vector<v1::HistoricalCount> history(config.historical_counts().begin(),
                                                 config.historical_counts().end());
  const std::vector<v1::TrendPoint> trend = ComputeTrend(inputs.records, history, last_year);
  for (const v1::TrendPoint& point : trend) *report.add_trend() = point;

  for (int year = first_year; year <= last_year; ++year) {
    const CivilDate year_start = std::chrono::year{year} / std::chrono::January / 1;
    const CivilDate measured = std::min(LastDayOfYear(year), as_of);
    v1::ReportYear& shown = *report.add_years();
    shown.set_review_year(year);
    *shown.mutable_figures() = ComputeFigures(inputs.records, year, measured);
    *shown.mutable_scorecard() = ComputeScorecard(config, shown.figures(), inputs.external_figures);
    const std::optional<double> previous = PreviousPoorRate(trend, year);
    if (previous && shown.figures().poor().has_percent()) {
      shown.set_poor_rate_change_points(shown.figures().poor().percent() - *previous);
    }
    for (v1::SupportTotal& total : SupportTotals(inputs.records, year_start, measured)) {
      *shown.add_supports() = std::move(total);
    }
    for (v1::EmergencyOutcome& outcome :
         EmergencyOutcomes(inputs.records, inputs.emergencies, year_start, measured, as_of)) {
      *shown.add_emergencies() = std::move(outcome);
    }
  }

  const CivilDate from = std::chrono::year{first_year} / std::chrono::January / 1;
  const CivilDate to = LastDayOfYear(last_year);
  *report.mutable_by_model() =
      OutcomesBy(inputs.records, v1::OUTCOME_DIMENSION_LIVELIHOOD_MODEL, from, to, as_of);
  *report.mutable_by_organization() =
      OutcomesBy(inputs.records, v1::OUTCOME_DIMENSION_ORGANIZATION, from, to, as_of);
  *report.mutable_by_helper() = OutcomesBy(inputs.records, v1::OUTCOME_DIMENSION_HELPER, from, to, as_of);
  *report.mutable_by_support_type() =
      OutcomesBy(inputs.records, v1::OUTCOME_DIMENSION_SUPPORT_TYPE, from, to, as_of);
  return report;
}

}  // namespace ansinh::monitoring
