#pragma once

// Which poverty standard each review year of the history applies, and the
// urban lines the plan draws incomes against (docs/domain.md §3.0: the review
// held at the end of year Y decides the list of Y+1 with its standard).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/standard.pb.h"
#include "kernel/result.h"

namespace ansinh::demo_history {

struct YearStandard {
  int review_year = 0;
  // Points into the span given to StandardsForYears.
  const v1::Standard* standard = nullptr;
  // The demo ward is urban: the urban lines of the standard.
  int64_t poverty_line_vnd = 0;
  // The top of the AVERAGE band; unset for a standard without one (Decree 351/2025).
  std::optional<int64_t> average_band_upper_vnd;
  // Deprived indicators that make a household below the line poor (3).
  int poor_deprivation_count = 0;
};

// The standard of every periodic review year from `first_year` to
// `last_year`. FAILED_PRECONDITION naming the year when no standard of
// `standards` covers its list year or the standard has no urban lines.
Result<std::vector<YearStandard>> StandardsForYears(std::span<const v1::Standard> standards, int first_year,
                                                    int last_year);

}  // namespace ansinh::demo_history
