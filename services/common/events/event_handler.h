#pragma once

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "events/written_keys.h"
#include "redis/redis_connection.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"

namespace ansinh::events {

// State a handler carries from one event to the next inside one transaction
// group (see ApplyContext): a value it read once under WATCH and keeps up to
// date as the group's events change it, because those changes are queued,
// not yet in Redis. Dropped whenever the group commits or retries.
class GroupState {
 public:
  virtual ~GroupState() = default;
  // Queues, once per group and after its last event, the writes that sum up
  // the group (a counter raised by the number of events, the last value of a
  // key every event sets), so a group of N events costs one command for
  // them, not N. Only state of events whose Apply returned may be in it: a
  // handler updates its carried state last, when nothing can throw.
  virtual void QueueGroupWrites(redis::Transaction& /*tx*/) {}
  // Runs once the group has committed, on the runner's connection (no WATCH
  // held): work that must follow the group's writes but may not share their
  // transaction, such as moving what the group put in an outbox of one slot
  // into a stream of another. It must not throw; what it leaves undone must
  // be finished by someone else (it runs again only after the next group).
  virtual void AfterCommit(redis::Connection& /*redis*/) {}
};

// What the runner keeps for one transaction group: several events of one
// stream batch applied in one MULTI/EXEC with their "applied" marks.
class ApplyGroup {
 public:
  // True when `key` was written by an event already in the group.
  bool Wrote(const std::string& key) const { return written_.contains(key); }
  // Records the keys `effects` writes (a group that fails is rebuilt from
  // scratch, so nothing is ever taken out).
  void AddWrites(const redis::Transaction& effects) {
    for (const redis::Args& command : effects.commands()) {
      for (std::string& key : WrittenKeys(command)) written_.insert(std::move(key));
    }
  }
  // Marks `key` watched; false when it already was in this group.
  bool MarkWatched(const std::string& key) { return watched_.insert(key).second; }
  bool empty() const { return written_.empty(); }
  std::unique_ptr<GroupState>& state() { return state_; }

 private:
  std::set<std::string> written_;
  std::set<std::string> watched_;
  std::unique_ptr<GroupState> state_;
};

// Thrown by ApplyContext::Watch when the event must read what an earlier event
// of its group wrote: the runner commits the group without it and applies it
// first in the next one. Deliberately not a std::exception, so a handler's
// catch of std::exception cannot swallow it.
struct GroupConflict {
  std::string key;
};

// What a consumer's handler gets for one event. Reads go through `redis`
// directly; every key read for a read-modify-write must be watched first
// (Watch) so that a concurrent writer makes the transaction retry instead of
// losing an update. Writes, including events the handler publishes in turn,
// are queued on `effects` and committed together with the group's "applied"
// mark, so an effect is never half done and never done twice.
//
// The runner commits several events in one transaction (a group). Redis
// still holds the state from before the group, so:
//  - Watch(key) on a key an earlier event of the group wrote ends the group
//    before this event (GroupConflict): the event is applied again, first in
//    a fresh group, and reads that write;
//  - WatchCarried(key) is for ward-wide keys every event changes (an audit
//    chain head, a round, the organizations' loads): the handler reads them
//    once per group and keeps their current value in Carried<T>() itself.
class ApplyContext {
 public:
  ApplyContext(const v1::EventEnvelope& event, std::string_view source, redis::Connection& redis,
               redis::Transaction& effects, ApplyGroup& group, const v1::EventEnvelope* stored = nullptr)
      : event_(event), stored_(stored), source_(source), redis_(redis), effects_(effects), group_(group) {}

  // The event with its personal fields opened when the consumer holds the
  // household's data key (ConsumerRunner::SetOpener).
  const v1::EventEnvelope& event() const { return event_; }
  // The event exactly as published (sealed), for what must keep the stored
  // bytes: the audit chain.
  const v1::EventEnvelope& stored_event() const { return stored_ != nullptr ? *stored_ : event_; }
  // The publishing service ("registry", ...), from the stream name.
  std::string_view source() const { return source_; }
  redis::Connection& redis() { return redis_; }
  redis::Transaction& effects() { return effects_; }
  void Watch(const std::string& key) {
    if (!group_.empty() && group_.Wrote(key)) throw GroupConflict{key};
    if (group_.MarkWatched(key)) redis_.Command({"WATCH", key});
  }
  // Watch for each of `keys`, then `reads`, in one round trip (a handler's
  // usual start costs one round trip instead of one per key and read).
  // Returns the replies of `reads`, in order.
  std::vector<redis::Reply> WatchAndRead(const std::vector<std::string>& keys,
                                         std::vector<redis::Args> reads) {
    for (const std::string& key : keys) {
      if (!group_.empty() && group_.Wrote(key)) throw GroupConflict{key};
    }
    redis::Args watch{"WATCH"};
    for (const std::string& key : keys) {
      if (group_.MarkWatched(key)) watch.push_back(key);
    }
    const bool watching = watch.size() > 1;
    if (watching) reads.insert(reads.begin(), std::move(watch));
    std::vector<redis::Reply> replies = redis_.Pipeline(reads);
    if (watching) {
      if (replies.front().IsError()) throw redis::ReplyError(replies.front().str);
      replies.erase(replies.begin());
    }
    return replies;
  }
  // Watches `key` without the conflict rule; the handler reads it when its
  // carried state lacks it and keeps it current from then on.
  void WatchCarried(const std::string& key) {
    if (group_.MarkWatched(key)) redis_.Command({"WATCH", key});
  }
  // The handler's carried state for this group, created on first use.
  template <typename State>
  State& Carried() {
    std::unique_ptr<GroupState>& slot = group_.state();
    if (!slot) slot = std::make_unique<State>();
    return static_cast<State&>(*slot);
  }

 private:
  const v1::EventEnvelope& event_;
  const v1::EventEnvelope* stored_;
  std::string_view source_;
  redis::Connection& redis_;
  redis::Transaction& effects_;
  ApplyGroup& group_;
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
