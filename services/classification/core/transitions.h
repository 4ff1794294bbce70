// A household's transition between approved reviews, and what each
// transition counts as in the ward's figures (docs/domain.md §3.5).
//
// The rule, comparing the newly approved category with the previous approved
// one (AVERAGE, NOT_POOR and "never approved" all count as "other": on
// neither list):
//   previous \ new   POOR                     NEAR_POOR                other
//   POOR             UNCHANGED                POOR_TO_NEAR_POOR        ESCAPED_POVERTY
//   NEAR_POOR        NEAR_POOR_TO_POOR or     UNCHANGED                ESCAPED_NEAR_POVERTY
//                    NEAR_POOR_TO_POOR_RELAPSED
//   other / none     NEWLY_POOR or            NEWLY_NEAR_POOR or       UNCHANGED
//                    RELAPSED                 RELAPSED_NEAR_POOR
// A relapse is falling back onto a list the household was on at an earlier
// review: becoming poor after any earlier poor review (tái nghèo, also when
// the household passed through near-poverty, since poor -> near-poor counts
// as escaping poverty), or becoming near-poor from neither list after any
// earlier near-poor review (tái cận nghèo). Rising from poor to near-poor is
// never a relapse: it is an escape from poverty and a new near-poor
// household at once. AVERAGE <-> NOT_POOR is UNCHANGED: the transition speaks
// of the two lists only.
//
// Officials count every transition in the flows of each list it touches, so
// that last year's count + inflows - outflows = this year's count, per list:
//   poor list       in:  newly poor (NEWLY_POOR, NEAR_POOR_TO_POOR)
//                        relapsed (RELAPSED, NEAR_POOR_TO_POOR_RELAPSED)
//                   out: escaped poverty (ESCAPED_POVERTY, POOR_TO_NEAR_POOR)
//   near-poor list  in:  newly near-poor (NEWLY_NEAR_POOR, POOR_TO_NEAR_POOR)
//                        relapsed (RELAPSED_NEAR_POOR)
//                   out: escaped near-poverty (ESCAPED_NEAR_POVERTY,
//                        NEAR_POOR_TO_POOR, NEAR_POOR_TO_POOR_RELAPSED)
// The predicates below are that table, the one place monitoring reads it from.
#pragma once

#include <span>

#include "ansinh/v1/common.pb.h"

namespace ansinh::classification {

// `earlier` holds the household's previously approved categories, oldest
// first (empty for a first approval). TRANSITION_UNSPECIFIED when `approved`
// is POVERTY_CATEGORY_UNSPECIFIED.
v1::Transition DecideTransition(std::span<const v1::PovertyCategory> earlier, v1::PovertyCategory approved);

// Poor-list inflow, newly poor (nghèo phát sinh): NEWLY_POOR and NEAR_POOR_TO_POOR.
bool CountsAsNewlyPoor(v1::Transition transition);

// Poor-list inflow, relapsed into poverty (tái nghèo): RELAPSED and
// NEAR_POOR_TO_POOR_RELAPSED.
bool CountsAsRelapsedIntoPoverty(v1::Transition transition);

// Poor-list outflow, escaped poverty (thoát nghèo): ESCAPED_POVERTY and
// POOR_TO_NEAR_POOR.
bool CountsAsEscapedPoverty(v1::Transition transition);

// Near-poor-list inflow, newly near-poor (cận nghèo phát sinh):
// NEWLY_NEAR_POOR and POOR_TO_NEAR_POOR.
bool CountsAsNewlyNearPoor(v1::Transition transition);

// Near-poor-list inflow, relapsed into near-poverty (tái cận nghèo):
// RELAPSED_NEAR_POOR.
bool CountsAsRelapsedIntoNearPoverty(v1::Transition transition);

// Near-poor-list outflow, escaped near-poverty (thoát cận nghèo): it leaves the
// near-poor list, whichever way. ESCAPED_NEAR_POVERTY, NEAR_POOR_TO_POOR and
// NEAR_POOR_TO_POOR_RELAPSED.
bool CountsAsEscapedNearPoverty(v1::Transition transition);

// The household moved straight from the near-poor list to the poor list:
// NEAR_POOR_TO_POOR and NEAR_POOR_TO_POOR_RELAPSED.
bool MovesFromNearPoorToPoor(v1::Transition transition);

// The household moved straight from the poor list to the near-poor list:
// POOR_TO_NEAR_POOR.
bool MovesFromPoorToNearPoor(v1::Transition transition);

}  // namespace ansinh::classification
