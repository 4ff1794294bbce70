#pragma once

// How the poor and near-poor lists changed over a review year, household by
// household, as officials count it (docs/domain.md §3.5, CategoryFlows in
// monitoring.proto): each list's count for the previous year, its inflows and
// outflows by kind, and its count for this year, such that
//   previous_year_count + newly + relapsed - escaped - left_ward = this_year_count.

#include "ansinh/v1/monitoring.pb.h"

namespace ansinh::monitoring {

// The flows of both lists over one population of households.
struct ListFlows {
  v1::CategoryFlows poor;
  v1::CategoryFlows near_poor;
};

// Adds one household's part to `flows` for `review_year`:
//   - the list it was on for the previous year, if it was active then;
//   - if it left the ward during the year (moved out or dissolved), a
//     left_ward outflow from that list, and nothing else: it is in none of
//     this year's figures, whatever this year's reviews said of it;
//   - otherwise every approval of the review year, in the record's order,
//     counted by its transition (ApprovalTransitions) with classification's
//     predicates, and the list it is on for this year.
// Each approval moves the household from the category before it to its own,
// so the movements of the year lead from the previous year's list to this
// year's, and the counts reconcile.
void AddHouseholdFlows(const v1::HouseholdFigureRecord& record, int review_year, ListFlows& flows);

}  // namespace ansinh::monitoring
