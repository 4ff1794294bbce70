#include "classification/adapters/event_publishing.h"

#include <stdexcept>

#include "events/stream_names.h"
#include "redis/redis_error.h"

namespace ansinh::classification {

v1::Actor ServiceActor() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_SERVICE);
  actor.set_name(std::string(events::kClassificationSource));
  return actor;
}

events::EventContext ContinuationOf(const v1::EventEnvelope& cause) {
  return events::EventContext{cause.actor(), cause.correlation_id(), cause.event_id()};
}

redis::Args OutboxAddCommand(const std::string& round_id, int partition, const v1::EventEnvelope& envelope) {
  return {"XADD", ClassificationKeys::RoundOutbox(round_id, partition), "*", "envelope",
          envelope.SerializeAsString()};
}

v1::EventEnvelope QueueRoundEvent(redis::Transaction& tx, const ClassificationKeys& keys,
                                  const events::EventContext& context, std::string_view event_type,
                                  const std::string& round_id, int partition, const std::string& household_id,
                                  const google::protobuf::Message& payload, StoredRound* own) {
  if (own != nullptr) {
    return QueueRoundStreamEvent(tx, keys, context, event_type, round_id, &own->events, household_id,
                                 payload);
  }
  // Version 0 until the relay numbers it in the round's stream.
  const events::EventIdentity identity{std::string(event_type), std::string(kRoundAggregate), round_id, 0,
                                       household_id};
  v1::EventEnvelope envelope = events::MakeEnvelope(context, identity, payload);
  tx.Add(OutboxAddCommand(round_id, partition, envelope));
  return envelope;
}

void QueueRoundEvents(redis::Transaction& tx, const ClassificationKeys& keys,
                      const events::EventContext& context, const std::string& round_id, int partition,
                      std::span<const RoundEvent> round_events, StoredRound* own) {
  for (const RoundEvent& event : round_events) {
    QueueRoundEvent(tx, keys, context, event.event_type, round_id, partition, event.household_id,
                    event.message(), own);
  }
}

void QueueMeetingRecorded(redis::Transaction& tx, const ClassificationKeys& keys,
                          const events::EventContext& context, const v1::RoundHousehold& household,
                          StoredRound* own) {
  v1::MeetingRecorded event;
  event.set_round_id(household.round_id());
  event.set_household_id(household.household_id());
  *event.mutable_meeting() = household.meetings(household.meetings_size() - 1);
  event.set_state(household.state());
  QueueRoundEvent(tx, keys, context, kMeetingRecorded, household.round_id(),
                  keys.PartitionOf(household.household_id()), household.household_id(), event, own);
}

std::optional<StoredRound> WatchOwnRound(redis::Connection& redis, const ClassificationKeys& keys,
                                         const std::string& round_id, int partition) {
  if (keys.PartitionOf(round_id) != partition) return std::nullopt;
  const std::string key = keys.Round(round_id);
  const std::vector<redis::Reply> replies = redis.Pipeline({{"WATCH", key}, {"HGETALL", key}});
  if (replies.at(0).IsError()) throw redis::ReplyError(replies[0].str);
  if (replies.at(1).IsError()) throw redis::ReplyError(replies[1].str);
  std::optional<StoredRound> stored = ParseStoredRound(replies[1]);
  if (!stored)
    throw std::runtime_error("round " + round_id + " is seen by its own partition but has no record");
  return stored;
}

v1::EventEnvelope QueueRoundStreamEvent(redis::Transaction& tx, const ClassificationKeys& keys,
                                        const events::EventContext& context, std::string_view event_type,
                                        const std::string& round_id, uint64_t* round_events,
                                        const std::string& household_id,
                                        const google::protobuf::Message& payload) {
  const events::EventIdentity identity{std::string(event_type), std::string(kRoundAggregate), round_id,
                                       ++*round_events, household_id};
  v1::EventEnvelope envelope = events::MakeEnvelope(context, identity, payload);
  tx.Add(events::XAddCommand(keys.RoundStream(round_id), envelope));
  return envelope;
}

}  // namespace ansinh::classification
