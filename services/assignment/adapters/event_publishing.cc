#include "assignment/adapters/event_publishing.h"

#include "assignment/adapters/assignment_keys.h"
#include "events/stream_names.h"
#include "personal_data/envelope_sealing.h"

namespace ansinh::assignment {

v1::EventEnvelope EnvelopeOf(const events::EventContext& context, const PublishedEvent& event) {
  const events::EventIdentity identity{event.event_type, event.aggregate_type, event.aggregate_id,
                                       event.aggregate_version, event.household_id};
  return events::MakeEnvelope(context, identity, event.message());
}

void QueueEvents(redis::Transaction& tx, const events::EventPublisher& publisher,
                 const events::EventContext& context, const std::vector<PublishedEvent>& published,
                 const personal_data::AesKey* data_key) {
  for (const PublishedEvent& event : published) {
    v1::EventEnvelope envelope = EnvelopeOf(context, event);
    if (data_key != nullptr) personal_data::SealEnvelope(envelope, *data_key);
    if (event.household_id.empty() &&
        (event.aggregate_type == kOrganizationAggregate || event.aggregate_type == kHelperAggregate ||
         event.aggregate_type == kLivelihoodModelAggregate || event.aggregate_type == kEmergencyAggregate)) {
      // The directory's events go with the directory, in its partition's
      // slot, and so do those of the ward-wide records kept beside it
      // (livelihood models, emergencies).
      tx.Add(events::XAddCommand(
          events::EventStream(events::kAssignmentSource, AssignmentKeys::kDirectoryPartition), envelope));
    } else {
      publisher.Append(tx, envelope);
    }
  }
}

}  // namespace ansinh::assignment
