#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"

namespace ansinh::registry {

// Changes to a registered household are validated for what they change and
// for the invariants they could break (one head, head_member_id naming it,
// no CCCD twice in the household), never by re-validating members the
// request does not touch: a record that became incomplete with time (a child
// who turned 14 and has no CCCD yet) must not block an address change.
// Paths are relative to the request ("relations[1].member_id",
// "member.national_id").

// UpdateHouseholdRequest on its own, before the household is read.
FieldViolations ValidateUpdateRequest(const v1::UpdateHouseholdRequest& request);

struct HouseholdUpdate {
  // The household after the change (version not yet bumped).
  v1::Household after;
  // Which of "address", "residential_group", "head_member_id" changed.
  std::vector<std::string> changed_fields;
  // Why the request cannot apply to this household; `after` is meaningless
  // when there are any.
  FieldViolations violations;
};

// Applies a request that passed ValidateUpdateRequest to `before`. A request
// that changes nothing is refused (on "address"): it would publish an event
// saying nothing.
HouseholdUpdate ApplyUpdate(const v1::Household& before, const v1::UpdateHouseholdRequest& request);

// A member about to join `household` (AddMemberRequest.member): its own
// fields as of `today`, a relation other than HEAD, and a CCCD no other
// member of the household has. Paths "member.<field>".
FieldViolations ValidateNewMember(const v1::Household& household, const v1::Member& member, CivilDate today);

// The full new data of the member at `index` (UpdateMemberRequest.member):
// its own fields as of `today`, HEAD neither given nor taken away (the head
// changes through UpdateHousehold), and a CCCD no other member has. Paths
// "member.<field>".
FieldViolations ValidateMemberReplacement(const v1::Household& household, int index, const v1::Member& member,
                                          CivilDate today);

}  // namespace ansinh::registry
