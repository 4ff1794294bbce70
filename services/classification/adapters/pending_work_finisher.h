#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "classification/adapters/classification_environment.h"
#include "redis/redis_connection.h"

namespace ansinh::classification {

// Finishes work an RPC or the consumer started and could not complete (the
// process stopped, Redis went away, a relay lost its races): an opening not
// yet written in every slot and the surveys still to pull into a newly opened
// round (RoundBackfill), round events still waiting in the partitions'
// outboxes (RoundEventRelay), partitions an approval that stopped left closed
// (ApprovalHold::ReopenAbandoned), an approval committed in its round's slot
// but not yet in the catalogue, and official statuses still to write after
// an approval (ApprovalApplier). Runs at start-up and then every `interval`
// on a thread of its own; main() starts it before ServiceHost::Run() and
// stops it after. Every kind of work is idempotent, so it may race an RPC
// doing the same.
class PendingWorkFinisher {
 public:
  PendingWorkFinisher(redis::RedisOptions options, const ClassificationEnvironment& environment,
                      std::chrono::seconds interval);
  ~PendingWorkFinisher();
  PendingWorkFinisher(const PendingWorkFinisher&) = delete;
  PendingWorkFinisher& operator=(const PendingWorkFinisher&) = delete;

  void Start();
  // Wakes the thread and joins it; a pass in progress finishes first.
  void Stop();

  // One pass over every pending round. Throws redis errors.
  void FinishPendingWork();

 private:
  void Loop();

  redis::Connection redis_;
  const ClassificationEnvironment& environment_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ansinh::classification
