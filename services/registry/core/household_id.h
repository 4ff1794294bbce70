#pragma once

#include <string>
#include <string_view>

namespace ansinh::registry {

// Household ids are "HH-" and a ward-wide number of at least six digits,
// given in registration order and never reused.

// "HH-000123" -> 123; -1 when `household_id` is not of that form.
long long HouseholdIdNumber(std::string_view household_id);

// 123 -> "HH-000123".
std::string FormatHouseholdId(long long number);

}  // namespace ansinh::registry
