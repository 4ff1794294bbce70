#include "monitoring/core/record_queries.h"

#include <algorithm>
#include <string>
#include <vector>

#include "classification/core/transitions.h"

namespace ansinh::monitoring {
namespace {

using Record = v1::HouseholdFigureRecord;

bool HasLeft(const Record& record) {
  return record.status() == v1::HOUSEHOLD_STATUS_MOVED_OUT ||
         record.status() == v1::HOUSEHOLD_STATUS_DISSOLVED;
}

// Dates in records were validated when applied; a date that still fails to
// parse (a hand-edited record) makes its entry count as absent.
bool OnOrBefore(const std::string& text, CivilDate date) {
  const std::optional<CivilDate> parsed = ParseIsoDate(text);
  return parsed && *parsed <= date;
}

// Approvals approved on or before `date`, in the order they took effect.
std::vector<const Record::Approval*> ApprovalsInEffectOrder(const Record& record, CivilDate date) {
  std::vector<const Record::Approval*> approvals;
  for (const Record::Approval& approval : record.approvals()) {
    if (OnOrBefore(approval.approved_on(), date)) approvals.push_back(&approval);
  }
  std::stable_sort(approvals.begin(), approvals.end(),
                   [](const Record::Approval* a, const Record::Approval* b) {
                     return a->approved_on() < b->approved_on();
                   });
  return approvals;
}

}  // namespace

bool IsPoorOrNearPoor(v1::PovertyCategory category) {
  return category == v1::POVERTY_CATEGORY_POOR || category == v1::POVERTY_CATEGORY_NEAR_POOR;
}

bool IsActiveInYear(const Record& record, int review_year) {
  if (!HasLeft(record)) return true;
  const std::optional<CivilDate> left_on = ParseIsoDate(record.left_on());
  return left_on && static_cast<int>(left_on->year()) > review_year;
}

bool IsActiveOn(const Record& record, CivilDate date) {
  return !HasLeft(record) || !OnOrBefore(record.left_on(), date);
}

const Record::Approval* ApprovalForYear(const Record& record, int review_year) {
  // Approvals are kept ordered by review year, then approval date.
  const Record::Approval* in_force = nullptr;
  for (const Record::Approval& approval : record.approvals()) {
    if (approval.review_year() > review_year) break;
    in_force = &approval;
  }
  return in_force;
}

const Record::Approval* ApprovalOn(const Record& record, CivilDate date) {
  const std::vector<const Record::Approval*> approvals = ApprovalsInEffectOrder(record, date);
  return approvals.empty() ? nullptr : approvals.back();
}

std::vector<v1::Transition> ApprovalTransitions(const Record& record) {
  std::vector<v1::Transition> transitions;
  std::vector<v1::PovertyCategory> earlier;
  transitions.reserve(record.approvals_size());
  earlier.reserve(record.approvals_size());
  for (const Record::Approval& approval : record.approvals()) {
    transitions.push_back(classification::DecideTransition(earlier, approval.category()));
    earlier.push_back(approval.category());
  }
  return transitions;
}

bool HasTransitionIn(const Record& record, int first_year, int last_year, bool (*counts)(v1::Transition)) {
  const std::vector<v1::Transition> transitions = ApprovalTransitions(record);
  for (int i = 0; i < record.approvals_size(); ++i) {
    const int year = record.approvals(i).review_year();
    if (year >= first_year && year <= last_year && counts(transitions[i])) return true;
  }
  return false;
}

std::optional<CivilDate> SupportSpellStart(const Record& record, CivilDate date) {
  const std::vector<const Record::Approval*> approvals = ApprovalsInEffectOrder(record, date);
  std::optional<CivilDate> start;
  for (auto it = approvals.rbegin(); it != approvals.rend(); ++it) {
    if (!IsPoorOrNearPoor((*it)->category())) break;
    start = ParseIsoDate((*it)->approved_on());
  }
  return start;
}

const Record::FollowUpCase* ResponsibleCaseOn(const Record& record, CivilDate date) {
  const Record::FollowUpCase* responsible = nullptr;
  for (const Record::FollowUpCase& follow_up_case : record.cases()) {
    if (follow_up_case.organization_id().empty()) continue;
    if (!OnOrBefore(follow_up_case.assigned_on(), date)) continue;
    if (!follow_up_case.closed_on().empty() && OnOrBefore(follow_up_case.closed_on(), date)) {
      continue;
    }
    if (responsible == nullptr || responsible->assigned_on() < follow_up_case.assigned_on()) {
      responsible = &follow_up_case;
    }
  }
  return responsible;
}

bool HasHelperOn(const Record::FollowUpCase& follow_up_case, CivilDate date) {
  return !follow_up_case.helper_id().empty() && OnOrBefore(follow_up_case.helper_assigned_on(), date);
}

std::optional<CivilDate> LastCaseClosedOn(const Record& record, CivilDate date) {
  std::optional<CivilDate> last;
  for (const Record::FollowUpCase& follow_up_case : record.cases()) {
    const std::optional<CivilDate> closed_on = ParseIsoDate(follow_up_case.closed_on());
    if (closed_on && *closed_on <= date && (!last || *last < *closed_on)) last = closed_on;
  }
  return last;
}

std::optional<CivilDate> LastVisitOn(const Record& record, CivilDate date) {
  // Visit dates are kept distinct and ascending.
  for (auto it = record.visit_dates().rbegin(); it != record.visit_dates().rend(); ++it) {
    const std::optional<CivilDate> visited_on = ParseIsoDate(*it);
    if (visited_on && *visited_on <= date) return visited_on;
  }
  return std::nullopt;
}

NeedCoverage CoverageOfNeeds(const Record& record, NeedKind need_kind, SupportKind answered_by,
                             CivilDate as_of) {
  NeedCoverage coverage{false, true};
  for (const Record::RecordedNeed& need : record.needs()) {
    if (need.kind() != need_kind) continue;
    const std::optional<CivilDate> recorded_on = ParseIsoDate(need.recorded_on());
    if (!recorded_on || *recorded_on > as_of) continue;
    const bool state_in_effect = OnOrBefore(need.state_changed_on(), as_of);
    if (state_in_effect && need.state() == Record::NEED_STATE_WITHDRAWN) continue;
    coverage.has_need = true;
    const bool marked_met = state_in_effect && need.state() == Record::NEED_STATE_MET;
    const bool support_followed = std::any_of(
        record.supports().begin(), record.supports().end(), [&](const Record::DeliveredSupport& support) {
          const std::optional<CivilDate> delivered_on = ParseIsoDate(support.delivered_on());
          return support.kind() == answered_by && delivered_on && *recorded_on <= *delivered_on &&
                 *delivered_on <= as_of;
        });
    if (!marked_met && !support_followed) coverage.all_answered = false;
  }
  if (!coverage.has_need) coverage.all_answered = false;
  return coverage;
}

}  // namespace ansinh::monitoring
