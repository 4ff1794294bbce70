#include "assignment/adapters/case_mutation.h"

#include "assignment/adapters/case_store.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/adapters/event_publishing.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {
grpc::Status MutateCase(redis::Connection& redis, const AssignmentEnvironment& environment,
                        std::string_view case_id, const events::EventContext& event_context,
                        const CaseTransform& transform, CaseChange* result) {
  const std::optional<std::string> household_id = HouseholdOfCaseId(case_id);
  if (!household_id) {
    return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                               "case " + std::string(case_id) + " does not exist", "error.case.not_found",
                               {{"case", std::string(case_id)}});
  }
  environment.seeder.EnsureSeeded();
  CaseStore store(redis, environment.keys);
  const std::string case_key = environment.keys.Case(*household_id, case_id);
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    // WATCH, the case and the directory in one round trip: what a staff
    // operation costs is mostly round trips, and this is the busiest path.
    redis::Args watch = DirectoryWatchCommand();
    watch.push_back(case_key);
    std::vector<redis::Args> reads{std::move(watch), {"GET", case_key}};
    for (redis::Args& command : DirectorySnapshotCommands()) reads.push_back(std::move(command));
    const std::vector<redis::Reply> replies = redis.Pipeline(reads);
    if (replies.at(0).IsError()) throw redis::ReplyError(replies[0].str);
    std::optional<v1::Case> current = ParseStoredCase(replies.at(1));
    if (!current) {
      redis.Command({"UNWATCH"});
      return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                                 "case " + std::string(case_id) + " does not exist", "error.case.not_found",
                                 {{"case", std::string(case_id)}});
    }
    const DirectorySnapshot snapshot = ParseDirectorySnapshot(std::span(replies).subspan(2));
    const OperationContext context{snapshot.directory, snapshot.loads, environment.settings,
                                   event_context.actor, WhenNow(environment.clock)};
    Result<CaseChange> change = transform(*current, context);
    if (!change.ok()) {
      redis.Command({"UNWATCH"});
      return server::ToStatus(change.error());
    }
    if (!change.value().changed()) {
      redis.Command({"UNWATCH"});
      *result = std::move(change).value();
      return grpc::Status::OK;
    }
    redis::Transaction tx;
    store.QueueSave(tx, &*current, change.value().updated_case);
    QueueEvents(tx, environment.publisher, event_context, change.value().events);
    try {
      tx.Exec(redis);
    } catch (const redis::TransactionAborted&) {
      continue;
    }
    *result = std::move(change).value();
    return grpc::Status::OK;
  }
  return server::KeyedStatus(
      grpc::StatusCode::ABORTED,
      "case " + std::string(case_id) + " is being changed by others right now; try again", "error.case.busy",
      {{"case", std::string(case_id)}});
}

}  // namespace ansinh::assignment
