#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/household.pb.h"
#include "redis/transaction.h"
#include "registry/adapters/household_store.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// What a change to one household may do besides editing it: queue extra
// writes (a survey) and emit events, which get the household's next
// aggregate versions and go out in the same transaction.
class MutationContext {
 public:
  MutationContext(const v1::Household& before, v1::Household& after, redis::Transaction& extra)
      : before_(before), after_(after), extra_(extra) {}

  const v1::Household& before() const { return before_; }
  v1::Household& household() { return after_; }
  redis::Transaction& extra() { return extra_; }
  void Emit(std::string event_type, std::unique_ptr<google::protobuf::Message> payload) {
    events_.push_back({std::move(event_type), std::move(payload)});
  }

  struct PendingEvent {
    std::string type;
    std::unique_ptr<google::protobuf::Message> payload;
  };
  std::vector<PendingEvent>& events() { return events_; }

 private:
  const v1::Household& before_;
  v1::Household& after_;
  redis::Transaction& extra_;
  std::vector<PendingEvent> events_;
};

struct MutationRequest {
  std::string household_id;
  // The version the caller read; another current version -> ABORTED.
  uint64_t expected_version = 0;
  // 0 may mean "whatever is current" (RecordSurvey) or be refused (updates).
  bool version_required = true;
  // Household data changed: bump Household.version. A survey does not.
  bool bumps_version = true;
};

using Mutator = std::function<grpc::Status(MutationContext&)>;

// The one path every change to an existing household takes: WATCH, read,
// check the version, let `mutate` edit a copy, check CCCD uniqueness across
// active households, then commit the record, its indexes, extra writes and
// the events in one MULTI/EXEC, retrying when a watched key changed. A
// refused change writes nothing. On success *result is the household after.
grpc::Status MutateHousehold(const server::CallScope& call, HouseholdStore& store,
                             const MutationRequest& request, const Mutator& mutate, v1::Household* result);

// ALREADY_EXISTS naming the other household, when one of `household`'s CCCDs
// is held by another active household; OK otherwise.
grpc::Status CheckNationalIdsFree(HouseholdStore& store, const v1::Household& household,
                                  const v1::Household* before);

// The envelope for a registry event about `household_id`.
v1::EventEnvelope RegistryEvent(const server::CallScope& call, const std::string& event_type,
                                const std::string& household_id, uint64_t aggregate_version,
                                const google::protobuf::Message& payload);

}  // namespace ansinh::registry
