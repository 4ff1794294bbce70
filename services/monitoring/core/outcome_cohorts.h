#pragma once

// Who was supported, and what became of them: the households of each outcome
// group (docs/outcomes.md), read from their figure records. Pure: the adapter
// hands in the records of the supported households (outcome_index.h).
//
// A household belongs to a group when, within the period, it received support
// the group names (its type, source, credit programme, livelihood model, the
// organization responsible or the case's helper then, or its residential
// group) or joined a livelihood model the group names. From the first such day
// (its entry) on, the household is followed:
//   - its list at entry is the official status in force that day (the latest
//     approval on or before it); only households on the poor or near-poor list
//     at entry are followed for escape;
//   - it escaped on the first approval after entry that puts it on a better
//     list (poor -> near-poor or out of both; near-poor -> out of both);
//   - it relapsed when an approval within kRelapseFollowUpMonths of the escape
//     puts it back on its list at entry or a worse one;
//   - it is observed until as_of, or until it left the ward if it did sooner;
//   - its income before is the latest measured income surveyed on or before
//     entry, its income after the first surveyed after entry.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::monitoring {

// The follow-up after an escape in which a return counts as a relapse: the
// assignment service's default follow-up (docs/assignment.md).
inline constexpr int kRelapseFollowUpMonths = 36;
// Months as Kaplan–Meier times: days / (365.25 / 12).
inline constexpr double kDaysPerMonth = 30.4375;

struct OutcomeQuery {
  v1::OutcomeDimension dimension = v1::OUTCOME_DIMENSION_UNSPECIFIED;
  CivilDate from;
  CivilDate to;
  CivilDate as_of;
  // Only this group when not empty.
  std::string key;
};

// One household followed in one group.
struct FollowedHousehold {
  std::string household_id;
  CivilDate entry;
  v1::PovertyCategory category_at_entry = v1::POVERTY_CATEGORY_UNSPECIFIED;
  // The last day it is observed: as_of, or the day it left the ward.
  CivilDate observed_until;
  std::optional<CivilDate> escaped_on;
  std::optional<CivilDate> relapsed_on;
  std::optional<std::int64_t> income_before_vnd;
  std::optional<std::int64_t> income_after_vnd;
  // Support deliveries of the group in the period, and their value.
  int deliveries = 0;
  std::int64_t amount_vnd = 0;

  bool on_list_at_entry() const;
  // Months from entry to the escape, or to the end of observation.
  double MonthsFollowed() const;
  // Escaped within `months` of entry.
  bool EscapedWithin(int months) const;
  // Observed for the whole `months` after entry, or escaped sooner: whether
  // "escaped within `months`" is known for it.
  bool KnownFor(int months) const;
};

struct OutcomeCohorts {
  // Every supported household of the period, whatever the group.
  std::vector<FollowedHousehold> ward;
  // By group key, each ordered by household id.
  std::map<std::string, std::vector<FollowedHousehold>> groups;
};

// The followed households of `query`'s period, by the group keys of its dimension.
OutcomeCohorts BuildOutcomeCohorts(std::span<const v1::HouseholdFigureRecord> records,
                                   const OutcomeQuery& query);

// The official category in force on `day` (the latest approval on or before
// it); UNSPECIFIED when none.
v1::PovertyCategory CategoryOn(const v1::HouseholdFigureRecord& record, CivilDate day);

}  // namespace ansinh::monitoring
