#include "registry/core/household_erasure.h"

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

}  // namespace ansinh::registry
