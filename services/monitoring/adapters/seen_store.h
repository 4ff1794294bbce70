#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// What monitoring consumed, per event stream: a counter and the last
// MonitoringKeys::kSeenKept events, both written in the consumer's
// transaction, so they count each event exactly once.
class SeenStore {
 public:
  explicit SeenStore(redis::Connection& redis) : redis_(redis) {}

  // Counts `seen` (in the order consumed) and keeps the newest of them.
  static void QueueSeen(redis::Transaction& tx, const std::string& event_stream,
                        const std::vector<v1::SeenEvent>& seen);
  // The stream's count and its last `last_events` events, newest first, with
  // their stream entry ids looked up in the stream's recent entries (an id is
  // left empty when the entry is older than that window or was trimmed).
  v1::SeenStream Load(const std::string& event_stream, int last_events);

 private:
  void FillStreamEntryIds(const std::string& event_stream, v1::SeenStream& seen);

  redis::Connection& redis_;
};

}  // namespace ansinh::monitoring
