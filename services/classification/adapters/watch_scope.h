#pragma once

#include "redis/redis_connection.h"
#include "redis/redis_error.h"

namespace ansinh::classification {

// Ends a read-modify-write on a worker's connection: drops its WATCHes when
// the scope closes, so a refusal or an exception between WATCH and EXEC never
// leaves them to abort the next request served on the same connection. (After
// an EXEC the UNWATCH is a no-op.)
class WatchScope {
 public:
  explicit WatchScope(redis::Connection& redis) : redis_(redis) {}
  ~WatchScope() {
    if (!redis_.connected()) return;
    try {
      redis_.Command({"UNWATCH"});
    } catch (const redis::RedisError&) {
      // The connection broke: it is discarded, and its WATCHes with it.
    }
  }
  WatchScope(const WatchScope&) = delete;
  WatchScope& operator=(const WatchScope&) = delete;

 private:
  redis::Connection& redis_;
};

}  // namespace ansinh::classification
