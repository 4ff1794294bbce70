#include "registry/core/household_erasure.h"

#include <algorithm>

#include "personal_data/personal_fields.h"

namespace ansinh::registry {

Result<HouseholdChange> EraseHousehold(const v1::Household& household, const ErasureOrder& order) {
  if (household.has_erasure()) {
    return Error::FailedPrecondition("the personal data of household " + household.household_id() +
                                     " is already erased")
        .WithKey("error.household.already_erased", {{"household", household.household_id()}});
  }
  if (order.reason == v1::ERASURE_REASON_RETENTION_ENDED &&
      household.status() == v1::HOUSEHOLD_STATUS_ACTIVE) {
    return Error::FailedPrecondition("household " + household.household_id() +
                                     " still lives in the ward: its retention period has not begun")
        .WithKey("error.household.retention_not_begun", {{"household", household.household_id()}});
  }
  HouseholdChange change;
  change.after = household;
  personal_data::DropPersonalFields(change.after);
  change.after.set_version(household.version() + 1);
  v1::Erasure& erasure = *change.after.mutable_erasure();
  erasure.set_reason(order.reason);
  erasure.set_erased_on(order.today);
  erasure.set_erased_by(order.erased_by);
  erasure.set_reference(order.reference);
  change.erases_personal_data = true;
  v1::HouseholdErased event;
  event.set_household_id(household.household_id());
  event.set_household_version(change.after.version());
  event.set_residential_group(household.residential_group());
  *event.mutable_erasure() = erasure;
  change.events.push_back(std::move(event));
  return change;
}

void EraseMemberFromSurvey(v1::Survey& survey, const std::string& member_id, const v1::Erasure& erasure) {
  for (v1::Member& member : *survey.mutable_members()) {
    if (member.member_id() != member_id) continue;
    personal_data::DropPersonalFields(member);
    *member.mutable_erasure() = erasure;
  }
}

Result<HouseholdChange> EraseFormerMember(const v1::Household& household, const std::string& member_id,
                                          const std::vector<v1::Survey>& surveys, const ErasureOrder& order) {
  if (household.has_erasure()) {
    return Error::FailedPrecondition("the personal data of household " + household.household_id() +
                                     " is already erased")
        .WithKey("error.household.already_erased", {{"household", household.household_id()}});
  }
  for (const v1::Member& member : household.members()) {
    if (member.member_id() != member_id) continue;
    return Error::FailedPrecondition(
               "member " + member_id + " still belongs to household " + household.household_id() +
               ": their data serves its reviews; remove them first, or erase the household")
        .WithKey("error.member.erase_current",
                 {{"household", household.household_id()}, {"member", member_id}});
  }
  const bool held = std::any_of(surveys.begin(), surveys.end(), [&](const v1::Survey& survey) {
    return std::any_of(survey.members().begin(), survey.members().end(), [&](const v1::Member& member) {
      return member.member_id() == member_id && !member.has_erasure();
    });
  });
  if (!held) {
    return Error::NotFound("no survey of household " + household.household_id() + " holds data of member " +
                           member_id)
        .WithKey("error.member.nothing_held",
                 {{"household", household.household_id()}, {"member", member_id}});
  }
  HouseholdChange change;
  change.after = household;
  change.after.set_version(household.version() + 1);
  change.erased_member_id = member_id;
  v1::HouseholdErased event;
  event.set_household_id(household.household_id());
  event.set_household_version(change.after.version());
  event.set_residential_group(household.residential_group());
  event.set_member_id(member_id);
  v1::Erasure& erasure = *event.mutable_erasure();
  erasure.set_reason(order.reason);
  erasure.set_erased_on(order.today);
  erasure.set_erased_by(order.erased_by);
  erasure.set_reference(order.reference);
  change.kept_surveys = surveys;
  for (v1::Survey& survey : change.kept_surveys) EraseMemberFromSurvey(survey, member_id, erasure);
  change.events.push_back(std::move(event));
  return change;
}

}  // namespace ansinh::registry
