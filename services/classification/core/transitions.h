// A household's transition between approved reviews (docs/domain.md §3.5).
//
// The rule, comparing the newly approved category with the previous approved
// one (AVERAGE, NOT_POOR and "never approved" all count as "not poor or
// near-poor"):
//   previous \ new   POOR                  NEAR_POOR             other
//   POOR             UNCHANGED             POOR_TO_NEAR_POOR     ESCAPED_POVERTY
//   NEAR_POOR        RELAPSED or           UNCHANGED             ESCAPED_NEAR_POVERTY
//                    NEAR_POOR_TO_POOR
//   other / none     RELAPSED or           NEWLY_NEAR_POOR       UNCHANGED
//                    NEWLY_POOR
// Becoming poor again after any earlier poor review is RELAPSED (tái nghèo),
// also when the household passed through near-poverty: poor -> near-poor
// counts as escaping poverty (see CountsAsEscapedPoverty), so coming back is
// a relapse. POOR_TO_NEAR_POOR keeps its own value because the household
// escaped poverty yet is still supported as near-poor. AVERAGE <-> NOT_POOR
// is UNCHANGED: the transition speaks of poverty status only.
#pragma once

#include <span>

#include "ansinh/v1/common.pb.h"

namespace ansinh::classification {

// `earlier` holds the household's previously approved categories, oldest
// first (empty for a first approval). TRANSITION_UNSPECIFIED when `approved`
// is POVERTY_CATEGORY_UNSPECIFIED.
v1::Transition DecideTransition(std::span<const v1::PovertyCategory> earlier, v1::PovertyCategory approved);

// Whether monitoring counts the transition as an escape from poverty
// (thoát nghèo): ESCAPED_POVERTY and POOR_TO_NEAR_POOR.
bool CountsAsEscapedPoverty(v1::Transition transition);

}  // namespace ansinh::classification
