#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "classification/adapters/classification_keys.h"
#include "classification/core/round_events.h"
#include "events/envelope_codec.h"
#include "redis/transaction.h"

namespace ansinh::classification {

// The event types this service publishes are listed in
// classification/core/round_events.h, since the core decides some of them.

// The registry events the consumer applies.
inline constexpr std::string_view kSurveyRecorded = "registry.survey_recorded.v1";
inline constexpr std::string_view kHouseholdMovedOut = "registry.household_moved_out.v1";
inline constexpr std::string_view kHouseholdDissolved = "registry.household_dissolved.v1";
inline constexpr std::string_view kHouseholdRegistered = "registry.household_registered.v1";
inline constexpr std::string_view kHouseholdUpdated = "registry.household_updated.v1";

// The actor of events the service publishes while consuming.
v1::Actor ServiceActor();

// The context of events that continue work an earlier event started (the
// surveys pulled into a round at its opening, the statuses written after its
// approval): the same actor and correlation, the earlier event as cause. So
// work resumed after a crash publishes exactly what the first attempt would
// have.
events::EventContext ContinuationOf(const v1::EventEnvelope& cause);

// Queues an event about a round that a transaction of partition `partition`
// decided (a survey taken in, a step on one of the partition's households, a
// page of a posting): in the partition's outbox of the round, in the
// partition's slot, without its round version. The relay moves it into the
// round's stream with the round's next version (round_event_relay.h).
// `household_id` is set for events about one household of the round. Returns
// the envelope.
v1::EventEnvelope QueueRoundEvent(redis::Transaction& tx, const events::EventContext& context,
                                  std::string_view event_type, const std::string& round_id, int partition,
                                  const std::string& household_id, const google::protobuf::Message& payload);

// Queues round events the core decided (type and payload; the round version
// the core gave them is the relay's to give) in partition `partition`'s
// outbox of the round, in order.
void QueueRoundEvents(redis::Transaction& tx, const events::EventContext& context,
                      const std::string& round_id, int partition, std::span<const RoundEvent> round_events);

// Queues MeetingRecorded for `household` just after its latest meeting, in
// its partition's outbox.
void QueueMeetingRecorded(redis::Transaction& tx, const ClassificationKeys& keys,
                          const events::EventContext& context, const v1::RoundHousehold& household);

// Queues an event of a transaction in the round's own slot (its opening,
// its approval) straight into the round's stream, with the round's next
// aggregate version: `*round_events` is the count stored with the round and
// is advanced (the caller stores it in the same transaction). Returns the
// envelope.
v1::EventEnvelope QueueRoundStreamEvent(redis::Transaction& tx, const ClassificationKeys& keys,
                                        const events::EventContext& context, std::string_view event_type,
                                        const std::string& round_id, uint64_t* round_events,
                                        const std::string& household_id,
                                        const google::protobuf::Message& payload);

// The XADD of an envelope into partition `partition`'s outbox of its round.
redis::Args OutboxAddCommand(const std::string& round_id, int partition, const v1::EventEnvelope& envelope);

}  // namespace ansinh::classification
