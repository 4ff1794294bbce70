#pragma once

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <google/protobuf/message.h>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/field_options.pb.h"
#include "auth/authenticator.h"
#include "auth/token_store.h"
#include "redis/redis_connection.h"
#include "server/request_guard.h"

namespace ansinh::server {

// What a handler knows about the call it serves.
struct CallScope {
  const v1::Actor& actor;             // from the bearer token; the actor of every event
  const std::string& correlation_id;  // from "x-correlation-id" metadata or new
  redis::Connection& redis;           // this worker thread's own connection
};

// Runs RPC bodies off the gRPC callback threads (which must never block) on a
// fixed pool of workers, each owning one Redis connection. Also the
// authentication gate: a call without an "authorization: Bearer ..." header
// is refused on the callback thread; the token itself is looked up on the
// worker, before the body runs (auth::Authenticator: bootstrap file, tokens
// issued in Redis, revocations, a cache of at most 2 s). Unknown, expired or
// revoked tokens get UNAUTHENTICATED (the message never repeats the token);
// Redis unreachable during the lookup gets UNAVAILABLE.
class RequestExecutor {
 public:
  using Body = std::function<grpc::Status(const CallScope&)>;
  // Called with the principal, or with nullopt and the refusal status.
  using AuthenticationDone = std::function<void(std::optional<v1::Actor> actor, grpc::Status refusal)>;
  // Records, before the response leaves, that the caller received the marked
  // fields `read` names (read.rpc is the method); a status other than OK fails
  // the call instead, so a read that cannot be recorded does not happen.
  using PersonalDataReadRecorder =
      std::function<grpc::Status(const CallScope&, const v1::PersonalDataRead& read)>;

  RequestExecutor(redis::RedisOptions redis_options, int threads, auth::TokenStore& tokens);
  ~RequestExecutor();

  // Authenticates and runs `body` on a worker, then finishes the reactor with
  // its status; a request the guard refused (refusals(): a field past its
  // limit) gets that refusal instead of `body`. Exceptions from `body` become statuses
  // (StatusFromCurrentException); `method` names the call in logs and in the
  // personal-data read log. Before an OK `response` leaves, every marked
  // field the caller may not receive is cleared (server/redaction.h), and when
  // the response still carries fields whose read is recorded for the caller
  // (RecordedMarksFor: every marked field for auditors, the sensitive ones
  // for everyone else), the recorder records the read; a service without a
  // recorder then refuses the call (INTERNAL) rather than disclose unrecorded.
  grpc::ServerUnaryReactor* Handle(grpc::CallbackServerContext* context, const char* method,
                                   google::protobuf::Message* response, Body body);
  // For calls that finish themselves (streaming reactors): authenticates on a
  // worker and calls `done` there (or at once, on the calling thread, when
  // the header is missing or malformed, or the executor is stopping). A
  // server-streaming request the guard refused is refused here. The reactor
  // should start reading only from `done`.
  void AuthenticateAsync(grpc::CallbackServerContext* context, AuthenticationDone done);
  auth::Authenticator& authenticator() { return authenticator_; }
  // Set once by main.cc before the server starts.
  void SetPersonalDataReadRecorder(PersonalDataReadRecorder recorder) {
    read_recorder_ = std::move(recorder);
  }
  // What the request guard refused (server/request_guard.h), taken once the
  // caller is authenticated.
  RequestRefusals& refusals() { return refusals_; }
  // Runs work on a worker with its connection (for streaming reactors).
  void Submit(std::function<void(redis::Connection&)> work);

  // Stops taking work, finishes what is queued, joins the workers.
  void Shutdown();

 private:
  void WorkerLoop(int index);
  // The principal for `token`, or nullopt with *refusal set (UNAUTHENTICATED,
  // or UNAVAILABLE when Redis cannot be asked).
  std::optional<v1::Actor> AuthenticateWith(redis::Connection& redis, std::string_view token,
                                            grpc::Status* refusal);
  // The field policy on an OK response: redaction, then the read record.
  grpc::Status ReleaseResponse(const CallScope& call, const char* method,
                               google::protobuf::Message& response);

  auth::Authenticator authenticator_;
  RequestRefusals refusals_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void(redis::Connection&)>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  redis::RedisOptions redis_options_;
  PersonalDataReadRecorder read_recorder_;
};

std::string CorrelationIdOf(const grpc::ServerContextBase& context);

// The bearer token of a call, or nullopt with *refusal set (UNAUTHENTICATED)
// when the authorization header is missing or not "Bearer <token>".
std::optional<std::string> BearerTokenOf(const grpc::ServerContextBase& context, grpc::Status* refusal);

}  // namespace ansinh::server
