#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "kernel/ward_clock.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "monitoring/adapters/tree_head_key.h"
#include "redis/redis_connection.h"

namespace ansinh::monitoring {

// Issues an audit checkpoint periodically (flag --checkpoint-interval-seconds),
// as the monitoring service itself (role service), so an auditor always finds
// a recent one to write down. A checkpoint is issued only when the chain grew
// since the last one, and never over a chain that does not verify: that is
// logged as an error for the operators instead. With a signing key, it also
// signs a tree head over the log when it grew (beyond the latest head's own
// record), so auditors always find a recent one.
class CheckpointScheduler {
 public:
  CheckpointScheduler(redis::RedisOptions redis_options, const MonitoringKeys& keys,
                      std::chrono::seconds interval, WardClock clock, const TreeHeadKey* tree_head_key);
  ~CheckpointScheduler();

  void Start();
  void Stop();
  // One round, for tests and the thread: issues a checkpoint when due.
  // Returns true when one was issued.
  bool IssueIfGrown();
  // Signs a tree head when the log grew; true when one was signed.
  bool SignHeadIfGrown();

 private:
  void Loop();

  redis::Connection redis_;
  const MonitoringKeys& keys_;
  std::chrono::seconds interval_;
  // When a checkpoint is issued.
  WardClock clock_;
  const TreeHeadKey* tree_head_key_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ansinh::monitoring
