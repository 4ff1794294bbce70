#include "registry/core/member_operations.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

#include "registry/core/household_changes.h"
#include "registry/core/household_operations.h"

namespace ansinh::registry {
namespace {

int PlaceOfMember(const v1::Household& household, const std::string& member_id) {
  for (int i = 0; i < household.members_size(); ++i) {
    if (household.members(i).member_id() == member_id) return i;
  }
  return -1;
}

Error NoSuchMember(const v1::Household& household, const std::string& member_id) {
  return Error::NotFound("no member " + member_id + " in household " + household.household_id())
      .WithKey("error.member.not_found", {{"member", member_id}, {"household", household.household_id()}});
}

// The household after a change to its members: version one more.
HouseholdChange MembersChanged(v1::Household after) {
  HouseholdChange change;
  after.set_version(after.version() + 1);
  change.after = std::move(after);
  return change;
}

// The fields every member event shares, taken from the household after.
template <typename Event>
Event MemberEventOf(const v1::Household& after, const v1::Member& member) {
  Event event;
  event.set_household_id(after.household_id());
  *event.mutable_member() = member;
  event.set_household_version(after.version());
  event.set_residential_group(after.residential_group());
  return event;
}

}  // namespace

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

Result<HouseholdChange> AddMember(const v1::Household& household, const v1::AddMemberRequest& request,
                                  CivilDate today) {
  if (std::optional<Error> inactive = RefuseUnlessActive(household)) return std::move(*inactive);
  v1::Member joining = request.member();
  joining.set_member_id(NextMemberId(household));
  if (FieldViolations invalid = ValidateNewMember(household, joining, today); !invalid.empty()) {
    return Error::InvalidArgument(std::move(invalid));
  }
  HouseholdChange change = MembersChanged(household);
  *change.after.add_members() = joining;
  change.events.push_back(MemberEventOf<v1::MemberAdded>(change.after, joining));
  return change;
}

Result<HouseholdChange> UpdateMember(const v1::Household& household, const v1::UpdateMemberRequest& request,
                                     CivilDate today) {
  if (std::optional<Error> inactive = RefuseUnlessActive(household)) return std::move(*inactive);
  const v1::Member& changed = request.member();
  const int index = PlaceOfMember(household, changed.member_id());
  if (index < 0) return NoSuchMember(household, changed.member_id());
  if (FieldViolations invalid = ValidateMemberReplacement(household, index, changed, today);
      !invalid.empty()) {
    return Error::InvalidArgument(std::move(invalid));
  }
  HouseholdChange change = MembersChanged(household);
  *change.after.mutable_members(index) = changed;
  change.events.push_back(MemberEventOf<v1::MemberUpdated>(change.after, changed));
  return change;
}

Result<HouseholdChange> RemoveMember(const v1::Household& household, const v1::RemoveMemberRequest& request) {
  if (std::optional<Error> inactive = RefuseUnlessActive(household)) return std::move(*inactive);
  const int index = PlaceOfMember(household, request.member_id());
  if (index < 0) return NoSuchMember(household, request.member_id());
  const v1::Member& leaving = household.members(index);
  if (leaving.member_id() == household.head_member_id()) {
    return Error::FailedPrecondition("member " + request.member_id() +
                                     " is the head of household; make someone else head first "
                                     "(UpdateHousehold)")
        .WithKey("error.member.is_head", {{"member", request.member_id()}});
  }
  HouseholdChange change = MembersChanged(household);
  change.after.mutable_members()->DeleteSubrange(index, 1);
  v1::MemberRemoved event = MemberEventOf<v1::MemberRemoved>(change.after, leaving);
  event.set_reason(request.reason());
  change.events.push_back(std::move(event));
  return change;
}

}  // namespace ansinh::registry
