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

// Queues an event about a round on `tx`, on the round's stream, with the
// round's next aggregate version: `*round_events` is the count stored with the
// round and is advanced (the caller stores it in the same transaction).
// `household_id` is set for events about one household of the round. Returns
// the envelope.
v1::EventEnvelope QueueRoundEvent(redis::Transaction& tx, const ClassificationKeys& keys,
                                  const events::EventContext& context, std::string_view event_type,
                                  const std::string& round_id, uint64_t* round_events,
                                  const std::string& household_id, const google::protobuf::Message& payload);

// Queues round events the core decided (type, payload and round version
// included) on `tx`, on the round's stream, in order. The caller stores the
// round's new event count in the same transaction.
void QueueRoundEvents(redis::Transaction& tx, const ClassificationKeys& keys,
                      const events::EventContext& context, const std::string& round_id,
                      std::span<const RoundEvent> round_events);

// Queues MeetingRecorded for `household` just after its latest meeting.
void QueueMeetingRecorded(redis::Transaction& tx, const ClassificationKeys& keys,
                          const events::EventContext& context, uint64_t* round_events,
                          const v1::RoundHousehold& household);

}  // namespace ansinh::classification
