#include "assignment/adapters/directory_mutation.h"

#include <functional>

#include "assignment/adapters/decided_commit.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/adapters/helper_claims.h"
#include "assignment/core/directory_operations.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {
namespace {

void QueueSave(redis::Transaction& tx, const OrganizationChange& change) {
  QueueSaveOrganization(tx, change.organization);
}

void QueueSave(redis::Transaction& tx, const HelperChange& change) { QueueSaveHelper(tx, change.helper); }

template <typename Change>
grpc::Status Mutate(redis::Connection& redis, const AssignmentEnvironment& environment,
                    const events::EventContext& event_context, const std::string& helper_id,
                    const std::function<Result<Change>(const OperationContext&)>& decide, Change* result) {
  environment.seeder.EnsureSeeded();
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    // The directory and the claims of the helper changed (one slot, the
    // directory's): a case change that raises its load claims it first, so
    // the load read below counts it, or this transaction aborts.
    redis::Args watch = DirectoryWatchCommand();
    if (!helper_id.empty()) watch.push_back(AssignmentKeys::HelperClaims(helper_id));
    redis.Command(watch);
    DirectorySnapshot snapshot = ReadDirectorySnapshot(redis, environment.keys);
    if (!helper_id.empty()) {
      if (const int claimed = UncommittedClaims(redis, environment.keys, helper_id); claimed > 0) {
        snapshot.loads.open_cases_by_helper[helper_id] += claimed;
      }
    }
    const OperationContext context{snapshot.directory, snapshot.loads, environment.settings,
                                   event_context.actor, WhenNow(environment.clock)};
    const auto save = [](redis::Transaction& tx, const Change& decided) { QueueSave(tx, decided); };
    if (std::optional<grpc::Status> done =
            CommitDecision(redis, environment, event_context, decide(context), save, result)) {
      return *done;
    }
  }
  return {grpc::StatusCode::ABORTED, "the directory is being changed by others right now; try again"};
}

}  // namespace

grpc::Status StoreOrganizationUpsert(redis::Connection& redis, const AssignmentEnvironment& environment,
                                     const events::EventContext& event_context,
                                     const v1::UpsertOrganizationRequest& request,
                                     v1::UpsertOrganizationResponse* response) {
  OrganizationChange change;
  grpc::Status status = Mutate<OrganizationChange>(
      redis, environment, event_context, "",
      [&](const OperationContext& context) { return UpsertOrganization(request, context); }, &change);
  if (!status.ok()) return status;
  *response->mutable_organization() = std::move(change.organization);
  response->set_created(change.created);
  return grpc::Status::OK;
}

grpc::Status StoreHelperUpsert(redis::Connection& redis, const AssignmentEnvironment& environment,
                               const events::EventContext& event_context,
                               const v1::UpsertHelperRequest& request, v1::UpsertHelperResponse* response) {
  HelperChange change;
  grpc::Status status = Mutate<HelperChange>(
      redis, environment, event_context, request.helper().id(),
      [&](const OperationContext& context) { return UpsertHelper(request, context); }, &change);
  if (!status.ok()) return status;
  *response->mutable_helper() = std::move(change.helper);
  response->set_created(change.created);
  return grpc::Status::OK;
}

}  // namespace ansinh::assignment
