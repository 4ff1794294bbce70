#pragma once

#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "registry/core/demo/deterministic_random.h"

namespace ansinh::registry::demo {

// Who lives in a household.
enum class HouseholdShape {
  kSingleAdult,
  kYoungCouple,
  kCoupleWithChildren,
  kSingleParent,
  // Head, spouse, children and the head's elderly parent(s).
  kThreeGenerations,
  // An elderly head with a married child, the child's spouse and grandchildren.
  kElderlyHeadWithFamily,
  kCoupleWithAdultChildren,
  kElderlyCouple,
  kSingleElderly,
  // Households in which nobody can work (docs/domain.md §3.4): everyone is a child
  // under 14, well past any retirement age (66 or older), or lost their
  // working capacity.
  kLoneFrailElderly,
  kFrailElderlyCouple,
  kElderlyWithDisabledChild,
  kGrandparentWithGrandchildren,
  kDisabledAlone,
};

// A person before their schooling, work and health are filled in.
struct PersonDraft {
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  // Completed years on the survey date.
  int age = 0;
  v1::RelationToHead relation = v1::RELATION_TO_HEAD_UNSPECIFIED;
  std::string full_name;
  bool has_disability = false;
  bool lost_working_capacity = false;
};

// A shape for a household with at least one adult of working age. Poor
// households get more children and single parents, and never the elderly-only
// shapes (those would have no labour capacity).
HouseholdShape PickWorkingShape(DeterministicRandom& random, bool poor);

// A shape from the no-labour-capacity ones.
HouseholdShape PickShapeWithoutLabourCapacity(DeterministicRandom& random);

// The people of a household of `shape`, the head first, with names that
// follow Vietnamese custom (children take their father's family name, wives
// keep their own).
std::vector<PersonDraft> ComposeHousehold(DeterministicRandom& random, HouseholdShape shape, bool poor);

}  // namespace ansinh::registry::demo
