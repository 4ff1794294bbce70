// How far a round has come: counts per state, for GetRoundProgress.
#pragma once

#include <span>

#include "ansinh/v1/classification.pb.h"
#include "kernel/civil_date.h"

namespace ansinh::classification {

// Counts the round's households by state on `today` (surveyed: those with a
// survey in the round; on_list: those on its list, whatever their state):
// ready_for_approval
// counts posted households whose complaint window has closed; overdue is set
// for an open regular review past its deadline; unclassifiable households are
// listed, by id, with what to correct.
v1::RoundProgress ComputeProgress(const v1::ReviewRound& round,
                                  std::span<const v1::RoundHousehold> households, const CivilDate& today);

}  // namespace ansinh::classification
