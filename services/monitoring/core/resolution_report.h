#pragma once

// The facts of the resolution's yearly report and final review
// (docs/reports.md): for each review year, the figures measured at the year's
// end and the targets against them, the change of the poor rate, the support
// delivered in the calendar year by kind and source, and the emergencies of
// the year; over the whole period, the trend and the outcome analytics by
// livelihood model, organization, helper and support type. Pure: the adapter
// loads the records, the external figures and the emergencies.

#include <span>

#include "ansinh/v1/livelihood.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::monitoring {

struct ReportInputs {
  std::span<const v1::HouseholdFigureRecord> records;
  std::span<const v1::ExternalFigure> external_figures;
  std::span<const v1::Emergency> emergencies;
};

v1::GetResolutionReportResponse ComputeResolutionReport(const v1::MonitoringConfig& config,
                                                        const ReportInputs& inputs, int first_year,
                                                        int last_year, CivilDate as_of);

// Support delivered from `from` to `to` (inclusive) by type and provider,
// ordered by type then provider; household counts of 1-4 suppressed.
std::vector<v1::SupportTotal> SupportTotals(std::span<const v1::HouseholdFigureRecord> records,
                                            CivilDate from, CivilDate to);

// What the ward did for each emergency that began from `from` to `to`: the
// households it struck, those of them on the poor or near-poor list at the
// end of that span (or on `as_of` if sooner), those contacted (a visit or
// support) since it began, and those given relief for it.
std::vector<v1::EmergencyOutcome> EmergencyOutcomes(std::span<const v1::HouseholdFigureRecord> records,
                                                    std::span<const v1::Emergency> emergencies,
                                                    CivilDate from, CivilDate to, CivilDate as_of);

}  // namespace ansinh::monitoring
