#pragma once

#include <vector>

#include "assignment/core/case_events.h"
#include "events/envelope_codec.h"
#include "events/event_publisher.h"
#include "personal_data/aes_gcm.h"
#include "redis/transaction.h"

namespace ansinh::assignment {

// The envelope of one event the core decided to publish: its type, aggregate
// (case, organization or helper) and version from the core; actor,
// correlation and causation from `context`.
v1::EventEnvelope EnvelopeOf(const events::EventContext& context, const PublishedEvent& event);

// Queues each event, in order, on the transaction of the change it
// describes: case events on their household's partition (EventPublisher),
// organization, helper, livelihood model and emergency events on the
// directory's partition (AssignmentKeys::kDirectoryPartition), whose slot
// holds those records.
// A case event's personal fields (a need's description, a visit's notes,
// support amounts) are sealed with `data_key`, its household's, when given.
void QueueEvents(redis::Transaction& tx, const events::EventPublisher& publisher,
                 const events::EventContext& context, const std::vector<PublishedEvent>& published,
                 const personal_data::AesKey* data_key = nullptr);

}  // namespace ansinh::assignment
