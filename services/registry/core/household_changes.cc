#include "registry/core/household_changes.h"

#include <set>

#include "registry/core/household_code.h"
#include "registry/core/household_validation.h"
#include "registry/core/validation_checks.h"

namespace ansinh::registry {
namespace {

int IndexOf(const v1::Household& household, const std::string& member_id) {
  for (int i = 0; i < household.members_size(); ++i) {
    if (household.members(i).member_id() == member_id) return i;
  }
  return -1;
}

std::string Named(const v1::Member& member) { return member.member_id() + " (" + member.full_name() + ")"; }

void CheckCccdNotInHousehold(const v1::Household& household, int skip_index, const v1::Member& member,
                             FieldViolations& out) {
  if (member.national_id().empty()) return;
  for (int i = 0; i < household.members_size(); ++i) {
    if (i != skip_index && household.members(i).national_id() == member.national_id()) {
      out.push_back({"member.national_id",
                     "same CCCD as member " + Named(household.members(i)) + " of this household"});
    }
  }
}

}  // namespace

FieldViolations ValidateUpdateRequest(const v1::UpdateHouseholdRequest& request) {
  FieldViolations out;
  if (internal::IsBlank(request.household_id())) out.push_back({"household_id", "required"});
  if (request.expected_version() == 0) {
    out.push_back({"expected_version", "required: the version you read"});
  }
  if (request.address().empty() && request.residential_group().empty() && request.head_member_id().empty()) {
    out.push_back({"address",
                   "nothing to change: give an address, a residential_group or a "
                   "head_member_id"});
  }
  if (!request.address().empty() && internal::IsBlank(request.address())) {
    out.push_back({"address", "only spaces: give the new address, or leave it empty to keep it"});
  }
  if (!request.residential_group().empty() && !ResidentialGroupNumber(request.residential_group())) {
    out.push_back({"residential_group", "must end with the group's number, e.g. TDP-05; got \"" +
                                            request.residential_group() + "\""});
  }
  if (request.head_member_id().empty() && request.relations_size() > 0) {
    out.push_back({"relations", "relations change only with a new head_member_id"});
  }
  std::set<std::string> seen;
  for (int i = 0; i < request.relations_size(); ++i) {
    const v1::MemberRelation& relation = request.relations(i);
    const std::string path = "relations[" + std::to_string(i) + "]";
    if (relation.member_id().empty()) {
      out.push_back({path + ".member_id", "required"});
    } else if (relation.member_id() == request.head_member_id()) {
      out.push_back({path + ".member_id", relation.member_id() +
                                              " becomes the head (relation HEAD); give the "
                                              "relations of the other members"});
    } else if (!seen.insert(relation.member_id()).second) {
      out.push_back({path + ".member_id", relation.member_id() + " is given twice"});
    }
    if (relation.relation_to_head() == v1::RELATION_TO_HEAD_HEAD) {
      out.push_back({path + ".relation_to_head", "only head_member_id becomes the head"});
    } else {
      internal::CheckRequiredEnum(relation.relation_to_head(), v1::RelationToHead_IsValid,
                                  path + ".relation_to_head", out);
    }
  }
  return out;
}

HouseholdUpdate ApplyUpdate(const v1::Household& before, const v1::UpdateHouseholdRequest& request) {
  HouseholdUpdate update;
  update.after = before;
  v1::Household& after = update.after;
  FieldViolations& out = update.violations;
  if (!request.address().empty() && request.address() != before.address()) {
    after.set_address(request.address());
    update.changed_fields.push_back("address");
  }
  if (!request.residential_group().empty() && request.residential_group() != before.residential_group()) {
    after.set_residential_group(request.residential_group());
    update.changed_fields.push_back("residential_group");
  }
  const std::string& new_head = request.head_member_id();
  if (!new_head.empty() && new_head == before.head_member_id()) {
    if (request.relations_size() > 0) {
      out.push_back({"relations", new_head + " is already the head; change other members' "
                                             "relations with UpdateMember"});
    }
  } else if (!new_head.empty()) {
    const int head_index = IndexOf(before, new_head);
    if (head_index < 0) {
      out.push_back({"head_member_id", "no member " + new_head + " in household " + before.household_id()});
    }
    bool former_head_placed = false;
    for (int i = 0; i < request.relations_size(); ++i) {
      const v1::MemberRelation& relation = request.relations(i);
      const int index = IndexOf(before, relation.member_id());
      if (index < 0) {
        out.push_back({"relations[" + std::to_string(i) + "].member_id",
                       "no member " + relation.member_id() + " in household " + before.household_id()});
        continue;
      }
      if (relation.member_id() == before.head_member_id()) former_head_placed = true;
      after.mutable_members(index)->set_relation_to_head(relation.relation_to_head());
    }
    const int former_index = IndexOf(before, before.head_member_id());
    if (former_index >= 0 && !former_head_placed) {
      out.push_back({"relations", "give the former head " + Named(before.members(former_index)) +
                                      " a relation to the new head"});
    }
    if (head_index >= 0) {
      after.mutable_members(head_index)->set_relation_to_head(v1::RELATION_TO_HEAD_HEAD);
      after.set_head_member_id(new_head);
      update.changed_fields.push_back("head_member_id");
    }
  }
  if (out.empty() && update.changed_fields.empty()) {
    out.push_back({"address", "the request changes nothing: household " + before.household_id() +
                                  " already has this address, group and head"});
  }
  return update;
}

FieldViolations ValidateNewMember(const v1::Household& household, const v1::Member& member, CivilDate today) {
  FieldViolations out = PrefixFieldPaths("member", ValidateMember(member, today));
  if (member.relation_to_head() == v1::RELATION_TO_HEAD_HEAD) {
    out.push_back({"member.relation_to_head",
                   "a new member cannot be the head; add them, then make them head with "
                   "UpdateHousehold.head_member_id"});
  }
  CheckCccdNotInHousehold(household, -1, member, out);
  return out;
}

FieldViolations ValidateMemberReplacement(const v1::Household& household, int index, const v1::Member& member,
                                          CivilDate today) {
  FieldViolations out = PrefixFieldPaths("member", ValidateMember(member, today));
  const bool was_head = household.members(index).relation_to_head() == v1::RELATION_TO_HEAD_HEAD;
  const bool is_head = member.relation_to_head() == v1::RELATION_TO_HEAD_HEAD;
  if (was_head != is_head) {
    out.push_back({"member.relation_to_head",
                   was_head ? "the head keeps relation HEAD; change the head with "
                              "UpdateHousehold.head_member_id"
                            : "the head changes only through UpdateHousehold.head_member_id"});
  }
  CheckCccdNotInHousehold(household, index, member, out);
  return out;
}

}  // namespace ansinh::registry
