#include "registry/core/household_id.h"

#include <charconv>
#include <cstdio>

namespace ansinh::registry {

long long HouseholdIdNumber(std::string_view household_id) {
  constexpr std::string_view kPrefix = "HH-";
  if (!household_id.starts_with(kPrefix)) return -1;
  household_id.remove_prefix(kPrefix.size());
  long long number = -1;
  auto [end, error] = std::from_chars(household_id.data(), household_id.data() + household_id.size(), number);
  if (error != std::errc() || end != household_id.data() + household_id.size()) return -1;
  return number;
}

std::string FormatHouseholdId(long long number) {
  char text[32];
  std::snprintf(text, sizeof(text), "HH-%06lld", number);
  return text;
}

}  // namespace ansinh::registry
