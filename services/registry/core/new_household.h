#pragma once

#include <string>

#include "ansinh/v1/household.pb.h"

namespace ansinh::registry {

// The identity the registry gives a validated household when registering it
// (CreateHousehold, ImportHouseholds, the demo ward): `household_id`, `code`,
// status ACTIVE, version 1, member ids "M1", "M2", ... in the given order,
// and head_member_id naming the member whose relation is HEAD. Whatever ids
// the caller sent are replaced.
v1::Household PrepareNewHousehold(v1::Household household, std::string household_id, std::string code);

}  // namespace ansinh::registry
