#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/household.pb.h"
#include "kernel/error.h"
#include "kernel/result.h"
#include "redis/transaction.h"
#include "registry/adapters/household_store.h"
#include "registry/core/household_events.h"
#include "server/request_executor.h"

namespace ansinh::registry {

struct MutationRequest {
  std::string household_id;
  // The version the caller read; another current version -> ABORTED.
  uint64_t expected_version = 0;
  // 0 may mean "whatever is current" (RecordSurvey) or be refused (updates).
  bool version_required = true;
  // A change another record caused (an accepted correction request,
  // registry/adapters/correction_service.h): the causation_id of its events.
  std::string causation_id = {};
  // More keys in the household's slot the change depends on, WATCHed with
  // the household's on every attempt (the transform may read them).
  std::vector<std::string> watch_too = {};
  // Writes in the household's slot that go with the change, queued in its
  // transaction after its record and events, given the change as decided
  // and the data key the record is sealed with.
  std::function<void(redis::Transaction& tx, const HouseholdChange& change,
                     const std::optional<personal_data::AesKey>& data_key)>
      queue_too = {};
};

// One core operation on one household, bound to its request (and today),
// e.g. registry::AddMember. It may read more through the store (the
// household's surveys) but writes nothing: it returns the change.
using HouseholdTransform = std::function<Result<HouseholdChange>(const v1::Household& current)>;

// The one path every change to an existing household takes: WATCH, read,
// check the version, let `transform` decide. CCCDs the change brings in are
// claimed first in the ward's slot (refused when another active household
// holds one, or its claim is still pending), then the household is read and
// decided again under its own WATCH and the record, its partition's
// indexes, the survey and the events (with the household's next aggregate
// versions) committed in one MULTI/EXEC in the household's slot, retrying
// when a watched key changed. Claims of CCCDs the household stopped holding
// are released last, in the ward's slot. A refused change writes nothing but
// claims, which it releases. NOT_FOUND without such a household, ABORTED on
// another version; the core's refusals and a held CCCD as statuses
// (server::ToStatus). On success *result is the change as committed.
grpc::Status MutateHousehold(const server::CallScope& call, HouseholdStore& store,
                             const MutationRequest& request, const HouseholdTransform& transform,
                             HouseholdChange* result);

// ALREADY_EXISTS naming the other household, when one of `national_ids` is
// held by another active household or claimed by one whose claim is still
// pending (HouseholdStore::StandingsOf); nullopt otherwise.
std::optional<Error> NationalIdHeldElsewhere(HouseholdStore& store, const v1::Household& household,
                                             const std::vector<std::string>& national_ids);

// The envelope for a registry event about `household_id`.
v1::EventEnvelope RegistryEvent(const server::CallScope& call, std::string_view event_type,
                                const std::string& household_id, uint64_t aggregate_version,
                                const google::protobuf::Message& payload,
                                const std::string& causation_id = "");

// Queues `events` in order on `tx`, the first taking aggregate version
// `event_count` + 1, their personal fields sealed with the household's
// `data_key` when it has one (docs/data-protection.md, "Events"); returns
// the household's event count after them.
uint64_t QueueHouseholdEvents(redis::Transaction& tx, const server::CallScope& call, const RegistryKeys& keys,
                              const std::string& household_id,
                              const std::vector<HouseholdEventPayload>& events, uint64_t event_count,
                              const std::optional<personal_data::AesKey>& data_key,
                              const std::string& causation_id = "");

}  // namespace ansinh::registry
