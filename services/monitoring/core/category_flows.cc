#include "monitoring/core/category_flows.h"

#include <vector>

#include "classification/core/transitions.h"
#include "monitoring/core/record_queries.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

v1::PovertyCategory CategoryInForce(const Record& record, int review_year) {
  const Record::Approval* in_force = ApprovalForYear(record, review_year);
  return in_force != nullptr ? in_force->category() : v1::POVERTY_CATEGORY_UNSPECIFIED;
}

// The flows of the list `category` names; nullptr for a category on neither list.
v1::CategoryFlows* FlowsOfList(v1::PovertyCategory category, ListFlows& flows) {
  if (category == v1::POVERTY_CATEGORY_POOR) return &flows.poor;
  if (category == v1::POVERTY_CATEGORY_NEAR_POOR) return &flows.near_poor;
  return nullptr;
}

// What one approval does to one list.
struct ListMovement {
  bool newly = false;
  bool relapsed = false;
  bool escaped = false;
  bool from_other_list = false;
  bool to_other_list = false;
};

void AddToList(const ListMovement& movement, v1::CategoryFlows& list) {
  list.set_newly(list.newly() + (movement.newly ? 1 : 0));
  list.set_relapsed(list.relapsed() + (movement.relapsed ? 1 : 0));
  list.set_escaped(list.escaped() + (movement.escaped ? 1 : 0));
  list.set_inflows_from_other_list(list.inflows_from_other_list() + (movement.from_other_list ? 1 : 0));
  list.set_escaped_to_other_list(list.escaped_to_other_list() + (movement.to_other_list ? 1 : 0));
}

// One approval's transition in the flows of every list it touches, by
// classification's predicates: poor to near-poor, for one, is an escape from
// poverty and a new near-poor household at once.
void AddMovement(v1::Transition transition, ListFlows& flows) {
  namespace rule = classification;
  AddToList({.newly = rule::CountsAsNewlyPoor(transition),
             .relapsed = rule::CountsAsRelapsedIntoPoverty(transition),
             .escaped = rule::CountsAsEscapedPoverty(transition),
             .from_other_list = rule::MovesFromNearPoorToPoor(transition),
             .to_other_list = rule::MovesFromPoorToNearPoor(transition)},
            flows.poor);
  AddToList({.newly = rule::CountsAsNewlyNearPoor(transition),
             .relapsed = rule::CountsAsRelapsedIntoNearPoverty(transition),
             .escaped = rule::CountsAsEscapedNearPoverty(transition),
             .from_other_list = rule::MovesFromPoorToNearPoor(transition),
             .to_other_list = rule::MovesFromNearPoorToPoor(transition)},
            flows.near_poor);
}

}  // namespace

void AddHouseholdFlows(const Record& record, int review_year, ListFlows& flows) {
  // A household stops being active and never starts again (IsActiveInYear),
  // so one not active the year before is in neither year's figures.
  if (!IsActiveInYear(record, review_year - 1)) return;
  if (v1::CategoryFlows* before = FlowsOfList(CategoryInForce(record, review_year - 1), flows)) {
    before->set_previous_year_count(before->previous_year_count() + 1);
    if (!IsActiveInYear(record, review_year)) before->set_left_ward(before->left_ward() + 1);
  }
  if (!IsActiveInYear(record, review_year)) return;

  const std::vector<v1::Transition> transitions = ApprovalTransitions(record);
  for (int i = 0; i < record.approvals_size(); ++i) {
    if (record.approvals(i).review_year() == review_year) AddMovement(transitions[i], flows);
  }
  if (v1::CategoryFlows* after = FlowsOfList(CategoryInForce(record, review_year), flows)) {
    after->set_this_year_count(after->this_year_count() + 1);
  }
}

}  // namespace ansinh::monitoring
