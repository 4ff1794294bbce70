#pragma once

#include <chrono>

#include "ansinh/v1/common.pb.h"
#include "registry/core/civil_date.h"

namespace ansinh::registry {

// The ward's configuration as the registry needs it.
struct WardSettings {
  // Wards (phường) are urban, communes (xã) rural: every household of the
  // ward gets this area type (flag --area-type).
  v1::AreaType area_type = v1::AREA_TYPE_URBAN;
  int partitions = 1;
  // The most rows one ImportHouseholds stream may carry (flag
  // --max-import-rows): a bound on what one call can make the registry do.
  int64_t max_import_rows = 250000;
};

// Today in Vietnam (UTC+7): birth and survey dates are checked against the
// calendar day the officer sees, not the server's UTC day.
inline CivilDate TodayInVietnam() {
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(7);
  return CivilDate{std::chrono::floor<std::chrono::days>(now)};
}

}  // namespace ansinh::registry
