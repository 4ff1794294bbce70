#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "ansinh/v1/household.pb.h"
#include "registry/core/demo/deterministic_random.h"

namespace ansinh::registry::demo {

// Hands out CCCD numbers shaped like real ones and never twice:
// 3 digits of birth province, 1 digit of sex and birth century (0/1 male/female
// born 1900-1999, 2/3 born 2000-2099), 2 digits of birth year, 6 serial
// digits. Most residents were born in Thừa Thiên Huế (046), some elsewhere.
//
// Uniqueness is by construction, not by checking: each (province, sex and
// century, year) prefix has its own counter, and the serial is the counter
// through a fixed permutation of 0..999999 (multiplication by a number coprime
// to 10^6), so serials look scattered but cannot repeat. A prefix that runs
// out of its million serials moves on to the next province.
class NationalIdAllocator {
 public:
  // The 12 digits for a person of this sex born in `birth_year`.
  std::string Allocate(DeterministicRandom& random, v1::Sex sex, int birth_year);

 private:
  std::map<std::string, int64_t> issued_by_prefix_;
};

}  // namespace ansinh::registry::demo
