// Adding, changing and removing members of a household: the request's own
// fields checked, then read, registry/core/member_operations.h decides, commit.
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/violations.h"
#include "registry/core/household_changes.h"
#include "registry/core/household_validation.h"
#include "registry/core/member_operations.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

FieldViolations BasicChecks(const std::string& household_id, uint64_t expected_version) {
  FieldViolations violations;
  RequireNonEmpty(household_id, "household_id", violations);
  if (expected_version == 0) violations.push_back({"expected_version", "must be the version you read"});
  return violations;
}

}  // namespace

grpc::ServerUnaryReactor* RegistryService::AddMember(grpc::CallbackServerContext* context,
                                                     const v1::AddMemberRequest* request,
                                                     v1::AddMemberResponse* response) {
  return executor_.Handle(context, "Registry.AddMember", response, [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "add members"); !denied.ok())
      return denied;
    const CivilDate today = ward_.clock.Today();
    // Everything the request tells on its own, at once; the checks against
    // the household's other members follow once it is read.
    FieldViolations violations = BasicChecks(request->household_id(), request->expected_version());
    for (auto& violation : ValidateNewMember(v1::Household(), request->member(), today)) {
      violations.push_back(std::move(violation));
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    HouseholdChange change;
    grpc::Status status = MutateHousehold(
        call, store, {request->household_id(), request->expected_version(), true},
        [&](const v1::Household& current) { return registry::AddMember(current, *request, today); }, &change);
    if (!status.ok()) return status;
    // The newcomer is the household's last member.
    response->set_member_id(change.after.members(change.after.members_size() - 1).member_id());
    *response->mutable_household() = std::move(change.after);
    return status;
  });
}

grpc::ServerUnaryReactor* RegistryService::UpdateMember(grpc::CallbackServerContext* context,
                                                        const v1::UpdateMemberRequest* request,
                                                        v1::UpdateMemberResponse* response) {
  return executor_.Handle(context, "Registry.UpdateMember", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "change members"); !denied.ok())
      return denied;
    const CivilDate today = ward_.clock.Today();
    FieldViolations violations = BasicChecks(request->household_id(), request->expected_version());
    RequireNonEmpty(request->member().member_id(), "member.member_id", violations);
    for (auto& violation : PrefixFieldPaths("member", ValidateMember(request->member(), today))) {
      violations.push_back(std::move(violation));
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    HouseholdChange change;
    grpc::Status status = MutateHousehold(
        call, store, {request->household_id(), request->expected_version(), true},
        [&](const v1::Household& current) { return registry::UpdateMember(current, *request, today); },
        &change);
    if (status.ok()) *response->mutable_household() = std::move(change.after);
    return status;
  });
}

grpc::ServerUnaryReactor* RegistryService::RemoveMember(grpc::CallbackServerContext* context,
                                                        const v1::RemoveMemberRequest* request,
                                                        v1::RemoveMemberResponse* response) {
  return executor_.Handle(context, "Registry.RemoveMember", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "remove members"); !denied.ok())
      return denied;
    FieldViolations violations = BasicChecks(request->household_id(), request->expected_version());
    RequireNonEmpty(request->member_id(), "member_id", violations);
    RequireNonEmpty(request->reason(), "reason", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    HouseholdChange change;
    grpc::Status status = MutateHousehold(
        call, store, {request->household_id(), request->expected_version(), true},
        [&](const v1::Household& current) { return registry::RemoveMember(current, *request); }, &change);
    if (status.ok()) *response->mutable_household() = std::move(change.after);
    return status;
  });
}

}  // namespace ansinh::registry
