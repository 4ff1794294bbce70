// Registering, changing and ending households.
#include "registry/adapters/registry_service.h"

#include "i18n/proto/localized_text.h"
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/household_registration.h"
#include "registry/adapters/violations.h"
#include "registry/core/household_changes.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
grpc::ServerUnaryReactor* RegistryService::CreateHousehold(grpc::CallbackServerContext* context,
                                                           const v1::CreateHouseholdRequest* request,
                                                           v1::CreateHouseholdResponse* response) {
  return executor_.Handle(context, "Registry.CreateHousehold", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "register households");
        !denied.ok()) {
      return denied;
    }
    HouseholdStore store(call.redis, keys_);
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
  return executor_.Handle(context, "Registry.UpdateHousehold", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "change households"); !denied.ok()) {
      return denied;
    }
    if (FieldViolations violations = ValidateUpdateRequest(*request); !violations.empty()) {
      return server::ToStatus(Error::InvalidArgument(violations));
    }
    HouseholdStore store(call.redis, keys_);
    MutationRequest mutation{request->household_id(), request->expected_version(), true, true};
    return MutateHousehold(
        call, store, mutation,
        [&](MutationContext& change) -> grpc::Status {
          const v1::Household& before = change.before();
          if (before.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
            return server::KeyedStatus(grpc::StatusCode::FAILED_PRECONDITION,
                                       "household " + before.household_id() + " is no longer active",
                                       "error.household.not_active", {{"household", before.household_id()}});
          }
          HouseholdUpdate update = ApplyUpdate(before, *request);
          if (!update.violations.empty()) return server::ToStatus(Error::InvalidArgument(update.violations));
          change.household() = std::move(update.after);
          auto event = std::make_unique<v1::HouseholdUpdated>();
          event->set_previous_residential_group(before.residential_group());
          for (auto& field : update.changed_fields) event->add_changed_fields(std::move(field));
          *event->mutable_household() = change.household();
          // The event carries the household after the version bump.
          event->mutable_household()->set_version(before.version() + 1);
          change.Emit("registry.household_updated.v1", std::move(event));
          return grpc::Status::OK;
        },
        response->mutable_household());
  });
}

grpc::ServerUnaryReactor* RegistryService::EndHousehold(grpc::CallbackServerContext* context,
                                                        const char* method, const std::string& household_id,
                                                        uint64_t expected_version, const std::string& reason,
                                                        v1::HouseholdStatus status,
                                                        v1::Household* response_household) {
  return executor_.Handle(context, method, [=, this](const server::CallScope& call) {
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

    HouseholdStore store(call.redis, keys_);
    MutationRequest mutation{household_id, expected_version, true, true};
    return MutateHousehold(
        call, store, mutation,
        [&](MutationContext& change) -> grpc::Status {
          v1::Household& household = change.household();
          if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
            return server::KeyedStatus(
                grpc::StatusCode::FAILED_PRECONDITION,
                "household " + household.household_id() + " is already " +
                    v1::HouseholdStatus_Name(household.status()),
                "error.household.already_ended",
                {{"household", household.household_id()}, {"status", i18n::EnumArg(household.status())}});
          }
          household.set_status(status);
          const uint64_t version = change.before().version() + 1;
          if (moving_out) {
            auto event = std::make_unique<v1::HouseholdMovedOut>();
            event->set_household_id(household.household_id());
            event->set_household_version(version);
            event->set_residential_group(household.residential_group());
            event->set_reason(reason);
            change.Emit("registry.household_moved_out.v1", std::move(event));
          } else {
            auto event = std::make_unique<v1::HouseholdDissolved>();
            event->set_household_id(household.household_id());
            event->set_household_version(version);
            event->set_residential_group(household.residential_group());
            event->set_reason(reason);
            change.Emit("registry.household_dissolved.v1", std::move(event));
          }
          return grpc::Status::OK;
        },
        response_household);
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
