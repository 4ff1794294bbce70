// Figures, scorecard and the figures officers enter.
#include <vector>

#include "monitoring/adapters/external_figure_store.h"
#include "monitoring/adapters/figure_record_store.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/core/exports.h"
#include "monitoring/core/scorecard.h"
#include "monitoring/core/trend.h"
#include "monitoring/core/ward_figures.h"
#include "server/authorization.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {
namespace {

constexpr std::initializer_list<v1::Role> kFigureReaders = {v1::ROLE_WARD_OFFICER,
                                                            v1::ROLE_ORGANIZATION_STAFF, v1::ROLE_AUDITOR};

// The requested review year, or the latest with an approved status, or (in
// a ward nobody has reviewed yet) the year of `as_of`.
int ResolveYear(int requested, std::span<const v1::HouseholdFigureRecord> records, CivilDate as_of) {
  if (requested != 0) return requested;
  return LatestReviewYear(records).value_or(static_cast<int>(as_of.year()));
}

}  // namespace

v1::Scorecard MonitoringService::ScorecardOf(redis::Connection& redis, int review_year,
                                             CivilDate as_of) const {
  const std::vector<v1::HouseholdFigureRecord> records = FigureRecordStore(redis, keys_).LoadAll();
  const int year = ResolveYear(review_year, records, as_of);
  const std::vector<v1::ExternalFigure> external = ExternalFigureStore(redis).LoadAll();
  return ComputeScorecard(config_, ComputeFigures(records, year, as_of), external);
}

grpc::ServerUnaryReactor* MonitoringService::GetDashboard(grpc::CallbackServerContext* context,
                                                          const v1::GetDashboardRequest* request,
                                                          v1::GetDashboardResponse* response) {
  return executor_.Handle(context, "Monitoring.GetDashboard", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kFigureReaders, "read the ward's figures");
        !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    CheckReviewYear(request->review_year(), "review_year", violations);
    const CivilDate as_of = ResolveAsOf(request->as_of(), clock_.Today(), "as_of", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    const std::vector<v1::HouseholdFigureRecord> records = FigureRecordStore(call.redis, keys_).LoadAll();
    const int year = ResolveYear(request->review_year(), records, as_of);
    *response->mutable_figures() = ComputeFigures(records, year, as_of, request->residential_group());
    if (request->residential_group().empty()) {
      for (v1::WardFigures& group : ComputeGroupFigures(records, year, as_of)) {
        *response->add_groups() = std::move(group);
      }
    }
    const std::vector<v1::HistoricalCount> history(config_.historical_counts().begin(),
                                                   config_.historical_counts().end());
    for (v1::TrendPoint& point : ComputeTrend(records, history, year)) {
      *response->add_trend() = std::move(point);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* MonitoringService::GetScorecard(grpc::CallbackServerContext* context,
                                                          const v1::GetScorecardRequest* request,
                                                          v1::GetScorecardResponse* response) {
  return executor_.Handle(context, "Monitoring.GetScorecard", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kFigureReaders, "read the scorecard"); !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    CheckReviewYear(request->review_year(), "review_year", violations);
    const CivilDate as_of = ResolveAsOf(request->as_of(), clock_.Today(), "as_of", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    *response->mutable_scorecard() = ScorecardOf(call.redis, request->review_year(), as_of);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* MonitoringService::ExportScorecard(grpc::CallbackServerContext* context,
                                                             const v1::ExportScorecardRequest* request,
                                                             v1::ExportScorecardResponse* response) {
  return executor_.Handle(context, "Monitoring.ExportScorecard", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kFigureReaders, "export the scorecard"); !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    CheckFormat(request->format(), "format", violations);
    CheckReviewYear(request->review_year(), "review_year", violations);
    const CivilDate as_of = ResolveAsOf(request->as_of(), clock_.Today(), "as_of", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    Result<v1::ExportedDocument> document = monitoring::ExportScorecard(
        ScorecardOf(call.redis, request->review_year(), as_of), request->format());
    if (!document.ok()) return server::ToStatus(document.error());
    *response->mutable_document() = std::move(document).value();
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* MonitoringService::SetExternalFigure(grpc::CallbackServerContext* context,
                                                               const v1::SetExternalFigureRequest* request,
                                                               v1::SetExternalFigureResponse* response) {
  return executor_.Handle(context, "Monitoring.SetExternalFigure", response, [=, this](const auto& call) {
    if (auto denied =
            server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "enter figures for the scorecard");
        !denied.ok()) {
      return denied;
    }
    v1::ExternalFigure figure;
    figure.set_key(request->key());
    figure.set_review_year(request->review_year());
    figure.set_value_percent(request->value_percent());
    figure.set_source(request->source());
    *figure.mutable_entered_by() = call.actor;
    *figure.mutable_entered_at() = TimestampOf(clock_.Now());
    FieldViolations violations;
    AddCoreViolations(ValidateExternalFigure(config_, figure), "", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    ExternalFigureStore(call.redis).Save(figure);
    *response->mutable_figure() = std::move(figure);
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::monitoring
