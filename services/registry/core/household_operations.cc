#include "registry/core/household_operations.h"

#include <utility>

#include "i18n/proto/localized_text.h"
#include "registry/core/household_changes.h"

namespace ansinh::registry {
namespace {

// MoveOut and Dissolve differ only in the status and the payload type,
// whose fields are the same.
template <typename EndedEvent>
Result<HouseholdChange> EndActiveHousehold(const v1::Household& household, v1::HouseholdStatus ending,
                                           const std::string& reason, const std::string& today) {
  if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
    return Error::FailedPrecondition("household " + household.household_id() + " is already " +
                                     v1::HouseholdStatus_Name(household.status()))
        .WithKey("error.household.already_ended",
                 {{"household", household.household_id()}, {"status", i18n::EnumArg(household.status())}});
  }
  HouseholdChange change;
  change.after = household;
  change.after.set_status(ending);
  change.after.set_departed_on(today);
  change.after.set_version(household.version() + 1);
  EndedEvent event;
  event.set_household_id(household.household_id());
  event.set_household_version(change.after.version());
  event.set_residential_group(household.residential_group());
  event.set_reason(reason);
  change.events.push_back(std::move(event));
  return change;
}

}  // namespace

std::optional<Error> RefuseUnlessActive(const v1::Household& household) {
  if (household.status() == v1::HOUSEHOLD_STATUS_ACTIVE) return std::nullopt;
  return Error::FailedPrecondition("household " + household.household_id() + " is no longer active")
      .WithKey("error.household.not_active", {{"household", household.household_id()}});
}

Result<HouseholdChange> UpdateHousehold(const v1::Household& household,
                                        const v1::UpdateHouseholdRequest& request) {
  if (std::optional<Error> inactive = RefuseUnlessActive(household)) return std::move(*inactive);
  HouseholdUpdate update = ApplyUpdate(household, request);
  if (!update.violations.empty()) return Error::InvalidArgument(std::move(update.violations));
  HouseholdChange change;
  change.after = std::move(update.after);
  change.after.set_version(household.version() + 1);
  v1::HouseholdUpdated event;
  *event.mutable_household() = change.after;
  for (std::string& field : update.changed_fields) event.add_changed_fields(std::move(field));
  event.set_previous_residential_group(household.residential_group());
  change.events.push_back(std::move(event));
  return change;
}

Result<HouseholdChange> MoveOut(const v1::Household& household, const std::string& reason,
                                const std::string& today) {
  return EndActiveHousehold<v1::HouseholdMovedOut>(household, v1::HOUSEHOLD_STATUS_MOVED_OUT, reason, today);
}

Result<HouseholdChange> Dissolve(const v1::Household& household, const std::string& reason,
                                 const std::string& today) {
  return EndActiveHousehold<v1::HouseholdDissolved>(household, v1::HOUSEHOLD_STATUS_DISSOLVED, reason, today);
}

}  // namespace ansinh::registry
