#include "assignment/adapters/ward_record_mutation.h"

#include <charconv>
#include <functional>

#include "assignment/adapters/decided_commit.h"
#include "assignment/adapters/livelihood_store.h"
#include "assignment/core/emergencies.h"
#include "assignment/core/livelihood_models.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {
namespace {

// The organizations of the directory (a model must name one); no helpers,
// no loads.
Directory ReadOrganizationsOnly(redis::Connection& redis) {
  const redis::Reply reply = redis.Command({"HGETALL", AssignmentKeys::Organizations()});
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  std::vector<v1::Organization> organizations;
  for (std::size_t i = 1; i < reply.elements.size(); i += 2) {
    v1::Organization organization;
    if (!organization.ParseFromString(reply.elements[i].str)) {
      throw redis::ReplyError("stored organization " + reply.elements[i - 1].str + " is corrupt");
    }
    organizations.push_back(std::move(organization));
  }
  return Directory(std::move(organizations), {});
}

std::uint64_t ReadCounter(redis::Connection& redis, const std::string& key) {
  const redis::Reply reply = redis.Command({"GET", key});
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  if (reply.IsNil()) return 0;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(reply.str.data(), reply.str.data() + reply.str.size(), value);
  if (error != std::errc() || end != reply.str.data() + reply.str.size()) {
    throw redis::ReplyError("counter " + key + " is not a number: " + reply.str);
  }
  return value;
}

// One attempt's decision: what to store, or the refusal. `watch` has been
// sent; `decide` reads under it.
template <typename Change>
using Decide = std::function<Result<Change>(const OperationContext&)>;

template <typename Change>
using Save = std::function<void(redis::Transaction&, const Change&)>;

template <typename Change>
grpc::Status CommitWardRecordChange(redis::Connection& redis, const AssignmentEnvironment& environment,
                                    const events::EventContext& event_context,
                                    const std::function<void()>& watch, const Decide<Change>& decide,
                                    const Save<Change>& save, Change* result) {
  environment.seeder.EnsureSeeded();
  const LoadView no_loads;
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    watch();
    const OperationContext context{Directory(), no_loads, environment.settings, event_context.actor,
                                   WhenNow(environment.clock)};
    if (std::optional<grpc::Status> done =
            CommitDecision(redis, environment, event_context, decide(context), save, result)) {
      return *done;
    }
  }
  return {grpc::StatusCode::ABORTED, "the ward's records are being changed by others right now; try again"};
}

}  // namespace

grpc::Status StoreLivelihoodModelUpsert(redis::Connection& redis, const AssignmentEnvironment& environment,
                                        const events::EventContext& event_context,
                                        const v1::UpsertLivelihoodModelRequest& request,
                                        v1::UpsertLivelihoodModelResponse* response) {
  const std::string& model_id = request.model().model_id();
  LivelihoodModelChange change;
  grpc::Status status = CommitWardRecordChange<LivelihoodModelChange>(
      redis, environment, event_context,
      [&] {
        redis.Command(
            {"WATCH", AssignmentKeys::LivelihoodModelChanges(model_id), AssignmentKeys::Organizations()});
      },
      [&](const OperationContext& base) -> Result<LivelihoodModelChange> {
        const Directory directory = ReadOrganizationsOnly(redis);
        const std::optional<v1::LivelihoodModel> existing =
            model_id.empty() ? std::nullopt : ReadLivelihoodModel(redis, model_id);
        const OperationContext context{directory, base.loads, base.settings, base.actor, base.when};
        return UpsertLivelihoodModel(request, existing ? &*existing : nullptr, context);
      },
      [](redis::Transaction& tx, const LivelihoodModelChange& decided) {
        QueueSaveLivelihoodModel(tx, decided.model);
      },
      &change);
  if (!status.ok()) return status;
  *response->mutable_model() = std::move(change.model);
  response->set_created(change.created);
  return grpc::Status::OK;
}

grpc::Status StoreEmergencyDeclaration(redis::Connection& redis, const AssignmentEnvironment& environment,
                                       const events::EventContext& event_context,
                                       const v1::DeclareEmergencyRequest& request,
                                       v1::DeclareEmergencyResponse* response) {
  // The year's counter when began_on is a date; the core refuses it otherwise.
  const std::optional<int> year = DeclarationYear(request.emergency());
  EmergencyChange change;
  grpc::Status status = CommitWardRecordChange<EmergencyChange>(
      redis, environment, event_context,
      [&] {
        redis::Args watch{"WATCH", AssignmentKeys::Emergencies()};
        if (year) watch.push_back(AssignmentKeys::EmergencyNumbers(*year));
        redis.Command(watch);
      },
      [&](const OperationContext& context) {
        const std::uint64_t last = year ? ReadCounter(redis, AssignmentKeys::EmergencyNumbers(*year)) : 0;
        return DeclareEmergency(request, ReadEmergencies(redis), last, context);
      },
      [&](redis::Transaction& tx, const EmergencyChange& decided) {
        // Its number, read above under WATCH, is the year's counter now.
        const std::string& id = decided.emergency.emergency_id();
        tx.Add({"SET", AssignmentKeys::EmergencyNumbers(*year), id.substr(id.rfind('-') + 1)});
        QueueSaveEmergency(tx, decided.emergency);
      },
      &change);
  if (!status.ok()) return status;
  *response->mutable_emergency() = std::move(change.emergency);
  return grpc::Status::OK;
}

grpc::Status StoreEmergencyEnd(redis::Connection& redis, const AssignmentEnvironment& environment,
                               const events::EventContext& event_context,
                               const v1::EndEmergencyRequest& request, v1::EndEmergencyResponse* response) {
  EmergencyChange change;
  grpc::Status status = CommitWardRecordChange<EmergencyChange>(
      redis, environment, event_context,
      [&] {
        redis.Command({"WATCH", AssignmentKeys::EmergencyChanges(request.emergency_id())});
      },
      [&](const OperationContext& context) {
        const std::optional<v1::Emergency> stored =
            request.emergency_id().empty() ? std::nullopt : ReadEmergency(redis, request.emergency_id());
        return EndEmergency(request, stored ? &*stored : nullptr, context);
      },
      [](redis::Transaction& tx, const EmergencyChange& decided) {
        QueueSaveEmergency(tx, decided.emergency);
      },
      &change);
  if (!status.ok()) return status;
  *response->mutable_emergency() = std::move(change.emergency);
  return grpc::Status::OK;
}

}  // namespace ansinh::assignment
