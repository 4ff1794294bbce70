#include "monitoring/adapters/timeline_lines.h"

#include <string>

#include "monitoring/adapters/event_descriptions.h"
#include "personal_data/envelope_sealing.h"

namespace ansinh::monitoring {
namespace {

// Event types are "<service>.<what>.v<N>" (services/common/events).
std::string ServiceOfEventType(const std::string& event_type) {
  return event_type.substr(0, event_type.find('.'));
}

void SetDescription(v1::HouseholdTimelineEntry& line, EventDescription description) {
  line.set_description(std::move(description.line));
  *line.mutable_description_text() = std::move(description.text);
}

}  // namespace

v1::HouseholdTimelineEntry TimelineReference(std::uint64_t ordinal) {
  v1::HouseholdTimelineEntry reference;
  reference.set_audit_outbox_ordinal(ordinal);
  return reference;
}

bool IsTimelineReference(const v1::HouseholdTimelineEntry& stored) {
  return stored.service().empty() && stored.description().empty() && !stored.has_description_text();
}

v1::HouseholdTimelineEntry RenderTimelineLine(const v1::AuditChainEntry& entry, std::uint64_t sequence,
                                              const personal_data::AesKey* data_key) {
  v1::HouseholdTimelineEntry line;
  line.set_audit_sequence(sequence);
  v1::EventEnvelope event;
  switch (entry.kind()) {
    case v1::AuditChainEntry::KIND_PERSONAL_DATA_READ:
      *line.mutable_occurred_at() = entry.occurred_at();
      *line.mutable_actor() = entry.actor();
      line.set_service("monitoring");
      SetDescription(line, DescribePersonalDataRead(entry.actor(), entry.detail()));
      return line;
    case v1::AuditChainEntry::KIND_EVENT:
      if (event.ParseFromString(entry.canonical_event())) {
        const bool erased =
            personal_data::OpenEnvelope(event, data_key) == personal_data::EnvelopeOpening::kStaysSealed;
        *line.mutable_occurred_at() = event.occurred_at();
        *line.mutable_actor() = event.actor();
        line.set_event_type(event.event_type());
        line.set_service(ServiceOfEventType(event.event_type()));
        line.set_event_id(event.event_id());
        SetDescription(line, erased ? DescribeEventWithErasedFields(event) : DescribeEvent(event));
        return line;
      }
      break;
    default:
      break;
  }
  // Kept in its place with what the entry still says, so the timeline reads
  // and VerifyAudit names what changed.
  *line.mutable_occurred_at() = entry.occurred_at();
  *line.mutable_actor() = entry.actor();
  line.set_event_id(entry.event_id());
  line.set_event_type(entry.event_type());
  SetDescription(line, DescribeUnreadableAuditEntry(sequence));
  return line;
}

}  // namespace ansinh::monitoring
