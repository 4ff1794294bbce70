#pragma once

#include <string>
#include <string_view>

#include "ansinh/v1/envelope.pb.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::events {

// What a consumer's handler gets for one event. Reads go through `redis`
// directly; every key read for a read-modify-write must be watched first
// (Watch) so that a concurrent writer makes the transaction retry instead of
// losing an update. Writes, including events the handler publishes in turn,
// are queued on `effects` and committed together with the group's "applied"
// mark, so an effect is never half done and never done twice.
class ApplyContext {
 public:
  ApplyContext(const v1::EventEnvelope& event, std::string_view source, redis::Connection& redis,
               redis::Transaction& effects)
      : event_(event), source_(source), redis_(redis), effects_(effects) {}

  const v1::EventEnvelope& event() const { return event_; }
  // The publishing service ("registry", ...), from the stream name.
  std::string_view source() const { return source_; }
  redis::Connection& redis() { return redis_; }
  redis::Transaction& effects() { return effects_; }
  void Watch(const std::string& key) { redis_.Command({"WATCH", key}); }

 private:
  const v1::EventEnvelope& event_;
  std::string_view source_;
  redis::Connection& redis_;
  redis::Transaction& effects_;
};

// Thrown by a handler for an event it can never apply (a payload of the wrong
// type, a reference to something that does not exist). It counts as a failed
// delivery like any other exception, and says why in the dead-letter entry.
class PoisonEvent : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  // Queues the effect of ctx.event() on ctx.effects(). Events of types the
  // handler does not care about are simply ignored (they are still marked
  // applied). Throws on failure; redis::ConnectionError means "try later".
  virtual void Apply(ApplyContext& ctx) = 0;
};

}  // namespace ansinh::events
