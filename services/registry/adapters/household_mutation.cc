#include "registry/adapters/household_mutation.h"

#include <set>

#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

std::vector<std::string> NewNationalIds(const v1::Household& household, const v1::Household* before) {
  std::set<std::string> old_ids;
  if (before != nullptr && before->status() == v1::HOUSEHOLD_STATUS_ACTIVE) {
    for (const auto& member : before->members()) old_ids.insert(member.national_id());
  }
  std::vector<std::string> fresh;
  if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) return fresh;
  for (const auto& member : household.members()) {
    if (!member.national_id().empty() && !old_ids.contains(member.national_id())) {
      fresh.push_back(member.national_id());
    }
  }
  return fresh;
}

}  // namespace

v1::EventEnvelope RegistryEvent(const server::CallScope& call, const std::string& event_type,
                                const std::string& household_id, uint64_t aggregate_version,
                                const google::protobuf::Message& payload) {
  events::EventContext context{call.actor, call.correlation_id, ""};
  events::EventIdentity identity{event_type, "household", household_id, aggregate_version, household_id};
  return events::MakeEnvelope(context, identity, payload);
}

grpc::Status CheckNationalIdsFree(HouseholdStore& store, const v1::Household& household,
                                  const v1::Household* before) {
  const std::vector<std::string> fresh = NewNationalIds(household, before);
  const std::vector<std::string> holders = store.HoldersOfNationalIds(fresh);
  for (size_t i = 0; i < fresh.size(); ++i) {
    if (!holders[i].empty() && holders[i] != household.household_id()) {
      std::string other = holders[i];
      if (auto stored = store.Load(holders[i])) other += " (" + stored->household.code() + ")";
      return server::KeyedStatus(
          grpc::StatusCode::ALREADY_EXISTS,
          "national ID " + fresh[i] + " already belongs to a member of active household " + other,
          "error.household.national_id_taken", {{"national_id", fresh[i]}, {"household", other}});
    }
  }
  return grpc::Status::OK;
}

grpc::Status MutateHousehold(const server::CallScope& call, HouseholdStore& store,
                             const MutationRequest& request, const Mutator& mutate, v1::Household* result) {
  const RegistryKeys& keys = store.keys();
  const std::string household_key = keys.Household(request.household_id);
  for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
    call.redis.Command({"WATCH", household_key});
    std::optional<StoredHousehold> stored = store.Load(request.household_id);
    auto refuse = [&](grpc::Status status) {
      call.redis.Command({"UNWATCH"});
      return status;
    };
    if (!stored) {
      return refuse(server::KeyedStatus(grpc::StatusCode::NOT_FOUND,
                                        "household " + request.household_id + " does not exist",
                                        "error.household.not_found", {{"household", request.household_id}}));
    }
    const v1::Household& before = stored->household;
    if (request.expected_version != 0 || request.version_required) {
      if (request.expected_version != before.version()) {
        return refuse(server::KeyedStatus(grpc::StatusCode::ABORTED,
                                          "household " + before.household_id() + " is at version " +
                                              std::to_string(before.version()) + ", not " +
                                              std::to_string(request.expected_version) +
                                              ": someone changed it since you read it; read it again",
                                          "error.household.version_conflict",
                                          {{"household", before.household_id()},
                                           {"version", std::to_string(before.version())},
                                           {"expected", std::to_string(request.expected_version)}}));
      }
    }
    v1::Household after = before;
    redis::Transaction tx;
    MutationContext context(before, after, tx);
    if (grpc::Status status = mutate(context); !status.ok()) return refuse(status);
    if (request.bumps_version) after.set_version(before.version() + 1);

    if (!NewNationalIds(after, &before).empty()) {
      call.redis.Command({"WATCH", std::string(RegistryKeys::kNationalIds)});
      if (grpc::Status status = CheckNationalIdsFree(store, after, &before); !status.ok()) {
        return refuse(status);
      }
    }

    uint64_t event_count = stored->event_count;
    redis::Transaction commit;
    for (auto& event : context.events()) {
      ++event_count;
      keys.publisher().Append(
          commit, RegistryEvent(call, event.type, after.household_id(), event_count, *event.payload));
    }
    store.QueueSave(commit, before, after, event_count);
    for (const auto& command : tx.commands()) commit.Add(command);
    try {
      commit.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      continue;
    }
    *result = std::move(after);
    return grpc::Status::OK;
  }
  return server::KeyedStatus(
      grpc::StatusCode::ABORTED,
      "household " + request.household_id + " is being changed by others right now; try again",
      "error.household.busy", {{"household", request.household_id}});
}

}  // namespace ansinh::registry
