#pragma once

// The changes of a household as a whole, decided on the household as read:
// a new address, group or head, and its end (moving out of the ward,
// dissolving). Each returns the whole change (household after, its version
// one more, the event) or why not; the adapter checks the version the caller
// read and commits.

#include <optional>
#include <string>

#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "kernel/error.h"
#include "kernel/result.h"
#include "registry/core/household_events.h"

namespace ansinh::registry {

// FAILED_PRECONDITION "household <id> is no longer active" for a household
// that moved out or was dissolved: its data and members are closed to
// change. nullopt for an active one.
std::optional<Error> RefuseUnlessActive(const v1::Household& household);

// UpdateHouseholdRequest (checked on its own by ValidateUpdateRequest)
// applied: HouseholdUpdated with the household after, the fields that
// changed and the group before. INVALID_ARGUMENT with ApplyUpdate's
// violations when it does not fit this household or changes nothing.
Result<HouseholdChange> UpdateHousehold(const v1::Household& household,
                                        const v1::UpdateHouseholdRequest& request);

// Status MOVED_OUT, departed on `today` (ward date YYYY-MM-DD), and
// HouseholdMovedOut with `reason`; FAILED_PRECONDITION "household <id> is
// already <status>" when it is not active.
Result<HouseholdChange> MoveOut(const v1::Household& household, const std::string& reason,
                                const std::string& today);

// Status DISSOLVED and HouseholdDissolved with `reason`; as MoveOut.
Result<HouseholdChange> Dissolve(const v1::Household& household, const std::string& reason,
                                 const std::string& today);

}  // namespace ansinh::registry
