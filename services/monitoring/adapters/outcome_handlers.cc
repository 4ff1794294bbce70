// Outcome analytics and the resolution's reports (docs/outcomes.md,
// docs/reports.md): figures about groups of households, open to whoever
// reads the ward's figures. Small cells are suppressed by the core, so no
// answer names or betrays a household.
#include <vector>

#include "monitoring/adapters/emergency_store.h"
#include "monitoring/adapters/external_figure_store.h"
#include "monitoring/adapters/figure_record_store.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/adapters/outcome_index.h"
#include "monitoring/adapters/request_checks.h"
#include "monitoring/core/household_updates.h"
#include "monitoring/core/outcomes.h"
#include "monitoring/core/resolution_report.h"
#include "server/authorization.h"

namespace ansinh::monitoring {
namespace {

constexpr std::initializer_list<v1::Role> kFigureReaders = {v1::ROLE_WARD_OFFICER,
                                                            v1::ROLE_ORGANIZATION_STAFF, v1::ROLE_AUDITOR};
// A report covers at most this many review years (the resolution's period is five).
constexpr int kMaxReportYears = 10;

// An optional date; `fallback` when empty.
CivilDate DateOr(const std::string& text, CivilDate fallback, const std::string& field,
                 FieldViolations& violations) {
  if (text.empty()) return fallback;
  if (const auto date = ParseIsoDate(text)) return *date;
  violations.push_back({field, "must be a date YYYY-MM-DD (or empty), got \"" + text + "\""});
  return fallback;
}

}  // namespace

grpc::ServerUnaryReactor* MonitoringService::GetOutcomes(grpc::CallbackServerContext* context,
                                                         const v1::GetOutcomesRequest* request,
                                                         v1::GetOutcomesResponse* response) {
  return executor_.Handle(context, "Monitoring.GetOutcomes", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kFigureReaders, "read the outcome analytics");
        !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    if (request->dimension() == v1::OUTCOME_DIMENSION_UNSPECIFIED ||
        !v1::OutcomeDimension_IsValid(request->dimension())) {
      violations.push_back({"dimension",
                            "is required: support type, source, credit programme, livelihood "
                            "model, organization, helper or residential group"});
    }
    OutcomeQuery query;
    query.dimension = request->dimension();
    query.as_of = ResolveAsOf(request->as_of(), clock_.Today(), "as_of", violations);
    query.from = DateOr(request->from(), std::chrono::year{kEarliestReviewYear} / 1 / 1, "from", violations);
    query.to = DateOr(request->to(), query.as_of, "to", violations);
    if (query.from > query.to) violations.push_back({"to", "must not be before from"});
    query.key = request->key();
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    const std::vector<v1::HouseholdFigureRecord> records = OutcomeIndex(call.redis, keys_).LoadRecords();
    *response = ComputeOutcomes(records, query);
    if (request->from().empty()) response->clear_from();
    response->set_households_read(static_cast<int>(records.size()));
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* MonitoringService::GetResolutionReport(
    grpc::CallbackServerContext* context, const v1::GetResolutionReportRequest* request,
    v1::GetResolutionReportResponse* response) {
  return executor_.Handle(context, "Monitoring.GetResolutionReport", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kFigureReaders, "read the resolution's report");
        !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    const auto check_year = [&](int year, const char* field) {
      if (year < kEarliestReviewYear || year > kLatestReviewYear) {
        violations.push_back({field, "is required: a review year between " +
                                         std::to_string(kEarliestReviewYear) + " and " +
                                         std::to_string(kLatestReviewYear)});
      }
    };
    check_year(request->first_year(), "first_year");
    check_year(request->last_year(), "last_year");
    if (request->last_year() < request->first_year()) {
      violations.push_back({"last_year", "must not be before first_year"});
    } else if (request->last_year() - request->first_year() >= kMaxReportYears) {
      violations.push_back(
          {"last_year", "a report covers at most " + std::to_string(kMaxReportYears) + " years"});
    }
    const CivilDate as_of = ResolveAsOf(request->as_of(), clock_.Today(), "as_of", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    // The yearly figures count every household, supported or not: the whole projection.
    const std::vector<v1::HouseholdFigureRecord> records = FigureRecordStore(call.redis, keys_).LoadAll();
    const std::vector<v1::ExternalFigure> external = ExternalFigureStore(call.redis).LoadAll();
    const std::vector<v1::Emergency> emergencies = EmergencyStore(call.redis, keys_).LoadAll();
    *response = ComputeResolutionReport(config_, ReportInputs{records, external, emergencies},
                                        request->first_year(), request->last_year(), as_of);
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::monitoring
