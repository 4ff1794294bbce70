// Adding, changing and removing members of a household.
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/violations.h"
#include "registry/core/household_changes.h"
#include "registry/core/household_validation.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

// "M1", "M2", ...: one more than the highest number used so far, so the id
// of a removed member is never given to someone else.
std::string NextMemberId(const v1::Household& household) {
  int highest = 0;
  for (const auto& member : household.members()) {
    const std::string& id = member.member_id();
    if (id.size() > 1 && id[0] == 'M') highest = std::max(highest, std::atoi(id.c_str() + 1));
  }
  std::string next = "M";  // appended: GCC 12 -Wrestrict misreports "M" + to_string
  next += std::to_string(highest + 1);
  return next;
}

int IndexOfMember(const v1::Household& household, const std::string& member_id) {
  for (int i = 0; i < household.members_size(); ++i) {
    if (household.members(i).member_id() == member_id) return i;
  }
  return -1;
}

FieldViolations BasicChecks(const std::string& household_id, uint64_t expected_version) {
  FieldViolations violations;
  RequireNonEmpty(household_id, "household_id", violations);
  if (expected_version == 0) violations.push_back({"expected_version", "must be the version you read"});
  return violations;
}

grpc::Status RequireActive(const v1::Household& household) {
  if (household.status() == v1::HOUSEHOLD_STATUS_ACTIVE) return grpc::Status::OK;
  return server::KeyedStatus(grpc::StatusCode::FAILED_PRECONDITION,
                             "household " + household.household_id() + " is no longer active",
                             "error.household.not_active", {{"household", household.household_id()}});
}

template <typename Event>
std::unique_ptr<Event> MemberEvent(const v1::Household& household, const v1::Member& member,
                                   uint64_t version) {
  auto event = std::make_unique<Event>();
  event->set_household_id(household.household_id());
  *event->mutable_member() = member;
  event->set_household_version(version);
  event->set_residential_group(household.residential_group());
  return event;
}

}  // namespace

grpc::ServerUnaryReactor* RegistryService::AddMember(grpc::CallbackServerContext* context,
                                                     const v1::AddMemberRequest* request,
                                                     v1::AddMemberResponse* response) {
  return executor_.Handle(context, "Registry.AddMember", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "add members"); !denied.ok())
      return denied;
    // Everything the request tells on its own, at once; the checks against
    // the household's other members follow once it is read.
    FieldViolations violations = BasicChecks(request->household_id(), request->expected_version());
    for (auto& violation : ValidateNewMember(v1::Household(), request->member(), ward_.clock.Today())) {
      violations.push_back(std::move(violation));
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    HouseholdStore store(call.redis, keys_);
    MutationRequest mutation{request->household_id(), request->expected_version(), true, true};
    return MutateHousehold(
        call, store, mutation,
        [&](MutationContext& change) -> grpc::Status {
          v1::Household& household = change.household();
          if (auto inactive = RequireActive(household); !inactive.ok()) return inactive;
          v1::Member joining = request->member();
          joining.set_member_id(NextMemberId(change.before()));
          if (FieldViolations invalid = ValidateNewMember(household, joining, ward_.clock.Today());
              !invalid.empty()) {
            return server::ToStatus(Error::InvalidArgument(invalid));
          }
          *household.add_members() = joining;
          response->set_member_id(joining.member_id());
          change.Emit("registry.member_added.v1",
                      MemberEvent<v1::MemberAdded>(household, joining, change.before().version() + 1));
          return grpc::Status::OK;
        },
        response->mutable_household());
  });
}

grpc::ServerUnaryReactor* RegistryService::UpdateMember(grpc::CallbackServerContext* context,
                                                        const v1::UpdateMemberRequest* request,
                                                        v1::UpdateMemberResponse* response) {
  return executor_.Handle(context, "Registry.UpdateMember", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "change members"); !denied.ok())
      return denied;
    FieldViolations violations = BasicChecks(request->household_id(), request->expected_version());
    RequireNonEmpty(request->member().member_id(), "member.member_id", violations);
    for (auto& violation :
         PrefixFieldPaths("member", ValidateMember(request->member(), ward_.clock.Today()))) {
      violations.push_back(std::move(violation));
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    HouseholdStore store(call.redis, keys_);
    MutationRequest mutation{request->household_id(), request->expected_version(), true, true};
    return MutateHousehold(
        call, store, mutation,
        [&](MutationContext& change) -> grpc::Status {
          v1::Household& household = change.household();
          if (auto inactive = RequireActive(household); !inactive.ok()) return inactive;
          const int index = IndexOfMember(household, request->member().member_id());
          if (index < 0) {
            return server::KeyedStatus(
                grpc::StatusCode::NOT_FOUND,
                "no member " + request->member().member_id() + " in household " + household.household_id(),
                "error.member.not_found",
                {{"member", request->member().member_id()}, {"household", household.household_id()}});
          }
          if (FieldViolations invalid =
                  ValidateMemberReplacement(household, index, request->member(), ward_.clock.Today());
              !invalid.empty()) {
            return server::ToStatus(Error::InvalidArgument(invalid));
          }
          *household.mutable_members(index) = request->member();
          change.Emit("registry.member_updated.v1",
                      MemberEvent<v1::MemberUpdated>(household, household.members(index),
                                                     change.before().version() + 1));
          return grpc::Status::OK;
        },
        response->mutable_household());
  });
}

grpc::ServerUnaryReactor* RegistryService::RemoveMember(grpc::CallbackServerContext* context,
                                                        const v1::RemoveMemberRequest* request,
                                                        v1::RemoveMemberResponse* response) {
  return executor_.Handle(context, "Registry.RemoveMember", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "remove members"); !denied.ok())
      return denied;
    FieldViolations violations = BasicChecks(request->household_id(), request->expected_version());
    RequireNonEmpty(request->member_id(), "member_id", violations);
    RequireNonEmpty(request->reason(), "reason", violations);
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    HouseholdStore store(call.redis, keys_);
    MutationRequest mutation{request->household_id(), request->expected_version(), true, true};
    return MutateHousehold(
        call, store, mutation,
        [&](MutationContext& change) -> grpc::Status {
          v1::Household& household = change.household();
          if (auto inactive = RequireActive(household); !inactive.ok()) return inactive;
          const int index = IndexOfMember(household, request->member_id());
          if (index < 0) {
            return server::KeyedStatus(
                grpc::StatusCode::NOT_FOUND,
                "no member " + request->member_id() + " in household " + household.household_id(),
                "error.member.not_found",
                {{"member", request->member_id()}, {"household", household.household_id()}});
          }
          if (household.members(index).member_id() == household.head_member_id()) {
            return server::KeyedStatus(
                grpc::StatusCode::FAILED_PRECONDITION,
                "member " + request->member_id() +
                    " is the head of household; make someone else head first (UpdateHousehold)",
                "error.member.is_head", {{"member", request->member_id()}});
          }
          v1::Member removed = household.members(index);
          household.mutable_members()->DeleteSubrange(index, 1);
          auto event = MemberEvent<v1::MemberRemoved>(household, removed, change.before().version() + 1);
          event->set_reason(request->reason());
          change.Emit("registry.member_removed.v1", std::move(event));
          return grpc::Status::OK;
        },
        response->mutable_household());
  });
}

}  // namespace ansinh::registry
