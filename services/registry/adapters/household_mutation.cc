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

v1::EventEnvelope RegistryEvent(const server::CallScope& call, std::string_view event_type,
                                const std::string& household_id, uint64_t aggregate_version,
                                const google::protobuf::Message& payload) {
  events::EventContext context{call.actor, call.correlation_id, ""};
  events::EventIdentity identity{std::string(event_type), std::string(kHouseholdAggregate), household_id,
                                 aggregate_version, household_id};
  return events::MakeEnvelope(context, identity, payload);
}

uint64_t QueueHouseholdEvents(redis::Transaction& tx, const server::CallScope& call, const RegistryKeys& keys,
                              const std::string& household_id,
                              const std::vector<HouseholdEventPayload>& events, uint64_t event_count) {
  for (const HouseholdEventPayload& event : events) {
    keys.publisher().Append(
        tx, RegistryEvent(call, EventTypeOf(event), household_id, ++event_count, MessageOf(event)));
  }
  return event_count;
}

std::optional<Error> NationalIdHeldElsewhere(HouseholdStore& store, const v1::Household& household,
                                             const v1::Household* before) {
  const std::vector<std::string> fresh = NewNationalIds(household, before);
  const std::vector<std::string> holders = store.HoldersOfNationalIds(fresh);
  for (size_t i = 0; i < fresh.size(); ++i) {
    if (!holders[i].empty() && holders[i] != household.household_id()) {
      std::string other = holders[i];
      if (auto stored = store.Load(holders[i])) other += " (" + stored->household.code() + ")";
      return Error::AlreadyExists("national ID " + fresh[i] +
                                  " already belongs to a member of active household " + other)
          .WithKey("error.household.national_id_taken", {{"national_id", fresh[i]}, {"household", other}});
    }
  }
  return std::nullopt;
}

grpc::Status MutateHousehold(const server::CallScope& call, HouseholdStore& store,
                             const MutationRequest& request, const HouseholdTransform& transform,
                             HouseholdChange* result) {
  const RegistryKeys& keys = store.keys();
  const std::string household_key = keys.Household(request.household_id);
  for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
    call.redis.Command({"WATCH", household_key});
    std::optional<StoredHousehold> stored = store.Load(request.household_id);
    auto refuse = [&](const Error& error) {
      call.redis.Command({"UNWATCH"});
      return server::ToStatus(error);
    };
    if (!stored) {
      return refuse(Error::NotFound("household " + request.household_id + " does not exist")
                        .WithKey("error.household.not_found", {{"household", request.household_id}}));
    }
    const v1::Household& before = stored->household;
    if (request.expected_version != 0 || request.version_required) {
      if (request.expected_version != before.version()) {
        call.redis.Command({"UNWATCH"});
        return server::KeyedStatus(grpc::StatusCode::ABORTED,
                                   "household " + before.household_id() + " is at version " +
                                       std::to_string(before.version()) + ", not " +
                                       std::to_string(request.expected_version) +
                                       ": someone changed it since you read it; read it again",
                                   "error.household.version_conflict",
                                   {{"household", before.household_id()},
                                    {"version", std::to_string(before.version())},
                                    {"expected", std::to_string(request.expected_version)}});
      }
    }
    Result<HouseholdChange> decided = transform(before);
    if (!decided.ok()) return refuse(decided.error());
    HouseholdChange& change = decided.value();

    if (!NewNationalIds(change.after, &before).empty()) {
      call.redis.Command({"WATCH", std::string(RegistryKeys::kNationalIds)});
      if (std::optional<Error> held = NationalIdHeldElsewhere(store, change.after, &before)) {
        return refuse(*held);
      }
    }

    redis::Transaction commit;
    const uint64_t event_count = QueueHouseholdEvents(commit, call, keys, change.after.household_id(),
                                                      change.events, stored->event_count);
    store.QueueSave(commit, before, change.after, event_count);
    if (change.recorded_survey) {
      commit.Add(
          {"RPUSH", keys.Surveys(change.after.household_id()), change.recorded_survey->SerializeAsString()});
    }
    try {
      commit.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      continue;
    }
    *result = std::move(change);
    return grpc::Status::OK;
  }
  return server::KeyedStatus(
      grpc::StatusCode::ABORTED,
      "household " + request.household_id + " is being changed by others right now; try again",
      "error.household.busy", {{"household", request.household_id}});
}

}  // namespace ansinh::registry
