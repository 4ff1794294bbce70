#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/household.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::registry {

// The demo ward: a deterministic, realistic urban ward shaped like the seed
// ward (docs/domain.md §6: about 2,000 households, 4% poor at the first review
// under Decree 07/2021), for demos, integration tests and, with a larger
// household_count, benchmarks.
//
// Each household gets one periodic survey for the review year, and its data
// is built so that the Decree 07/2021 urban standard gives an intended
// category: poor households have an income at or below the line and at least
// three deprived indicators (more than any reading of a borderline age could
// take away), near-poor ones at most one (so one borderline reading cannot
// make them poor); some households above the line have up to three
// deprivations, as in real life (and to catch an OR-rule classifier).

// Enough for benchmarks; the CCCD allocator's capacity is far above it.
inline constexpr int64_t kMaxDemoHouseholds = 1'000'000;

struct DemoWardOptions {
  // How many households; clamped to 0..kMaxDemoHouseholds.
  int64_t household_count = 2000;
  // 0 chooses max(18, ceil(household_count / 112)): the seed ward's 18
  // groups "TDP-01".."TDP-18" at 2,000 households, about 112 households per
  // group in larger wards ("TDP-0001".. when there are 1,000 groups or more).
  // A positive value is used as given (at most kMaxDemoHouseholds).
  int residential_group_count = 0;
  int review_year = 2025;
  // Intended shares of households, per mille (the rest is NOT_POOR).
  int poor_per_mille = 40;
  int near_poor_per_mille = 45;
  int average_per_mille = 80;
  // Of the poor households, per mille in which nobody can work (the
  // resolution's target is at most 1.7% of all households).
  int poor_without_labour_capacity_per_mille = 350;
  // The Decree 07/2021 urban figures the data is built around (the
  // classifier reads its own copy from its standard files): the poverty line,
  // the top of the AVERAGE band, and the score A equivalent of the line.
  int64_t poverty_line_vnd = 2'000'000;
  int64_t average_band_upper_vnd = 3'000'000;
  int score_a_at_poverty_line = 175;
  // Appended to every address.
  std::string ward_name = "phường Hương Xuân";
  // The day the ward is loaded into the registry, which validates members as
  // of that day: a member who is 14 or older on it gets a CCCD and one who is
  // 6 or older an education level, however young on the survey date. Unset,
  // the ward is valid for about a year after the survey window (CCCDs from 13
  // and education levels from 5 on the survey date). These late additions
  // draw from their own random stream, so the rest of the ward (names,
  // tiers, surveys) does not depend on this day.
  std::optional<CivilDate> registered_on;
};

struct DemoHousehold {
  // As the registry would hold it: id "HH-000001", code "T01-001", status
  // ACTIVE, version 1, member ids, head_member_id.
  v1::Household household;
  // The periodic survey: id "SV-2025-000001-1", the household's id, members
  // snapshot, area type and group filled in.
  v1::Survey survey;
  // What the generator built the household to be under Decree 07/2021. The
  // classification service is the authority; this is for cross-checks.
  v1::PovertyCategory intended_category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  // A poor household in which nobody can work (docs/domain.md §3.4).
  bool intended_without_labour_capacity = false;
};

// The same seed and options give the same ward on every platform and
// standard library. Households come ordered by residential group, then code.
std::vector<DemoHousehold> GenerateDemoWard(uint64_t seed, const DemoWardOptions& options = {});

// The household as an ImportHouseholds row: the registry assigns ids, so the
// ids and the survey's snapshot are left out.
v1::ImportHouseholdsRequest ToImportRow(const DemoHousehold& demo, int64_t row_number);

}  // namespace ansinh::registry
