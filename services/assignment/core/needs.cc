#include "assignment/core/needs.h"

#include <string>

#include "assignment/core/case_journal.h"
#include "assignment/core/describe.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"
#include "i18n/proto/localized_text.h"

namespace ansinh::assignment {

const v1::Need* FindNeed(const v1::Case& a_case, std::string_view need_id) {
  for (const v1::Need& need : a_case.needs()) {
    if (need.need_id() == need_id) return &need;
  }
  return nullptr;
}

v1::Need* FindMutableNeed(v1::Case* a_case, std::string_view need_id) {
  for (v1::Need& need : *a_case->mutable_needs()) {
    if (need.need_id() == need_id) return &need;
  }
  return nullptr;
}

v1::NeedStatusChanged NeedStatusChangedPayload(const v1::Case& a_case, const v1::Need& need,
                                               v1::NeedStatus previous_status, std::string_view support_id) {
  v1::NeedStatusChanged payload;
  StampCase(a_case, &payload);
  payload.set_organization_id(a_case.organization_id());
  payload.set_category(a_case.category());
  payload.set_need_id(need.need_id());
  payload.set_need_type(need.type());
  payload.set_previous_status(previous_status);
  payload.set_status(need.status());
  payload.set_reason(need.status_reason());
  payload.set_support_id(std::string(support_id));
  return payload;
}

Result<CaseChange> RecordNeed(const v1::Case& current, const v1::RecordNeedRequest& request,
                              const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kRecordNeed, current)) return *refusal;

  FieldViolations violations;
  CheckCaseId(request.case_id(), current, &violations);
  if (request.type() == v1::NEED_TYPE_UNSPECIFIED || !v1::NeedType_IsValid(request.type())) {
    violations.push_back({"type", "must name a need type (LOAN, VOCATIONAL_TRAINING, ...)"});
  }
  if (request.type() == v1::NEED_TYPE_OTHER) {
    CheckRequiredText(request.description(), "description", kMaxDescriptionLength, &violations);
  } else {
    CheckOptionalText(request.description(), "description", kMaxDescriptionLength, &violations);
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, "recording a need")) return *refusal;

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::Need* need = updated.add_needs();
  need->set_need_id("N" + std::to_string(updated.needs_size()));
  need->set_type(request.type());
  need->set_description(request.description());
  need->set_status(v1::NEED_STATUS_OPEN);
  need->set_recorded_on(FormatIsoDate(context.when.today));
  *need->mutable_recorded_by() = context.actor;

  v1::NeedRecorded payload;
  StampCase(updated, &payload);
  payload.set_organization_id(updated.organization_id());
  payload.set_category(updated.category());
  *payload.mutable_need() = *need;

  CaseJournal journal(&updated, context.actor, context.when.now);
  // The detail names the need, never its description: the history's words
  // are unmarked, and the description is sensitive (Need.description,
  // docs/security.md "Field policy").
  journal.Record(v1::CASE_ACTION_NEED_RECORDED, request.reason(),
                 "need " + need->need_id() + " " + NeedTypeName(need->type()), std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

Result<CaseChange> UpdateNeedStatus(const v1::Case& current, const v1::UpdateNeedStatusRequest& request,
                                    const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kUpdateNeedStatus, current))
    return *refusal;

  FieldViolations violations;
  CheckCaseId(request.case_id(), current, &violations);
  const v1::Need* need = nullptr;
  if (request.need_id().empty()) {
    violations.push_back({"need_id", "is required"});
  } else {
    need = FindNeed(current, request.need_id());
    if (need == nullptr) {
      violations.push_back({"need_id", "case " + current.case_id() + " has no need " + request.need_id()});
    }
  }
  if (request.status() != v1::NEED_STATUS_MET && request.status() != v1::NEED_STATUS_NO_LONGER_NEEDED) {
    violations.push_back({"status", "must be MET or NO_LONGER_NEEDED"});
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, "updating a need")) return *refusal;
  if (need->status() != v1::NEED_STATUS_OPEN) {
    return Error::FailedPrecondition("need " + need->need_id() + " is already " +
                                     NeedStatusName(need->status()) + " since " + need->status_changed_on())
        .WithKey("error.need.already", {{"need", need->need_id()},
                                        {"status", i18n::EnumArg(need->status())},
                                        {"since", need->status_changed_on()}});
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::Need* changed = FindMutableNeed(&updated, request.need_id());
  changed->set_status(request.status());
  changed->set_status_changed_on(FormatIsoDate(context.when.today));
  changed->set_status_reason(request.reason());

  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_NEED_STATUS_CHANGED, request.reason(),
                 "need " + changed->need_id() + " " + NeedTypeName(changed->type()) + " marked " +
                     NeedStatusName(changed->status()),
                 NeedStatusChangedPayload(updated, *changed, v1::NEED_STATUS_OPEN, ""));
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
