#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "assignment/adapters/assignment_environment.h"
#include "redis/redis_connection.h"

namespace ansinh::assignment {

// The timer that ends follow-up: every `interval` it reads the cases in
// follow-up and closes, through the core (CloseIfFollowUpEnded), each whose
// period has ended by the clock's today, publishing CaseClosed with the
// service as actor. A thread of its own, apart from the consumers: main()
// starts it before ServiceHost::Run() and stops it after Run() returns.
// Several replicas may run it at once: each close is a WATCHed transaction
// and a case already closed is left alone.
class FollowUpCloser {
 public:
  FollowUpCloser(redis::RedisOptions options, const AssignmentEnvironment& environment,
                 std::chrono::seconds interval);
  ~FollowUpCloser();
  FollowUpCloser(const FollowUpCloser&) = delete;
  FollowUpCloser& operator=(const FollowUpCloser&) = delete;

  void Start();
  // Wakes the thread and joins it; a pass in progress finishes first.
  void Stop();

  // One pass; returns how many cases it closed. Throws redis errors.
  int CloseEndedFollowUps();

 private:
  void Loop();

  redis::Connection redis_;
  const AssignmentEnvironment& environment_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ansinh::assignment
