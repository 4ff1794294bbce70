#include "monitoring/adapters/dead_letters.h"

#include <charconv>
#include <chrono>

#include "events/envelope_codec.h"
#include "events/stream_names.h"
#include "kernel/ward_clock.h"

namespace ansinh::monitoring {
namespace {

// A stream entry id is "<milliseconds since the epoch>-<n>".
CivilDate DateOfEntryId(const std::string& entry_id) {
  long long milliseconds = 0;
  std::from_chars(entry_id.data(), entry_id.data() + entry_id.size(), milliseconds);
  return WardDateOf(std::chrono::system_clock::time_point(std::chrono::milliseconds(milliseconds)));
}

std::string FieldOr(const events::StreamEntry& entry, std::string_view name,
                    const std::string& fallback = "") {
  const std::string* value = entry.Field(name);
  return value == nullptr ? fallback : *value;
}

// "household/HH-000123" or "household-status/HH-000123" -> "HH-000123":
// the aggregates whose id is a household id.
std::string HouseholdOfAggregate(const std::string& aggregate) {
  for (std::string_view prefix : {"household/", "household-status/"}) {
    if (aggregate.starts_with(prefix)) return aggregate.substr(prefix.size());
  }
  return "";
}

}  // namespace

std::vector<DeadLetteredEvent> LoadDeadLetters(redis::Connection& redis) {
  std::vector<DeadLetteredEvent> dead_letters;
  for (std::string_view group : kWatchedConsumerGroups) {
    const std::string stream = events::DeadLetterStream(group);
    redis::Reply reply = redis.Command({"XRANGE", stream, "-", "+"});
    for (const redis::Reply& item : reply.elements) {
      const events::StreamEntry entry = events::ParseEntryReply(item);
      DeadLetteredEvent dead_letter;
      dead_letter.stream = FieldOr(entry, "stream", stream);
      dead_letter.event_type = FieldOr(entry, "type", "(unknown type)");
      dead_letter.household_id = HouseholdOfAggregate(FieldOr(entry, "aggregate"));
      dead_letter.reason = std::string(group) + " gave up after " + FieldOr(entry, "deliveries", "?") +
                           " deliveries: " + FieldOr(entry, "reason", "no reason recorded") + " (entry " +
                           entry.id + " of " + stream + ")";
      dead_letter.dead_lettered_on = DateOfEntryId(entry.id);
      // The original entry's envelope, when it decodes, names the event.
      std::string error;
      if (const std::optional<v1::EventEnvelope> envelope = events::DecodeEntry(entry, &error)) {
        dead_letter.event_id = envelope->event_id();
        dead_letter.event_type = envelope->event_type();
        if (!envelope->household_id().empty()) dead_letter.household_id = envelope->household_id();
      } else {
        dead_letter.event_id = "entry " + FieldOr(entry, "id", entry.id);
      }
      dead_letters.push_back(std::move(dead_letter));
    }
  }
  return dead_letters;
}

}  // namespace ansinh::monitoring
