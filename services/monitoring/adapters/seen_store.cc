#include "monitoring/adapters/seen_store.h"

#include <map>

#include "events/envelope_codec.h"
#include "monitoring/adapters/monitoring_keys.h"

namespace ansinh::monitoring {
namespace {

// How far back GetSeen looks in a stream for the entry ids of the events it
// shows: the consumer keeps up with the stream, so the last events it applied
// are among the stream's newest entries.
constexpr int kEntryIdWindow = 1000;

}  // namespace

void SeenStore::QueueSeen(redis::Transaction& tx, const std::string& event_stream,
                          const std::vector<v1::SeenEvent>& seen) {
  if (seen.empty()) return;
  const std::string last = MonitoringKeys::SeenLast(event_stream);
  tx.Add({"INCRBY", MonitoringKeys::SeenCount(event_stream), std::to_string(seen.size())});
  // LPUSH puts each argument at the head in turn, so the newest ends first;
  // older ones than the kept number would be trimmed at once.
  const std::size_t kept = static_cast<std::size_t>(MonitoringKeys::kSeenKept);
  redis::Args push{"LPUSH", last};
  for (std::size_t i = seen.size() > kept ? seen.size() - kept : 0; i < seen.size(); ++i) {
    push.push_back(seen[i].SerializeAsString());
  }
  tx.Add(std::move(push));
  tx.Add({"LTRIM", last, "0", std::to_string(kept - 1)});
}

v1::SeenStream SeenStore::Load(const std::string& event_stream, int last_events) {
  std::vector<redis::Reply> replies = redis_.Pipeline(
      {{"GET", MonitoringKeys::SeenCount(event_stream)},
       {"LRANGE", MonitoringKeys::SeenLast(event_stream), "0", std::to_string(last_events - 1)}});
  v1::SeenStream seen;
  seen.set_stream(event_stream);
  if (replies[0].type == redis::Reply::Type::kString) {
    seen.set_events_consumed(std::stoull(replies[0].str));
  }
  for (const redis::Reply& item : replies[1].elements) {
    v1::SeenEvent event;
    if (event.ParseFromString(item.str)) *seen.add_last_events() = std::move(event);
  }
  if (seen.last_events_size() > 0) FillStreamEntryIds(event_stream, seen);
  return seen;
}

void SeenStore::FillStreamEntryIds(const std::string& event_stream, v1::SeenStream& seen) {
  redis::Reply reply =
      redis_.Command({"XREVRANGE", event_stream, "+", "-", "COUNT", std::to_string(kEntryIdWindow)});
  std::map<std::string, std::string> entry_ids;  // event id -> stream entry id
  for (const redis::Reply& item : reply.elements) {
    const events::StreamEntry entry = events::ParseEntryReply(item);
    std::string error;
    if (auto envelope = events::DecodeEntry(entry, &error)) {
      entry_ids.emplace(envelope->event_id(), entry.id);
    }
  }
  for (v1::SeenEvent& event : *seen.mutable_last_events()) {
    if (auto found = entry_ids.find(event.event_id()); found != entry_ids.end()) {
      event.set_stream_entry_id(found->second);
    }
  }
}

}  // namespace ansinh::monitoring
