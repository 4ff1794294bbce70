#include "classification/adapters/event_publishing.h"

#include "events/stream_names.h"

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

v1::EventEnvelope QueueRoundEvent(redis::Transaction& tx, const events::EventContext& context,
                                  std::string_view event_type, const std::string& round_id, int partition,
                                  const std::string& household_id, const google::protobuf::Message& payload) {
  // Version 0 until the relay numbers it in the round's stream.
  const events::EventIdentity identity{std::string(event_type), std::string(kRoundAggregate), round_id, 0,
                                       household_id};
  v1::EventEnvelope envelope = events::MakeEnvelope(context, identity, payload);
  tx.Add(OutboxAddCommand(round_id, partition, envelope));
  return envelope;
}

void QueueRoundEvents(redis::Transaction& tx, const events::EventContext& context,
                      const std::string& round_id, int partition, std::span<const RoundEvent> round_events) {
  for (const RoundEvent& event : round_events) {
    QueueRoundEvent(tx, context, event.event_type, round_id, partition, event.household_id, event.message());
  }
}

void QueueMeetingRecorded(redis::Transaction& tx, const ClassificationKeys& keys,
                          const events::EventContext& context, const v1::RoundHousehold& household) {
  v1::MeetingRecorded event;
  event.set_round_id(household.round_id());
  event.set_household_id(household.household_id());
  *event.mutable_meeting() = household.meetings(household.meetings_size() - 1);
  event.set_state(household.state());
  QueueRoundEvent(tx, context, kMeetingRecorded, household.round_id(),
                  keys.PartitionOf(household.household_id()), household.household_id(), event);
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
