// Subject access exports: recorded in the audit chain before anything is
// disclosed, with the history the export holds.
#include "events/envelope_codec.h"
#include "monitoring/adapters/figure_record_store.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/adapters/timeline_store.h"
#include "monitoring/core/member_history.h"
#include "server/authorization.h"
#include "server/status_mapping.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {
namespace {

// Who may export everything held about a person or a household: the ward
// officers who answer the subject's request, and the auditors who may read
// everything anyway; never organization staff (they see only part of it) or
// programs (docs/security.md).
constexpr std::initializer_list<v1::Role> kSubjectAccessExporters = {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR};

}  // namespace

grpc::ServerUnaryReactor* MonitoringService::RecordSubjectAccessExport(
    grpc::CallbackServerContext* context, const v1::RecordSubjectAccessExportRequest* request,
    v1::RecordSubjectAccessExportResponse* response) {
  return executor_.Handle(
      context, "Monitoring.RecordSubjectAccessExport", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kSubjectAccessExporters,
                                              "export the data held about a person or a household");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        if (request->household_id().empty()) {
          violations.push_back({"household_id", "required: the household whose data is exported"});
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        const std::string& household_id = request->household_id();
        TimelineStore timelines(call.redis, keys_);
        if (!FigureRecordStore(call.redis, keys_).Load(household_id) && timelines.Length(household_id) == 0) {
          return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                                     "monitoring has received no event about household " + household_id,
                                     "error.history.no_events", {{"household", household_id}});
        }
        // Recorded first: an export that cannot be recorded does not happen.
        const std::string export_id = events::NewEventId();
        const google::protobuf::Timestamp now = TimestampOf(clock_.Now());
        SealPersonalDataRead(call, household_id, SubjectAccessExportDetail(request->member_id(), export_id));
        response->set_export_id(export_id);
        *response->mutable_recorded_at() = now;
        *response->mutable_recorded_by() = call.actor;
        TimelineStore::LineFilter keep;
        if (!request->member_id().empty()) {
          const std::string member_id = request->member_id();
          keep = [member_id](const v1::AuditChainEntry& entry) { return InMemberHistory(entry, member_id); };
        }
        for (v1::HouseholdTimelineEntry& line : timelines.Load(household_id, keep)) {
          *response->add_history() = std::move(line);
        }
        return grpc::Status::OK;
      });
}

}  // namespace ansinh::monitoring
