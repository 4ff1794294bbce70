#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ansinh::registry {

// Household codes are what staff say on the phone: "T05-017" is the 17th
// household registered in residential group (tổ dân phố) 5. The registry keeps
// one counter per group and never reuses a number, so a code stays unique in
// the ward even after households move out or change group.

// The number a residential group's name ends with: "TDP-05" -> 5,
// "Tổ 12" -> 12. nullopt when the name does not end in 1 to 6 digits.
std::optional<int> ResidentialGroupNumber(std::string_view residential_group);

// "T" + the group number (at least 2 digits) + "-" + the sequence within the
// group (at least 3 digits): ("TDP-05", 17) -> "T05-017",
// ("TDP-123", 1042) -> "T123-1042". nullopt when the group has no number or
// the sequence is below 1.
std::optional<std::string> MakeHouseholdCode(std::string_view residential_group, int64_t sequence);

// A code as typed or spoken, case and zero padding free, in its canonical
// form: "t5-17", " T05-017 ", "5-17" -> "T05-017". nullopt when it is not a
// code.
std::optional<std::string> NormalizeHouseholdCode(std::string_view typed);

}  // namespace ansinh::registry
