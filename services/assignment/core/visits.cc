#include "assignment/core/visits.h"

#include <string>

#include "assignment/core/case_journal.h"
#include "assignment/core/describe.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
Result<CaseChange> RecordVisit(const v1::Case& current, const v1::RecordVisitRequest& request,
                               const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kRecordVisit, current))
    return *refusal;

  FieldViolations violations;
  CheckCaseId(request.case_id(), current, &violations);
  const std::optional<CivilDate> visited_on =
      CheckDateNotInFuture(request.visited_on(), "visited_on", context.when.today, &violations);
  const std::optional<CivilDate> opened_on = ParseIsoDate(current.opened_on());
  if (visited_on && opened_on && *visited_on < *opened_on) {
    violations.push_back({"visited_on", "must not be before the case opened on " + current.opened_on()});
  }
  const v1::Helper* helper = nullptr;
  if (!request.helper_id().empty()) {
    helper = context.directory.FindHelper(request.helper_id());
    if (helper == nullptr)
      violations.push_back({"helper_id", "names no helper (\"" + request.helper_id() + "\")"});
  }
  CheckRequiredText(request.notes(), "notes", kMaxNotesLength, &violations);
  if (request.observed_change() == v1::OBSERVED_CHANGE_UNSPECIFIED ||
      !v1::ObservedChange_IsValid(request.observed_change())) {
    violations.push_back({"observed_change", "must be IMPROVED, NO_CHANGE or WORSENED"});
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, "recording a visit")) return *refusal;
  if (helper != nullptr && helper->organization_id() != current.organization_id()) {
    return Error::FailedPrecondition("helper " + DescribeHelper(context.directory, helper->id()) +
                                     " belongs to " + helper->organization_id() + ", not to " +
                                     current.organization_id() + " which is responsible for case " +
                                     current.case_id())
        .WithKey("error.helper.other_organization",
                 {{"helper", DescribeHelper(context.directory, helper->id())},
                  {"organization", helper->organization_id()},
                  {"responsible", current.organization_id()},
                  {"case", current.case_id()}});
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::Visit* visit = updated.add_visits();
  visit->set_visit_id("V" + std::to_string(updated.visits_size()));
  visit->set_visited_on(request.visited_on());
  visit->set_helper_id(helper != nullptr ? helper->id() : current.helper_id());
  visit->set_notes(request.notes());
  visit->set_observed_change(request.observed_change());
  *visit->mutable_recorded_by() = context.actor;
  visit->set_recorded_on(FormatIsoDate(context.when.today));

  v1::VisitRecorded payload;
  StampCase(updated, &payload);
  payload.set_organization_id(updated.organization_id());
  *payload.mutable_visit() = *visit;

  const std::string by =
      visit->helper_id().empty() ? "" : " by " + DescribeHelper(context.directory, visit->helper_id());
  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_VISIT_RECORDED, request.reason(),
                 "visit " + visit->visit_id() + " on " + visit->visited_on() + by + ": " +
                     ObservedChangeName(visit->observed_change()),
                 std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
