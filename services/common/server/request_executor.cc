#include "server/request_executor.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "server/redaction.h"
#include "server/status_mapping.h"

namespace ansinh::server {
namespace {

constexpr std::string_view kBearerPrefix = "Bearer ";

std::string_view MetadataValue(const grpc::ServerContextBase& context, std::string_view key) {
  const auto& metadata = context.client_metadata();
  auto found = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (found == metadata.end()) return {};
  return std::string_view(found->second.data(), found->second.size());
}

}  // namespace

std::string CorrelationIdOf(const grpc::ServerContextBase& context) {
  std::string_view given = MetadataValue(context, "x-correlation-id");
  if (!given.empty() && given.size() <= 128) return std::string(given);
  return events::NewEventId();
}

std::optional<std::string> BearerTokenOf(const grpc::ServerContextBase& context, grpc::Status* refusal) {
  // Two headers would leave it to the metadata map's order which token
  // speaks for the call: refuse rather than guess.
  if (context.client_metadata().count("authorization") > 1) {
    *refusal = KeyedStatus(grpc::StatusCode::UNAUTHENTICATED, "send one authorization header, not several",
                           "error.token.several");
    return std::nullopt;
  }
  std::string_view header = MetadataValue(context, "authorization");
  if (header.empty()) {
    *refusal =
        KeyedStatus(grpc::StatusCode::UNAUTHENTICATED,
                    "missing bearer token: send 'authorization: Bearer <token>'", "error.token.missing");
    return std::nullopt;
  }
  if (!header.starts_with(kBearerPrefix) || header.size() == kBearerPrefix.size()) {
    *refusal = KeyedStatus(grpc::StatusCode::UNAUTHENTICATED, "authorization must be 'Bearer <token>'",
                           "error.token.malformed");
    return std::nullopt;
  }
  return std::string(header.substr(kBearerPrefix.size()));
}

RequestExecutor::RequestExecutor(redis::RedisOptions redis_options, int threads, auth::TokenStore& tokens)
    : authenticator_(tokens), redis_options_(std::move(redis_options)) {
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
}

RequestExecutor::~RequestExecutor() { Shutdown(); }

void RequestExecutor::WorkerLoop(int index) {
  redis::RedisOptions options = redis_options_;
  options.client_name += "-w" + std::to_string(index);
  redis::Connection connection(std::move(options));
  while (true) {
    std::function<void(redis::Connection&)> work;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work(connection);
  }
}

void RequestExecutor::Submit(std::function<void(redis::Connection&)> work) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(work));
  }
  ready_.notify_one();
}

std::optional<v1::Actor> RequestExecutor::AuthenticateWith(redis::Connection& redis, std::string_view token,
                                                           grpc::Status* refusal) {
  try {
    std::optional<v1::Actor> actor = authenticator_.Authenticate(redis, token);
    if (!actor) {
      *refusal = KeyedStatus(grpc::StatusCode::UNAUTHENTICATED, "unknown, expired or revoked token",
                             "error.token.refused");
    }
    return actor;
  } catch (const redis::ConnectionError& error) {
    // The token may be perfectly good: tell the client to retry, not to log in again.
    spdlog::warn("cannot check a bearer token: {}", error.what());
    *refusal = KeyedStatus(grpc::StatusCode::UNAVAILABLE,
                           "cannot check the bearer token: the data store is unreachable; retry later",
                           "error.token.store_unreachable");
    return std::nullopt;
  }
}

void RequestExecutor::AuthenticateAsync(grpc::CallbackServerContext* context, AuthenticationDone done) {
  grpc::Status refusal;
  std::optional<std::string> token = BearerTokenOf(*context, &refusal);
  if (!token) {
    done(std::nullopt, std::move(refusal));
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      refusal = {grpc::StatusCode::UNAVAILABLE, "the service is shutting down"};
    } else {
      queue_.push_back([this, context, token = std::move(*token), done](redis::Connection& redis) mutable {
        grpc::Status status;
        std::optional<v1::Actor> actor;
        try {
          actor = AuthenticateWith(redis, token, &status);
          if (std::optional<grpc::Status> refused = actor ? refusals_.Take(context) : std::nullopt) {
            actor.reset();
            status = std::move(*refused);
          }
        } catch (...) {
          status = StatusFromCurrentException("authentication");
        }
        done(std::move(actor), std::move(status));
      });
    }
  }
  if (!refusal.ok()) {
    done(std::nullopt, std::move(refusal));
    return;
  }
  ready_.notify_one();
}

grpc::Status RequestExecutor::ReleaseResponse(const CallScope& call, const char* method,
                                              google::protobuf::Message& response) {
  RedactForReader(call.actor, response);
  // A change answers with what its author just changed, and the change is
  // already in the audit chain under their name; an auditor changes nothing
  // but checkpoints, and every read of theirs is recorded.
  if (call.actor.role() != v1::ROLE_AUDITOR && AnswersAChange(method)) return grpc::Status::OK;
  v1::PersonalDataRead read = MarkedFieldsCarried(response, RecordedMarksFor(call.actor));
  if (read.households().empty()) return grpc::Status::OK;
  read.set_rpc(method);
  if (!read_recorder_) {
    spdlog::error("{}: a read of personal data cannot be recorded (no recorder); refused", method);
    return KeyedStatus(grpc::StatusCode::INTERNAL,
                       "this service cannot record reads of personal data; nothing was disclosed",
                       "error.personal_data_read.unrecorded");
  }
  return read_recorder_(call, read);
}

grpc::ServerUnaryReactor* RequestExecutor::Handle(grpc::CallbackServerContext* context, const char* method,
                                                  google::protobuf::Message* response, Body body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  grpc::Status refusal;
  std::optional<std::string> token = BearerTokenOf(*context, &refusal);
  if (!token) {
    reactor->Finish(refusal);
    return reactor;
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      reactor->Finish({grpc::StatusCode::UNAVAILABLE, "the service is shutting down"});
      return reactor;
    }
  }
  std::string correlation_id = CorrelationIdOf(*context);
  Submit([this, context, reactor, method, response, body = std::move(body), token = std::move(*token),
          correlation_id = std::move(correlation_id)](redis::Connection& redis) {
    grpc::Status status;
    try {
      std::optional<v1::Actor> actor = AuthenticateWith(redis, token, &status);
      if (std::optional<grpc::Status> refused = actor ? refusals_.Take(context) : std::nullopt) {
        status = std::move(*refused);
      } else if (actor) {
        const CallScope call{*actor, correlation_id, redis};
        status = body(call);
        if (status.ok() && response != nullptr) status = ReleaseResponse(call, method, *response);
      }
    } catch (...) {
      status = StatusFromCurrentException(method);
    }
    // gRPC sends no message with an error status; cleared anyway so that
    // nothing unredacted outlives a refusal.
    if (!status.ok() && response != nullptr) response->Clear();
    reactor->Finish(status);
  });
  return reactor;
}

void RequestExecutor::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  workers_.clear();
}

}  // namespace ansinh::server
