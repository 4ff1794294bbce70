// Alerts for staff and what monitoring has consumed.
#include <utility>
#include <vector>

#include "events/stream_names.h"
#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/dead_letters.h"
#include "monitoring/adapters/emergency_store.h"
#include "monitoring/adapters/figure_record_store.h"
#include "monitoring/adapters/monitoring_service.h"
#include "monitoring/adapters/open_review_store.h"
#include "monitoring/adapters/seen_store.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::monitoring {
namespace {

constexpr std::initializer_list<v1::Role> kAlertReaders = {v1::ROLE_WARD_OFFICER, v1::ROLE_ORGANIZATION_STAFF,
                                                           v1::ROLE_AUDITOR};

constexpr int kDefaultSeenEvents = 10;
constexpr int kMaxSeenEvents = 100;
static_assert(kMaxSeenEvents <= MonitoringKeys::kSeenKept);

}  // namespace

// The service's constructor and destructor (monitoring_service.h says why they
// are out of line) live here, beside the alerts whose thresholds the
// constructor derives from the configuration: a file of their own would have
// been a 25th in the adapters library, a unity batch of its own that parses
// the monitoring headers once more.
MonitoringService::MonitoringService(server::RequestExecutor& executor, const MonitoringKeys& keys,
                                     v1::MonitoringConfig config, WardClock clock, AuditSettings audit)
    : executor_(executor),
      keys_(keys),
      config_(std::move(config)),
      thresholds_(AlertThresholdsFrom(config_.alert_thresholds())),
      clock_(clock),
      audit_(audit) {}

MonitoringService::~MonitoringService() = default;

grpc::ServerUnaryReactor* MonitoringService::ListAlerts(grpc::CallbackServerContext* context,
                                                        const v1::ListAlertsRequest* request,
                                                        v1::ListAlertsResponse* response) {
  return executor_.Handle(context, "Monitoring.ListAlerts", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kAlertReaders, "read alerts"); !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    const CivilDate as_of = ResolveAsOf(request->as_of(), clock_.Today(), "as_of", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    std::string organization = request->organization_id();
    if (call.actor.role() == v1::ROLE_ORGANIZATION_STAFF) {
      // Staff only ever see their own organization's alerts.
      if (!organization.empty() && organization != call.actor.organization_id()) {
        return server::KeyedStatus(grpc::StatusCode::PERMISSION_DENIED,
                                   "organization staff read only their own organization's alerts (" +
                                       call.actor.organization_id() + ")",
                                   "error.alerts.own_organization_only",
                                   {{"organization", call.actor.organization_id()}});
      }
      organization = call.actor.organization_id();
      if (organization.empty()) {
        return server::KeyedStatus(grpc::StatusCode::PERMISSION_DENIED,
                                   "your token names no organization, so there are no alerts for you",
                                   "error.alerts.no_organization");
      }
    }
    const std::vector<v1::HouseholdFigureRecord> records = FigureRecordStore(call.redis, keys_).LoadAll();
    const std::vector<OpenRegularReview> reviews = OpenReviewStore(call.redis, keys_).LoadAll();
    const std::vector<DeadLetteredEvent> dead_letters = LoadDeadLetters(call.redis);
    const std::vector<v1::Emergency> emergencies = EmergencyStore(call.redis, keys_).LoadAll();
    const std::vector<v1::WardAlert> alerts =
        ComputeAlerts(AlertInputs{records, reviews, dead_letters, emergencies}, as_of, thresholds_);
    for (v1::OrganizationAlerts& group : GroupAlertsByOrganization(alerts, organization)) {
      *response->add_organizations() = std::move(group);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* MonitoringService::GetSeen(grpc::CallbackServerContext* context,
                                                     const v1::GetSeenRequest* request,
                                                     v1::GetSeenResponse* response) {
  return executor_.Handle(context, "Monitoring.GetSeen", response, [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "see what monitoring consumed");
        !denied.ok()) {
      return denied;
    }
    if (request->last_events() < 0 || request->last_events() > kMaxSeenEvents) {
      return server::ToStatus(Error::InvalidArgument(
          {{"last_events", "must be between 0 (for " + std::to_string(kDefaultSeenEvents) + ") and " +
                               std::to_string(kMaxSeenEvents)}}));
    }
    const int last_events = request->last_events() == 0 ? kDefaultSeenEvents : request->last_events();
    std::vector<std::string> streams;
    for (std::string_view source :
         {events::kRegistrySource, events::kClassificationSource, events::kAssignmentSource}) {
      for (int partition = 0; partition < keys_.partitions(); ++partition) {
        streams.push_back(events::EventStream(source, partition));
      }
    }
    std::sort(streams.begin(), streams.end());
    SeenStore seen(call.redis);
    for (const std::string& stream : streams) *response->add_streams() = seen.Load(stream, last_events);
    response->set_dead_lettered(static_cast<std::uint64_t>(
        call.redis.Command({"XLEN", events::DeadLetterStream("monitoring")}).AsInteger()));
    // Entries still in the outboxes count: each is in the chain once appended.
    response->set_audit_entries(AuditAppender(call.redis, keys_).ChainedOrWaiting());
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::monitoring
