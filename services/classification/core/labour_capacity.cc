#include "classification/core/labour_capacity.h"

namespace ansinh::classification {

const v1::WorkingAgeBand* FindWorkingAgeBand(const v1::Standard& standard, v1::Sex sex) {
  if (sex == v1::SEX_UNSPECIFIED) return nullptr;
  for (const v1::WorkingAgeBand& band : standard.working_age()) {
    if (band.sex() == sex) return &band;
  }
  return nullptr;
}

bool AgeNeedsSex(const v1::Standard& standard, int age) {
  for (const v1::WorkingAgeBand& band : standard.working_age()) {
    if (age >= band.min_age() && age <= band.max_age()) return true;
  }
  return false;
}

bool IsOfWorkingAge(const v1::Standard& standard, v1::Sex sex, int age) {
  const v1::WorkingAgeBand* band = FindWorkingAgeBand(standard, sex);
  return band != nullptr && age >= band->min_age() && age <= band->max_age();
}

bool HasLabourCapacity(const v1::Standard& standard, const MemberFacts& member) {
  return !member.member->lost_working_capacity() &&
         IsOfWorkingAge(standard, member.member->sex(), member.age);
}

int CountMembersWithLabourCapacity(const v1::Standard& standard, const HouseholdFacts& facts,
                                   FieldViolations& missing) {
  int count = 0;
  for (const MemberFacts& member : facts.members) {
    if (member.member->sex() == v1::SEX_UNSPECIFIED && !member.member->lost_working_capacity() &&
        AgeNeedsSex(standard, member.age)) {
      missing.push_back({MemberField(member.index, "sex"),
                         "is needed to tell whether the member is of working "
                         "age",
                         "violation.member.sex_for_working_age"});
      continue;
    }
    if (HasLabourCapacity(standard, member)) ++count;
  }
  return count;
}

}  // namespace ansinh::classification
