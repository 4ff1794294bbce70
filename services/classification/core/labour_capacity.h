// Labour capacity (docs/domain.md §3.4): a member can work when within the
// standard's working-age band for their sex and not having lost working
// capacity. The resolution's headline target counts poor households in which
// no member can work.
#pragma once

#include <vector>

#include "ansinh/v1/standard.pb.h"
#include "classification/core/household_facts.h"
#include "kernel/result.h"

namespace ansinh::classification {

// The band for `sex`; null for SEX_UNSPECIFIED (a validated standard has one
// band per sex).
const v1::WorkingAgeBand* FindWorkingAgeBand(const v1::Standard& standard, v1::Sex sex);

// Whether an age could be of working age for some sex: then the member's sex
// must be known to decide.
bool AgeNeedsSex(const v1::Standard& standard, int age);

bool IsOfWorkingAge(const v1::Standard& standard, v1::Sex sex, int age);

bool HasLabourCapacity(const v1::Standard& standard, const MemberFacts& member);

// Members with labour capacity. Appends a violation for a member whose sex is
// needed to decide and is not recorded.
int CountMembersWithLabourCapacity(const v1::Standard& standard, const HouseholdFacts& facts,
                                   FieldViolations& missing);

}  // namespace ansinh::classification
