// Where an outside consumer's events are read from and acknowledged
// (docs/events.md, "Outside consumers"): the streams of the services whose
// event types it is granted, every partition, each read with the consumer's
// own consumer group "consumer:<consumer id>". The group is what remembers,
// in Redis, what the consumer acknowledged (and what the publishers' trimmers
// keep for it); the registry only reads with it and acknowledges for it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/consumers.pb.h"
#include "redis/redis_connection.h"
#include "registry/core/event_position.h"

namespace ansinh::registry {

// "consumer:policy-bank".
std::string ConsumerGroup(std::string_view consumer_id);
// The one consumer name within the group: a consumer that reconnects (or
// subscribes twice) reads what it left unacknowledged under the same name.
inline constexpr std::string_view kSubscriberName = "subscriber";

struct ConsumerStream {
  std::string source;  // "classification"
  int partition = 0;
  std::string key;  // "ansinh:{p0}:events:classification"
};

// The streams of the grant's sources, every partition, ordered by source
// then partition.
std::vector<ConsumerStream> ConsumerStreams(const v1::ConsumerGrant& grant, int partitions);

// Creates the consumer's group on each stream where it has none, at the
// start of the stream ("0"): every event the stream still holds is the
// consumer's, and the publisher's trimmer keeps each until the consumer
// acknowledged it. An existing group is left where it is.
void CreateConsumerGroups(redis::Connection& redis, std::string_view consumer_id,
                          const std::vector<ConsumerStream>& streams);

// Acknowledges `ids` of one stream for the consumer; how many were pending.
long long AcknowledgeEntries(redis::Connection& redis, std::string_view consumer_id,
                             const std::string& stream, const std::vector<std::string>& ids);

// Acknowledges delivered positions, one XACK per stream; how many were pending.
long long AcknowledgePositions(redis::Connection& redis, std::string_view consumer_id,
                               const std::vector<EventPosition>& positions);

}  // namespace ansinh::registry
