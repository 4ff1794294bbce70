#pragma once

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "redis/redis_connection.h"

namespace ansinh::events {

// What an event inherits from the request or event that caused it.
struct EventContext {
  v1::Actor actor;
  std::string correlation_id;
  std::string causation_id;

  // The context for events caused by consuming `cause`: same correlation,
  // the cause as causation, and `service_actor` as the actor.
  static EventContext CausedBy(const v1::EventEnvelope& cause, v1::Actor service_actor);
};

struct EventIdentity {
  std::string event_type;      // "registry.household_registered.v1"
  std::string aggregate_type;  // "household"
  std::string aggregate_id;    // "HH-000042"
  uint64_t aggregate_version = 0;
  std::string household_id;  // empty when the event is not about one household
};

std::string NewEventId();  // random UUID v4, lowercase

v1::EventEnvelope MakeEnvelope(const EventContext& context, const EventIdentity& identity,
                               const google::protobuf::Message& payload);

// Stream entry fields: "type" and "aggregate" in clear text so that
// redis-cli and `ansinh events tail` can filter without decoding, and
// "envelope" holding the serialized EventEnvelope (the source of truth).
redis::Args XAddCommand(const std::string& stream, const v1::EventEnvelope& envelope);

// One stream entry as read back: its id and its field/value pairs. An entry
// whose payload was trimmed comes back with no fields.
struct StreamEntry {
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;
  const std::string* Field(std::string_view name) const;
};

// The envelope, or nullopt with `error` saying why the entry is unusable.
std::optional<v1::EventEnvelope> DecodeEntry(const StreamEntry& entry, std::string* error);

// Parses an XREAD/XREADGROUP/XRANGE style entry reply ([id, [f, v, ...]]).
StreamEntry ParseEntryReply(const redis::Reply& reply);

}  // namespace ansinh::events
