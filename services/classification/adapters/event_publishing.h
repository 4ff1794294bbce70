#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/envelope.pb.h"
#include "classification/adapters/classification_keys.h"
#include "classification/adapters/round_store.h"
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
inline constexpr std::string_view kHouseholdErased = "registry.household_erased.v1";

// The actor of events the service publishes while consuming.
v1::Actor ServiceActor();

// The context of events that continue work an earlier event started (the
// surveys pulled into a round at its opening, the statuses written after its
// approval): the same actor and correlation, the earlier event as cause. So
// work resumed after a crash publishes exactly what the first attempt would
// have.
events::EventContext ContinuationOf(const v1::EventEnvelope& cause);

// Where a transaction of one partition puts the round events it decides (a
// survey taken in, a step on one of the partition's households, a page of a
// posting). In the round's own partition, the slot of its record and stream,
// they go straight into the round's stream with the round's next versions:
// the transaction WATCHes the round's record (WatchOwnRound), passes it as
// `own`, whose count they advance, and stores it (RoundStore::QueueRound).
// In any other partition (`own` null) they go to the partition's outbox of
// the round, without a version: the relay moves them into the round's stream
// (round_event_relay.h). A household's events all take one of the two ways,
// so they stay in order. `household_id` is set for events about one
// household of the round. Returns the envelope.
v1::EventEnvelope QueueRoundEvent(redis::Transaction& tx, const ClassificationKeys& keys,
                                  const events::EventContext& context, std::string_view event_type,
                                  const std::string& round_id, int partition, const std::string& household_id,
                                  const google::protobuf::Message& payload, StoredRound* own);

// Queues round events the core decided (type and payload; the version is
// given where they are numbered, as above), in order.
void QueueRoundEvents(redis::Transaction& tx, const ClassificationKeys& keys,
                      const events::EventContext& context, const std::string& round_id, int partition,
                      std::span<const RoundEvent> round_events, StoredRound* own);

// Queues MeetingRecorded for `household` just after its latest meeting.
void QueueMeetingRecorded(redis::Transaction& tx, const ClassificationKeys& keys,
                          const events::EventContext& context, const v1::RoundHousehold& household,
                          StoredRound* own);

// For a transaction of `partition` about round `round_id`: in the round's
// own partition, WATCHes the round's record and returns it, for its events
// to be written straight into its stream (a partition sees a round only
// once its record exists there: RoundOpener); in any other, nothing.
std::optional<StoredRound> WatchOwnRound(redis::Connection& redis, const ClassificationKeys& keys,
                                         const std::string& round_id, int partition);

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
