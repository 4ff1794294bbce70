#include "assignment/core/emergency_marks.h"

#include <algorithm>
#include <string>

#include "assignment/core/case_journal.h"
#include "assignment/core/case_operation_outcomes.h"
#include "assignment/core/describe.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {

FieldViolations CheckMarkAffectedRequest(const v1::MarkAffectedRequest& request,
                                         const v1::Emergency* emergency, CivilDate today) {
  FieldViolations violations;
  if (request.emergency_id().empty()) {
    violations.push_back({"emergency_id", "is required"});
  } else if (emergency == nullptr) {
    violations.push_back(
        {"emergency_id", "names no declared emergency (\"" + request.emergency_id() + "\")"});
  }
  if (request.all_in_affected_groups() && !request.household_ids().empty()) {
    violations.push_back({"household_ids", "must be empty with all_in_affected_groups (one or the other)"});
  } else if (!request.all_in_affected_groups() && request.household_ids().empty()) {
    violations.push_back(
        {"household_ids", "must name at least one household, or set all_in_affected_groups"});
  } else {
    CheckHouseholdIds(request.household_ids(), "household_ids", /*required_at_least_one=*/false, &violations);
  }
  const std::optional<CivilDate> affected_on =
      CheckDateNotInFuture(request.affected_on(), "affected_on", today, &violations);
  if (affected_on && emergency != nullptr) {
    const std::optional<CivilDate> began_on = ParseIsoDate(emergency->began_on());
    if (began_on && *affected_on < *began_on) {
      violations.push_back({"affected_on", "must not be before " + emergency->emergency_id() + " began on " +
                                               emergency->began_on()});
    }
  }
  CheckOptionalText(request.note(), "note", kMaxCaseNoteLength, &violations);
  CheckReason(request.reason(), &violations);
  return violations;
}

const v1::EmergencyMark* MarkFor(const v1::Case& a_case, std::string_view emergency_id) {
  for (const v1::EmergencyMark& mark : a_case.emergency_marks()) {
    if (mark.emergency_id() == emergency_id) return &mark;
  }
  return nullptr;
}

bool InAffectedGroups(const v1::Case& a_case, const v1::Emergency& emergency) {
  if (a_case.state() == v1::CASE_STATE_CLOSED) return false;
  const auto& groups = emergency.residential_groups();
  return std::find(groups.begin(), groups.end(), a_case.residential_group()) != groups.end();
}

Result<CaseChange> MarkAffected(const v1::Case& current, const v1::MarkAffectedRequest& request,
                                const v1::Emergency& emergency, const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kMarkAffected, current))
    return *refusal;
  if (auto refusal = RefuseIfClosed(current, "marking a household affected")) return *refusal;
  if (MarkFor(current, emergency.emergency_id()) != nullptr) return CaseChange{current, {}};

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::EmergencyMark* mark = updated.add_emergency_marks();
  mark->set_emergency_id(emergency.emergency_id());
  mark->set_affected_on(request.affected_on());
  *mark->mutable_marked_by() = context.actor;
  mark->set_note(request.note());

  v1::HouseholdAffected payload;
  StampCase(updated, &payload);
  payload.set_organization_id(updated.organization_id());
  payload.set_helper_id(updated.helper_id());
  payload.set_category(updated.category());
  *payload.mutable_mark() = *mark;
  payload.set_reason(request.reason());

  CaseJournal journal(&updated, context.actor, context.when.now);
  // Never the note: the history's words are unmarked, the note is sensitive.
  journal.Record(v1::CASE_ACTION_MARKED_AFFECTED, request.reason(),
                 "affected by emergency " + emergency.emergency_id() + " (" +
                     EmergencyKindName(emergency.kind()) + ") on " + request.affected_on(),
                 std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
