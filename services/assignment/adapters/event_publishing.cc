#include "assignment/adapters/event_publishing.h"

namespace ansinh::assignment {

v1::EventEnvelope EnvelopeOf(const events::EventContext& context, const PublishedEvent& event) {
  const events::EventIdentity identity{event.event_type, event.aggregate_type, event.aggregate_id,
                                       event.aggregate_version, event.household_id};
  return events::MakeEnvelope(context, identity, event.message());
}

void QueueEvents(redis::Transaction& tx, const events::EventPublisher& publisher,
                 const events::EventContext& context, const std::vector<PublishedEvent>& published) {
  for (const PublishedEvent& event : published) publisher.Append(tx, EnvelopeOf(context, event));
}

}  // namespace ansinh::assignment
