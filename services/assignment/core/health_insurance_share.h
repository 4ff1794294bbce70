#pragma once

// The share of a health-insurance card the state pays, by the household's
// official category (docs/domain.md §5): the whole card for a POOR household,
// at least 70% for a NEAR_POOR one. For any other household (one in follow-up
// after its escape) the law sets no floor the ward could check, so any
// percentage from 0 to 100 is accepted.

#include <optional>
#include <string>

#include "ansinh/v1/common.pb.h"

namespace ansinh::assignment {

// The range of state shares, in percent, a category allows (both ends included).
struct StateShareRange {
  int min_percent;
  int max_percent;
};

StateShareRange ExpectedStateShare(v1::PovertyCategory category);

// Why `percent` is not a share the state pays for a household of `category`,
// in words; nullopt when it is.
std::optional<std::string> StateShareMismatch(v1::PovertyCategory category, int percent);

}  // namespace ansinh::assignment
