#include "events/event_publisher.h"

#include "events/envelope_codec.h"
#include "events/stream_names.h"

namespace ansinh::events {

EventPublisher::EventPublisher(std::string_view source, int partitions)
    : source_(source), partitions_(partitions < 1 ? 1 : partitions) {}

std::string EventPublisher::StreamFor(std::string_view household_or_aggregate_id) const {
  return EventStream(source_, PartitionOf(household_or_aggregate_id, partitions_));
}

void EventPublisher::Append(redis::Transaction& tx, const v1::EventEnvelope& envelope) const {
  const std::string& key =
      envelope.household_id().empty() ? envelope.aggregate_id() : envelope.household_id();
  tx.Add(XAddCommand(StreamFor(key), envelope));
}

std::vector<std::string> EventPublisher::Streams() const {
  std::vector<std::string> streams;
  for (int partition = 0; partition < partitions_; ++partition) {
    streams.push_back(EventStream(source_, partition));
  }
  return streams;
}

}  // namespace ansinh::events
