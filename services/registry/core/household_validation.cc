#include "registry/core/household_validation.h"

#include <map>
#include <optional>
#include <string>

#include "registry/core/household_code.h"
#include "registry/core/validation_checks.h"

namespace ansinh::registry {
namespace {

using internal::CheckKnownEnum;
using internal::CheckNotBlank;
using internal::CheckRequiredEnum;

bool IsTwelveDigits(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string MemberPath(int index) { return "members[" + std::to_string(index) + "]"; }

void CheckNationalId(const v1::Member& member, std::optional<int> age, FieldViolations& out) {
  const std::string& id = member.national_id();
  if (!id.empty()) {
    if (!IsTwelveDigits(id)) {
      out.push_back({"national_id", "a CCCD is exactly 12 digits, got \"" + id + "\""});
    }
    return;
  }
  // Without a valid birth date the age is unknown; the date's own violation
  // already tells the officer what to fix.
  if (age && *age >= kNationalIdRequiredFromAge) {
    out.push_back({"national_id",
                   "required from age " + std::to_string(kNationalIdRequiredFromAge) + " (CCCD, 12 digits)"});
  }
}

void CheckHeadCount(const google::protobuf::RepeatedPtrField<v1::Member>& members, FieldViolations& out) {
  std::optional<int> first_head;
  for (int i = 0; i < members.size(); ++i) {
    if (members[i].relation_to_head() != v1::RELATION_TO_HEAD_HEAD) continue;
    if (!first_head) {
      first_head = i;
    } else {
      out.push_back({MemberPath(i) + ".relation_to_head",
                     "a second head: " + MemberPath(*first_head) + " is already the head"});
    }
  }
  if (!first_head) {
    out.push_back({"members",
                   "no member has relation_to_head RELATION_TO_HEAD_HEAD; "
                   "exactly one head is required"});
  }
}

// Reports every repetition of a non-empty value of `field`, naming the
// member that had it first.
template <typename Getter>
void CheckUnique(const google::protobuf::RepeatedPtrField<v1::Member>& members, std::string_view field,
                 std::string_view what, Getter get, FieldViolations& out) {
  std::map<std::string, int> first_index;
  for (int i = 0; i < members.size(); ++i) {
    const std::string& value = get(members[i]);
    if (value.empty()) continue;
    const auto [it, inserted] = first_index.emplace(value, i);
    if (!inserted) {
      out.push_back({MemberPath(i) + "." + std::string(field),
                     "same " + std::string(what) + " as " + MemberPath(it->second)});
    }
  }
}

}  // namespace

FieldViolations ValidateMember(const v1::Member& member, CivilDate today) {
  FieldViolations out;
  CheckNotBlank(member.full_name(), "full_name", "the member's full name", out);
  const std::optional<CivilDate> birth =
      internal::CheckPastDate(member.date_of_birth(), "date_of_birth", kEarliestBirthDate, today, out);
  const std::optional<int> age = birth ? std::optional<int>(AgeInYears(*birth, today)) : std::nullopt;
  CheckNationalId(member, age, out);
  CheckRequiredEnum(member.sex(), v1::Sex_IsValid, "sex", out);
  CheckRequiredEnum(member.relation_to_head(), v1::RelationToHead_IsValid, "relation_to_head", out);
  CheckRequiredEnum(member.employment(), v1::Employment_IsValid, "employment", out);
  if (age && *age >= kEducationRequiredFromAge) {
    CheckRequiredEnum(member.education_level(), v1::EducationLevel_IsValid, "education_level", out);
  } else {
    CheckKnownEnum(member.education_level(), v1::EducationLevel_IsValid, "education_level", out);
  }
  if (age && *age < kNutritionRequiredUnderAge) {
    CheckRequiredEnum(member.nutrition(), v1::Nutrition_IsValid, "nutrition", out);
  } else {
    CheckKnownEnum(member.nutrition(), v1::Nutrition_IsValid, "nutrition", out);
  }
  if (member.monthly_social_allowance_vnd() < 0) {
    out.push_back({"monthly_social_allowance_vnd", "negative"});
  }
  return out;
}

FieldViolations ValidateMembers(const google::protobuf::RepeatedPtrField<v1::Member>& members,
                                CivilDate today) {
  FieldViolations out;
  for (int i = 0; i < members.size(); ++i) {
    for (FieldViolation& violation : PrefixFieldPaths(MemberPath(i), ValidateMember(members[i], today))) {
      out.push_back(std::move(violation));
    }
  }
  if (members.empty()) {
    out.push_back({"members", "at least one member, the head, is required"});
    return out;
  }
  CheckHeadCount(members, out);
  CheckUnique(
      members, "member_id", "member_id",
      [](const v1::Member& m) -> const std::string& { return m.member_id(); }, out);
  CheckUnique(
      members, "national_id", "CCCD",
      [](const v1::Member& m) -> const std::string& { return m.national_id(); }, out);
  return out;
}

FieldViolations ValidateHousehold(const v1::Household& household, CivilDate today) {
  FieldViolations out;
  CheckNotBlank(household.address(), "address", "the household's address", out);
  if (internal::IsBlank(household.residential_group())) {
    out.push_back({"residential_group", "required: the residential group, e.g. TDP-05"});
  } else if (!ResidentialGroupNumber(household.residential_group())) {
    out.push_back({"residential_group", "must end with the group's number, e.g. TDP-05; got \"" +
                                            household.residential_group() + "\""});
  }
  CheckRequiredEnum(household.area_type(), v1::AreaType_IsValid, "area_type", out);
  CheckKnownEnum(household.status(), v1::HouseholdStatus_IsValid, "status", out);
  for (FieldViolation& violation : ValidateMembers(household.members(), today)) {
    out.push_back(std::move(violation));
  }
  if (!household.head_member_id().empty()) {
    const auto& members = household.members();
    int index = 0;
    while (index < members.size() && members[index].member_id() != household.head_member_id()) {
      ++index;
    }
    if (index == members.size()) {
      out.push_back(
          {"head_member_id", "names no member of the household: \"" + household.head_member_id() + "\""});
    } else if (members[index].relation_to_head() != v1::RELATION_TO_HEAD_HEAD) {
      out.push_back({"head_member_id", "names " + MemberPath(index) +
                                           ", whose relation_to_head is not "
                                           "RELATION_TO_HEAD_HEAD"});
    }
  }
  return out;
}

}  // namespace ansinh::registry
