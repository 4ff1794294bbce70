// Household timelines and histories: personal data, every read audited.
#include <vector>

#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/figure_record_store.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/adapters/timeline_store.h"
#include "monitoring/core/audit_chain.h"
#include "monitoring/core/exports.h"
#include "monitoring/core/record_queries.h"
#include "server/authorization.h"
#include "server/status_mapping.h"
#include "time/timestamps.h"

namespace ansinh::monitoring {
namespace {

constexpr std::initializer_list<v1::Role> kHistoryReaders = {v1::ROLE_WARD_OFFICER,
                                                             v1::ROLE_ORGANIZATION_STAFF, v1::ROLE_AUDITOR};

// Organization staff read only the households their organization is
// responsible for today.
bool StaffMayRead(const v1::Actor& actor, const std::optional<v1::HouseholdFigureRecord>& record,
                  CivilDate today) {
  if (!record || actor.organization_id().empty()) return false;
  const v1::HouseholdFigureRecord::FollowUpCase* responsible = ResponsibleCaseOn(*record, today);
  return responsible != nullptr && responsible->organization_id() == actor.organization_id();
}

}  // namespace

grpc::Status MonitoringService::RecordPersonalDataRead(const server::CallScope& call,
                                                       const std::string& household_id,
                                                       const std::string& what) {
  if (auto denied = server::RequireRole(call.actor, kHistoryReaders, "read a household's history");
      !denied.ok()) {
    return denied;
  }
  TimelineStore timelines(call.redis, keys_);
  const std::optional<v1::HouseholdFigureRecord> record =
      FigureRecordStore(call.redis, keys_).Load(household_id);
  if (!record && timelines.Length(household_id) == 0) {
    return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                               "monitoring has received no event about household " + household_id,
                               "error.history.no_events", {{"household", household_id}});
  }
  if (call.actor.role() == v1::ROLE_ORGANIZATION_STAFF && !StaffMayRead(call.actor, record, clock_.Today())) {
    return server::KeyedStatus(grpc::StatusCode::PERMISSION_DENIED,
                               "household " + household_id + " is not in the care of " +
                                   (call.actor.organization_id().empty() ? std::string("your organization")
                                                                         : call.actor.organization_id()) +
                                   "; only its responsible organization, ward officers and auditors "
                                   "may read its history",
                               "error.history.not_in_your_care", {{"household", household_id}});
  }
  // Sealed before anything is disclosed: a read that cannot be recorded
  // fails instead of happening unrecorded.
  SealPersonalDataRead(call, household_id, what);
  return grpc::Status::OK;
}

void MonitoringService::SealPersonalDataRead(const server::CallScope& call, const std::string& household_id,
                                             const std::string& what) {
  TimelineStore timelines(call.redis, keys_);
  const google::protobuf::Timestamp now = TimestampOf(clock_.Now());
  // Recorded in the household's partition (its audit outbox and its
  // timeline, one transaction in one slot) before anything is disclosed;
  // the chain appender seals it into the chain.
  PutInOutbox(call.redis, keys_.PartitionOf(household_id),
              PersonalDataReadEntry(call.actor, household_id, what, now),
              [&](std::uint64_t ordinal, redis::Transaction& tx) {
                timelines.QueueAppend(tx, household_id, ordinal);
              });
}

grpc::Status MonitoringService::RecordMarkedFieldsRead(const server::CallScope& call,
                                                       const v1::PersonalDataRead& read) {
  // These record their own read before anything is read.
  if (read.rpc() == "Monitoring.GetHouseholdTimeline" || read.rpc() == "Monitoring.ExportHouseholdHistory" ||
      read.rpc() == "Monitoring.RecordSubjectAccessExport") {
    return grpc::Status::OK;
  }
  for (const v1::PersonalDataRead::HouseholdFields& household : read.households()) {
    std::string what = read.rpc() + ":";
    for (const std::string& field : household.fields()) what += " " + field;
    SealPersonalDataRead(call, household.household_id(), what);
  }
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* MonitoringService::GetHouseholdTimeline(
    grpc::CallbackServerContext* context, const v1::GetHouseholdTimelineRequest* request,
    v1::GetHouseholdTimelineResponse* response) {
  return executor_.Handle(
      context, "Monitoring.GetHouseholdTimeline", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kHistoryReaders, "read a household's history");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        RequireText(request->household_id(), "household_id", violations);
        const PageWindow window = ResolvePage(request->page(), "page", violations);
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        if (grpc::Status read = RecordPersonalDataRead(call, request->household_id(), "GetHouseholdTimeline");
            !read.ok()) {
          return read;
        }
        std::vector<v1::HouseholdTimelineEntry> timeline =
            TimelineStore(call.redis, keys_, audit_.key_ring).Load(request->household_id());
        const std::int64_t total = static_cast<std::int64_t>(timeline.size());
        for (std::int64_t i = window.offset; i < total && i < window.offset + window.size; ++i) {
          *response->add_entries() = std::move(timeline[i]);
        }
        *response->mutable_page() = PageAfter(window, total);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* MonitoringService::ExportHouseholdHistory(
    grpc::CallbackServerContext* context, const v1::ExportHouseholdHistoryRequest* request,
    v1::ExportHouseholdHistoryResponse* response) {
  return executor_.Handle(
      context, "Monitoring.ExportHouseholdHistory", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, kHistoryReaders, "export a household's history");
            !denied.ok()) {
          return denied;
        }
        FieldViolations violations;
        RequireText(request->household_id(), "household_id", violations);
        CheckFormat(request->format(), "format", violations);
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        if (grpc::Status read =
                RecordPersonalDataRead(call, request->household_id(), "ExportHouseholdHistory");
            !read.ok()) {
          return read;
        }
        const std::vector<v1::HouseholdTimelineEntry> timeline =
            TimelineStore(call.redis, keys_, audit_.key_ring).Load(request->household_id());
        Result<v1::ExportedDocument> document =
            monitoring::ExportHouseholdHistory(request->household_id(), timeline, request->format());
        if (!document.ok()) return server::ToStatus(document.error());
        *response->mutable_document() = std::move(document).value();
        return grpc::Status::OK;
      });
}

}  // namespace ansinh::monitoring
