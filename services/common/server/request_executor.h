#pragma once

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "auth/token_store.h"
#include "redis/redis_connection.h"

namespace ansinh::server {

// What a handler knows about the call it serves.
struct CallScope {
  const v1::Actor& actor;       // from the bearer token; the actor of every event
  const std::string& correlation_id;  // from "x-correlation-id" metadata or new
  redis::Connection& redis;     // this worker thread's own connection
};

// Runs RPC bodies off the gRPC callback threads (which must never block) on a
// fixed pool of workers, each owning one Redis connection. Also the
// authentication gate: a call without a valid bearer token is refused with
// UNAUTHENTICATED before any work is queued.
class RequestExecutor {
 public:
  using Body = std::function<grpc::Status(const CallScope&)>;

  RequestExecutor(redis::RedisOptions redis_options, int threads, auth::TokenStore& tokens);
  ~RequestExecutor();

  // Authenticates, then runs `body` on a worker and finishes the reactor with
  // its status. Exceptions from `body` become statuses
  // (StatusFromCurrentException); `method` names the call in logs.
  grpc::ServerUnaryReactor* Handle(grpc::CallbackServerContext* context, const char* method,
                                   Body body);
  // Same, for bodies that finish the call themselves (streaming reactors):
  // returns the principal or nullopt after setting *refusal.
  std::optional<v1::Actor> Authenticate(grpc::CallbackServerContext* context,
                                        grpc::Status* refusal);
  // Runs work on a worker with its connection (for streaming reactors).
  void Submit(std::function<void(redis::Connection&)> work);

  // Stops taking work, finishes what is queued, joins the workers.
  void Shutdown();

 private:
  void WorkerLoop(int index);

  auth::TokenStore& tokens_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void(redis::Connection&)>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  redis::RedisOptions redis_options_;
};

std::string CorrelationIdOf(const grpc::ServerContextBase& context);

}  // namespace ansinh::server
