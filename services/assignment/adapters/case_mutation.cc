#include "assignment/adapters/case_mutation.h"

#include "assignment/adapters/case_store.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/adapters/event_publishing.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {
namespace {

// Reads of a few entries before the operation reads the whole directory.
constexpr int kMaxEntryReads = 3;

DirectoryEntries EntriesTouchedBy(const v1::Case& current, const v1::Actor& actor) {
  DirectoryEntries entries;
  for (const std::string* id : {&current.organization_id(), &current.pending_transfer().to_organization_id(),
                                &actor.organization_id()}) {
    if (!id->empty()) entries.organizations.insert(*id);
  }
  if (!current.helper_id().empty()) entries.helpers.insert(current.helper_id());
  return entries;
}

}  // namespace

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
    const std::vector<redis::Reply> replies = redis.Pipeline({{"WATCH", case_key}, {"GET", case_key}});
    if (replies.at(0).IsError()) throw redis::ReplyError(replies[0].str);
    std::optional<v1::Case> current = ParseStoredCase(replies.at(1));
    if (!current) {
      redis.Command({"UNWATCH"});
      return server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                                 "case " + std::string(case_id) + " does not exist", "error.case.not_found",
                                 {{"case", std::string(case_id)}});
    }
    // Only the organizations and helpers the operation touches are read and
    // WATCHed, not a province's directory; when the core asks for another
    // one it is read too and the core asked again (Directory::Partial).
    DirectoryEntries entries = EntriesTouchedBy(*current, event_context.actor);
    std::optional<Result<CaseChange>> decided;
    for (int reads = 0;; ++reads) {
      const bool whole = reads >= kMaxEntryReads;
      if (whole) redis.Command(DirectoryWatchCommand());
      const DirectorySnapshot snapshot =
          whole ? ReadDirectorySnapshot(redis) : WatchAndReadEntries(redis, entries);
      const OperationContext context{snapshot.directory, snapshot.loads, environment.settings,
                                     event_context.actor, WhenNow(environment.clock)};
      decided.emplace(transform(*current, context));
      if (snapshot.directory.complete()) break;
      if (snapshot.directory.walked()) reads = kMaxEntryReads - 1;  // it needs them all
      entries.organizations.insert(snapshot.directory.missed_organizations().begin(),
                                   snapshot.directory.missed_organizations().end());
      entries.helpers.insert(snapshot.directory.missed_helpers().begin(),
                             snapshot.directory.missed_helpers().end());
    }
    Result<CaseChange>& change = *decided;
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
