#pragma once

// The end of one attempt of a ward-wide write under WATCH (the directory's
// organizations and helpers, livelihood models, emergencies): the core's
// decision committed with its events, or answered without writing.

#include <grpcpp/grpcpp.h>

#include <optional>
#include <utility>

#include "assignment/adapters/assignment_environment.h"
#include "assignment/adapters/event_publishing.h"
#include "kernel/result.h"
#include "redis/redis_connection.h"
#include "redis/redis_error.h"
#include "redis/transaction.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {

// A refusal is answered (the WATCH dropped); a change that publishes nothing
// (a repeat) is answered without writing; any other is stored by `save` with
// its events in one transaction. nullopt when that transaction aborted
// because something watched changed: the caller reads and decides again.
template <typename Change, typename Save>
std::optional<grpc::Status> CommitDecision(redis::Connection& redis, const AssignmentEnvironment& environment,
                                           const events::EventContext& event_context, Result<Change> change,
                                           const Save& save, Change* result) {
  if (!change.ok()) {
    redis.Command({"UNWATCH"});
    return server::ToStatus(change.error());
  }
  if (change.value().events.empty()) {
    redis.Command({"UNWATCH"});
    *result = std::move(change).value();
    return grpc::Status::OK;
  }
  redis::Transaction tx;
  save(tx, change.value());
  QueueEvents(tx, environment.publisher, event_context, change.value().events);
  try {
    tx.Exec(redis);
  } catch (const redis::TransactionAborted&) {
    return std::nullopt;
  }
  *result = std::move(change).value();
  return grpc::Status::OK;
}

}  // namespace ansinh::assignment
