// Registering, changing and ending households.
#include "registry/adapters/registry_service.h"

#include "registry/adapters/household_mutation.h"
#include "registry/adapters/household_registration.h"
#include "registry/adapters/violations.h"
#include "registry/core/household_validation.h"
#include "server/authorization.h"

namespace ansinh::registry {
namespace {

constexpr std::initializer_list<v1::Role> kWriters = {v1::ROLE_WARD_OFFICER};

bool HasMember(const v1::Household& household, const std::string& member_id) {
  for (const auto& member : household.members()) {
    if (member.member_id() == member_id) return true;
  }
  return false;
}

}  // namespace

grpc::ServerUnaryReactor* RegistryService::CreateHousehold(grpc::CallbackServerContext* context,
                                                           const v1::CreateHouseholdRequest* request,
                                                           v1::CreateHouseholdResponse* response) {
  return executor_.Handle(context, "Registry.CreateHousehold", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kWriters, "register households"); !denied.ok()) {
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
    if (!result.household) return InvalidArgument(result.violations);
    *response->mutable_household() = *result.household;
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* RegistryService::UpdateHousehold(grpc::CallbackServerContext* context,
                                                           const v1::UpdateHouseholdRequest* request,
                                                           v1::UpdateHouseholdResponse* response) {
  return executor_.Handle(context, "Registry.UpdateHousehold", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kWriters, "change households"); !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    RequireNonEmpty(request->household_id(), "household_id", violations);
    if (request->expected_version() == 0) violations.push_back({"expected_version", "must be the version you read"});
    if (request->address().empty() && request->residential_group().empty() &&
        request->head_member_id().empty()) {
      violations.push_back({"address", "nothing to change: give an address, residential_group or head_member_id"});
    }
    if (!request->head_member_id().empty() || request->relations_size() > 0) {
      if (request->head_member_id().empty()) {
        violations.push_back({"relations", "relations change only with a new head_member_id"});
      }
    }
    if (!violations.empty()) return InvalidArgument(violations);

    HouseholdStore store(call.redis, keys_);
    MutationRequest mutation{request->household_id(), request->expected_version(), true, true};
    return MutateHousehold(call, store, mutation, [&](MutationContext& change) -> grpc::Status {
      v1::Household& household = change.household();
      if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
        return {grpc::StatusCode::FAILED_PRECONDITION,
                "household " + household.household_id() + " is no longer active"};
      }
      auto event = std::make_unique<v1::HouseholdUpdated>();
      event->set_previous_residential_group(household.residential_group());
      if (!request->address().empty() && request->address() != household.address()) {
        household.set_address(request->address());
        event->add_changed_fields("address");
      }
      if (!request->residential_group().empty() &&
          request->residential_group() != household.residential_group()) {
        household.set_residential_group(request->residential_group());
        event->add_changed_fields("residential_group");
      }
      if (!request->head_member_id().empty() && request->head_member_id() != household.head_member_id()) {
        if (!HasMember(household, request->head_member_id())) {
          return InvalidArgument({{"head_member_id", "no member " + request->head_member_id() +
                                                          " in household " + household.household_id()}});
        }
        for (const auto& relation : request->relations()) {
          if (!HasMember(household, relation.member_id())) {
            return InvalidArgument({{"relations", "no member " + relation.member_id()}});
          }
        }
        for (auto& member : *household.mutable_members()) {
          if (member.member_id() == request->head_member_id()) {
            member.set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
            continue;
          }
          for (const auto& relation : request->relations()) {
            if (relation.member_id() == member.member_id()) member.set_relation_to_head(relation.relation_to_head());
          }
        }
        household.set_head_member_id(request->head_member_id());
        event->add_changed_fields("head_member_id");
      }
      FieldViolations invalid = ValidateHousehold(household, TodayInVietnam());
      if (!invalid.empty()) return InvalidArgument(invalid);
      if (event->changed_fields_size() == 0) {
        return InvalidArgument({{"address", "the request changes nothing"}});
      }
      *event->mutable_household() = household;
      // The event carries the household after the version bump.
      event->mutable_household()->set_version(change.before().version() + 1);
      change.Emit("registry.household_updated.v1", std::move(event));
      return grpc::Status::OK;
    }, response->mutable_household());
  });
}

grpc::ServerUnaryReactor* RegistryService::EndHousehold(grpc::CallbackServerContext* context,
                                                        const char* method,
                                                        const std::string& household_id,
                                                        uint64_t expected_version,
                                                        const std::string& reason,
                                                        v1::HouseholdStatus status,
                                                        v1::Household* response_household) {
  return executor_.Handle(context, method, [=, this](const server::CallScope& call) {
    const bool moving_out = status == v1::HOUSEHOLD_STATUS_MOVED_OUT;
    if (auto denied = server::RequireRole(call.actor, kWriters,
                                          moving_out ? "record a move out" : "dissolve households");
        !denied.ok()) {
      return denied;
    }
    FieldViolations violations;
    RequireNonEmpty(household_id, "household_id", violations);
    RequireNonEmpty(reason, "reason", violations);
    if (expected_version == 0) violations.push_back({"expected_version", "must be the version you read"});
    if (!violations.empty()) return InvalidArgument(violations);

    HouseholdStore store(call.redis, keys_);
    MutationRequest mutation{household_id, expected_version, true, true};
    return MutateHousehold(call, store, mutation, [&](MutationContext& change) -> grpc::Status {
      v1::Household& household = change.household();
      if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
        return {grpc::StatusCode::FAILED_PRECONDITION,
                "household " + household.household_id() + " is already " +
                    v1::HouseholdStatus_Name(household.status())};
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
    }, response_household);
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
