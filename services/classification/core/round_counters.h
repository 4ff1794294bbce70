// A round's progress kept as counters (docs/classification.md, "Round
// progress"): every step that changes a household of a round moves the
// counters by what changed, in the step's own transaction, so GetRoundProgress
// reads a few hash fields instead of every household of the round.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>

#include "ansinh/v1/classification.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::classification {

// The counter fields of a round: one per household state ("proposed",
// "posted", ...), "surveyed", "on_list", "carried_over", and for posted
// households one "posted-closes:<date>" per complaint-window closing date,
// which answers ready_for_approval on any day without reading a household.
// Counts can be negative in a delta, never in the sum.
using RoundCountFields = std::map<std::string, int64_t>;

// What one step moves: counts to add (zero entries left out) and the
// unclassifiable households to set (with what to correct) or to clear.
struct RoundCounterDelta {
  RoundCountFields counts;
  std::map<std::string, v1::HouseholdError> unclassifiable_set;
  std::set<std::string> unclassifiable_cleared;

  bool empty() const {
    return counts.empty() && unclassifiable_set.empty() && unclassifiable_cleared.empty();
  }
};

// The counters of a round as stored.
struct RoundCounters {
  RoundCountFields counts;
  // By household id.
  std::map<std::string, v1::HouseholdError> unclassifiable;
};

// What a household's record going from `before` (null: not in the round
// yet) to `after` moves.
RoundCounterDelta CounterDeltaOf(const v1::RoundHousehold* before, const v1::RoundHousehold& after);

// Adds `delta` to `into` (several households of one step, one write).
void AddDelta(RoundCounterDelta& into, const RoundCounterDelta& delta);

// The counters of a round from its households: what a round written before
// counters existed is given once (and the reference the tests hold the
// counters to).
RoundCounters CountersOf(std::span<const v1::RoundHousehold> households);

// The same answer as ComputeProgress over the households (round_progress.h),
// from the counters: ready_for_approval sums the posted households whose
// window closed before `today`; overdue is the round's own.
v1::RoundProgress ProgressFromCounters(const v1::ReviewRound& round, const RoundCounters& counters,
                                       const CivilDate& today);

}  // namespace ansinh::classification
