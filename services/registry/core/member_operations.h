#pragma once

// Adding, changing and removing one member, decided on the household as
// read. Each returns the whole change (the household after, its version one
// more, the member event carrying that version and the household's group) or
// why not. The request's own fields are checked before the household is read
// (ValidateNewMember against no household, ValidateMember); what depends on
// the other members is checked here.

#include <string>

#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"
#include "registry/core/household_events.h"

namespace ansinh::registry {

// "M1", "M2", ...: one more than the highest number used so far, so the id of
// a removed member is never given to someone else.
std::string NextMemberId(const v1::Household& household);

// request.member joins the household under NextMemberId, last in
// after.members, and MemberAdded carries it. FAILED_PRECONDITION when the
// household is no longer active; INVALID_ARGUMENT ("member.<field>") when
// the member is invalid as of `today`, would be a second head or has the CCCD
// of another member.
Result<HouseholdChange> AddMember(const v1::Household& household, const v1::AddMemberRequest& request,
                                  CivilDate today);

// request.member replaces the member with its member_id, and MemberUpdated
// carries it. FAILED_PRECONDITION when the household is no longer active;
// NOT_FOUND when it has no such member; INVALID_ARGUMENT as
// ValidateMemberReplacement.
Result<HouseholdChange> UpdateMember(const v1::Household& household, const v1::UpdateMemberRequest& request,
                                     CivilDate today);

// The member leaves the household, and MemberRemoved carries them as they
// were and the reason. FAILED_PRECONDITION when the household is no longer
// active or the member is its head (another member must become head first);
// NOT_FOUND when it has no such member.
Result<HouseholdChange> RemoveMember(const v1::Household& household, const v1::RemoveMemberRequest& request);

}  // namespace ansinh::registry
