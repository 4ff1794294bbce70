// What-if: classify households' latest surveys under a chosen standard
// (ignoring their review year) and compare with their official categories,
// e.g. which households fall under the Decree 351/2025 lines before
// 1 January 2027 (docs/domain.md §3.3).
#pragma once

#include <span>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/standard.pb.h"

namespace ansinh::classification {

struct WhatIfHousehold {
  // The household's latest survey; never null.
  const v1::Survey* survey = nullptr;
  // UNSPECIFIED when the household has never had an approved result.
  v1::PovertyCategory official_category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  bool official_without_labour_capacity = false;
};

// Classifies every household under `standard` and compares. A household the
// standard cannot classify is listed in errors and counted nowhere else;
// tallies, changes and the labour-capacity counts cover classified
// households only, and a household without an official category is
// classified but not compared. For one household's explained result, call
// Classify (classifier.h) as well.
v1::WhatIfReport RunWhatIf(const v1::Standard& standard, std::span<const WhatIfHousehold> households);

// Adds `part` (a report of other households under the same standard) to
// `total`: a ward too large to hold in memory at once is run in batches.
// Changes and errors stay ordered by household id.
void MergeWhatIfReports(v1::WhatIfReport& total, const v1::WhatIfReport& part);

}  // namespace ansinh::classification
