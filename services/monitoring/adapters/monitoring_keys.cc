#include "monitoring/adapters/monitoring_keys.h"

#include "events/stream_names.h"

namespace ansinh::monitoring {
namespace {

// "ansinh:{pN}:monitoring:seen:<source>" for a well-formed event stream name;
// any other name (never produced by this service) keeps its own text.
std::string SeenPrefix(std::string_view event_stream) {
  std::string source;
  int partition = 0;
  if (!events::ParseEventStream(event_stream, &source, &partition)) {
    return "ansinh:monitoring:seen:" + std::string(event_stream);
  }
  return "ansinh:" + events::PartitionTag(partition) + ":monitoring:seen:" + source;
}

}  // namespace

int MonitoringKeys::PartitionOf(std::string_view household_id) const {
  return events::PartitionOf(household_id, partitions_);
}

std::string MonitoringKeys::Records(int partition) const {
  return "ansinh:" + events::PartitionTag(partition) + ":monitoring:records";
}

std::string MonitoringKeys::RecordsOf(std::string_view household_id) const {
  return Records(PartitionOf(household_id));
}

std::string MonitoringKeys::Timeline(std::string_view household_id) const {
  return TimelineIn(PartitionOf(household_id), household_id);
}

std::string MonitoringKeys::TimelineIn(int partition, std::string_view household_id) {
  return "ansinh:" + events::PartitionTag(partition) + ":monitoring:timeline:" + std::string(household_id);
}

std::string MonitoringKeys::EventStreamOf(std::string_view source, const v1::EventEnvelope& event) const {
  if (event.aggregate_type() == "review-round") {
    return events::EventStream(source, PartitionOf(event.aggregate_id()));
  }
  // Assignment's directory (organizations, helpers) and its ward-wide
  // records (livelihood models, emergencies) publish on partition 0, the
  // partition whose slot holds them (assignment_keys.h).
  if (event.household_id().empty() &&
      (event.aggregate_type() == "organization" || event.aggregate_type() == "helper" ||
       event.aggregate_type() == "livelihood_model" || event.aggregate_type() == "emergency")) {
    return events::EventStream(source, 0);
  }
  const std::string& household_id = event.household_id();
  return events::EventStream(source, PartitionOf(household_id.empty() ? event.aggregate_id() : household_id));
}

int MonitoringKeys::PartitionOfEvent(std::string_view source, const v1::EventEnvelope& event) const {
  std::string parsed_source;
  int partition = 0;
  if (!events::ParseEventStream(EventStreamOf(source, event), &parsed_source, &partition)) return 0;
  return partition;
}

std::string MonitoringKeys::OpenReviews(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":monitoring:open-reviews";
}

std::string MonitoringKeys::OutcomeHouseholds(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":monitoring:outcome-households";
}

std::string MonitoringKeys::Emergencies(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":monitoring:emergencies";
}

std::string MonitoringKeys::AuditOutbox(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":monitoring:audit-outbox";
}

std::string MonitoringKeys::AuditOutboxLast(int partition) { return AuditOutbox(partition) + ":last"; }

std::string MonitoringKeys::AuditRuns(int partition) {
  return "ansinh:{audit}:monitoring:audit:runs:" + std::to_string(partition);
}

std::string MonitoringKeys::SeenCount(std::string_view event_stream) {
  return SeenPrefix(event_stream) + ":count";
}

std::string MonitoringKeys::SeenLast(std::string_view event_stream) {
  return SeenPrefix(event_stream) + ":last";
}

std::string MonitoringKeys::TreeLevel(int level) {
  return "ansinh:{audit}:monitoring:audit:tree:" + std::to_string(level);
}

}  // namespace ansinh::monitoring
