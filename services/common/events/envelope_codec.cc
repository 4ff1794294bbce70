#include "events/envelope_codec.h"

#include <google/protobuf/util/time_util.h>

#include <array>
#include <cstdio>
#include <random>

namespace ansinh::events {

EventContext EventContext::CausedBy(const v1::EventEnvelope& cause, v1::Actor service_actor) {
  EventContext context;
  context.actor = std::move(service_actor);
  context.correlation_id = cause.correlation_id().empty() ? cause.event_id() : cause.correlation_id();
  context.causation_id = cause.event_id();
  return context;
}

std::string NewEventId() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < bytes.size(); i += 8) {
    uint64_t word = engine();
    for (size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<uint8_t>(word >> (8 * j));
  }
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof(text), "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
  return text;
}

v1::EventEnvelope MakeEnvelope(const EventContext& context, const EventIdentity& identity,
                               const google::protobuf::Message& payload) {
  v1::EventEnvelope envelope;
  envelope.set_event_id(NewEventId());
  envelope.set_event_type(identity.event_type);
  envelope.set_aggregate_type(identity.aggregate_type);
  envelope.set_aggregate_id(identity.aggregate_id);
  envelope.set_aggregate_version(identity.aggregate_version);
  envelope.set_household_id(identity.household_id);
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  *envelope.mutable_actor() = context.actor;
  envelope.set_correlation_id(context.correlation_id.empty() ? envelope.event_id() : context.correlation_id);
  envelope.set_causation_id(context.causation_id);
  envelope.mutable_payload()->PackFrom(payload);
  return envelope;
}

redis::Args XAddCommand(const std::string& stream, const v1::EventEnvelope& envelope) {
  std::string bytes;
  envelope.SerializeToString(&bytes);
  return {"XADD",
          stream,
          "*",
          "type",
          envelope.event_type(),
          "aggregate",
          envelope.aggregate_type() + "/" + envelope.aggregate_id(),
          "envelope",
          std::move(bytes)};
}

const std::string* StreamEntry::Field(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::optional<v1::EventEnvelope> DecodeEntry(const StreamEntry& entry, std::string* error) {
  if (entry.fields.empty()) {
    *error = "entry " + entry.id + " has no fields (trimmed from the stream)";
    return std::nullopt;
  }
  const std::string* bytes = entry.Field("envelope");
  if (bytes == nullptr) {
    *error = "entry " + entry.id + " has no 'envelope' field";
    return std::nullopt;
  }
  v1::EventEnvelope envelope;
  if (!envelope.ParseFromString(*bytes)) {
    *error = "entry " + entry.id + ": 'envelope' is not a valid EventEnvelope";
    return std::nullopt;
  }
  if (envelope.event_id().empty() || envelope.event_type().empty() || envelope.aggregate_id().empty() ||
      envelope.aggregate_version() == 0) {
    *error = "entry " + entry.id + ": envelope lacks event_id, event_type, aggregate_id or version";
    return std::nullopt;
  }
  return envelope;
}

StreamEntry ParseEntryReply(const redis::Reply& reply) {
  StreamEntry entry;
  if (!reply.IsArray() || reply.elements.empty()) return entry;
  entry.id = reply.elements[0].str;
  if (reply.elements.size() < 2 || !reply.elements[1].IsArray()) return entry;
  const auto& pairs = reply.elements[1].elements;
  for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
    entry.fields.emplace_back(pairs[i].str, pairs[i + 1].str);
  }
  return entry;
}

}  // namespace ansinh::events
