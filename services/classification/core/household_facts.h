// The facts of a survey the indicator rules share: each member's date of
// birth and age on the survey date, computed once per classification.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::classification {

struct MemberFacts {
  const v1::Member* member = nullptr;
  // Position in Survey.members, for field paths in violations.
  int index = 0;
  // Completed years on the survey date.
  int age = 0;
  // The parsed date of birth: working age ends in a month that depends on it
  // (labour_capacity.h).
  CivilDate birth;
};

struct HouseholdFacts {
  CivilDate as_of;
  std::vector<MemberFacts> members;
};

// Ages on the survey date. Appends a violation for a survey date or a date of
// birth that does not parse, or a birth after the survey date; members with a
// bad date of birth are left out.
HouseholdFacts BuildHouseholdFacts(const v1::Survey& survey, FieldViolations& violations);

// "members[2].education_level".
std::string MemberField(int index, std::string_view field);

}  // namespace ansinh::classification
