// The survey facts each kind of indicator turns on: the facts whose value can
// make the household deprived on it. The validator uses them so that no
// standard lets one fact deprive a household twice (two indicators reading
// the same fact about the same members). Ages only select the members an
// indicator looks at; they are a scope here, not a fact.
#pragma once

#include <limits>
#include <string_view>
#include <vector>

#include "ansinh/v1/standard.pb.h"

namespace ansinh {

inline constexpr int kAnyAge = std::numeric_limits<int>::max();

struct DecidingFact {
  // The survey field, "water_source", or a member field, "members.nutrition".
  std::string_view field;
  // For a member field, the completed years of the members whose value the
  // indicator reads, both inclusive; 0 to kAnyAge for a household field.
  int min_age = 0;
  int max_age = kAnyAge;
};

// The facts `indicator` reads, with the age scopes its thresholds give. Empty
// for an indicator without its thresholds block (the validator refuses it).
// Must match what indicator_rules.cc reads.
std::vector<DecidingFact> DecidingFacts(const v1::Indicator& indicator);

}  // namespace ansinh
