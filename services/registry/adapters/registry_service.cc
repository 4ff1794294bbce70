// Registering, changing and ending households: the request's own fields
// checked, then read, registry/core decides (household_operations.h,
// registration_rows.h), commit.
#include "registry/adapters/registry_service.h"

#include "registry/adapters/household_mutation.h"
#include "registry/adapters/household_registration.h"
#include "registry/adapters/violations.h"
#include "registry/core/household_changes.h"
#include "registry/core/household_operations.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
RegistryService::RegistryService(server::RequestExecutor& executor, WardSettings ward)
    : executor_(executor), ward_(ward), keys_(ward.partitions) {}

RegistryService::~RegistryService() = default;

grpc::ServerUnaryReactor* RegistryService::CreateHousehold(grpc::CallbackServerContext* context,
                                                           const v1::CreateHouseholdRequest* request,
                                                           v1::CreateHouseholdResponse* response) {
  return executor_.Handle(context, "Registry.CreateHousehold", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "register households");
        !denied.ok()) {
      return denied;
    }
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    std::vector<RegistrationRow> rows(1);
    rows[0].row_number = 1;
    rows[0].household = request->household();
    RegistrationResult result = RegisterHouseholds(call, store, ward_, std::move(rows))[0];
    if (!result.national_id_conflict.empty()) {
      return grpc::Status(grpc::StatusCode::ALREADY_EXISTS, result.national_id_conflict);
    }
    if (!result.household) return server::ToStatus(Error::InvalidArgument(result.violations));
    *response->mutable_household() = *result.household;
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RegistryService::UpdateHousehold(grpc::CallbackServerContext* context,
                                                           const v1::UpdateHouseholdRequest* request,
                                                           v1::UpdateHouseholdResponse* response) {
  return executor_.Handle(context, "Registry.UpdateHousehold", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "change households"); !denied.ok()) {
      return denied;
    }
    if (FieldViolations violations = ValidateUpdateRequest(*request); !violations.empty()) {
      return server::ToStatus(Error::InvalidArgument(violations));
    }
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    HouseholdChange change;
    grpc::Status status = MutateHousehold(
        call, store, {request->household_id(), request->expected_version(), true},
        [&](const v1::Household& current) { return registry::UpdateHousehold(current, *request); }, &change);
    if (status.ok()) *response->mutable_household() = std::move(change.after);
    return status;
  });
}

grpc::ServerUnaryReactor* RegistryService::EndHousehold(grpc::CallbackServerContext* context,
                                                        const char* method, const std::string& household_id,
                                                        uint64_t expected_version, const std::string& reason,
                                                        v1::HouseholdStatus status,
                                                        v1::Household* response_household) {
  return executor_.Handle(context, method, response_household, [=, this](const server::CallScope& call) {
    const bool moving_out = status == v1::HOUSEHOLD_STATUS_MOVED_OUT;
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters,
                                          moving_out ? "record a move out" : "dissolve households");
        !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    RequireNonEmpty(household_id, "household_id", violations);
    RequireNonEmpty(reason, "reason", violations);
    if (expected_version == 0) violations.push_back({"expected_version", "must be the version you read"});
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    HouseholdChange change;
    grpc::Status ended = MutateHousehold(
        call, store, {household_id, expected_version, true},
        [&](const v1::Household& current) {
          const std::string today = FormatIsoDate(ward_.clock.Today());
          return moving_out ? registry::MoveOut(current, reason, today)
                            : registry::Dissolve(current, reason, today);
        },
        &change);
    if (ended.ok()) *response_household = std::move(change.after);
    return ended;
  });
}

grpc::ServerUnaryReactor* RegistryService::MoveOut(grpc::CallbackServerContext* context,
                                                   const v1::MoveOutRequest* request,
                                                   v1::MoveOutResponse* response) {
  return EndHousehold(context, "Registry.MoveOut", request->household_id(), request->expected_version(),
                      request->reason(), v1::HOUSEHOLD_STATUS_MOVED_OUT, response->mutable_household());
}

grpc::ServerUnaryReactor* RegistryService::Dissolve(grpc::CallbackServerContext* context,
                                                    const v1::DissolveRequest* request,
                                                    v1::DissolveResponse* response) {
  return EndHousehold(context, "Registry.Dissolve", request->household_id(), request->expected_version(),
                      request->reason(), v1::HOUSEHOLD_STATUS_DISSOLVED, response->mutable_household());
}

}  // namespace ansinh::registry
