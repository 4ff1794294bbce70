#include "assignment/core/support_records.h"

#include <optional>
#include <string>

#include "assignment/core/case_journal.h"
#include "assignment/core/describe.h"
#include "assignment/core/emergency_marks.h"
#include "assignment/core/model_participation.h"
#include "assignment/core/needs.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"
#include "assignment/core/support_details.h"

namespace ansinh::assignment {
namespace {

constexpr std::size_t kMaxProviderLength = 200;

// The livelihood model the support belongs to, which the household must take
// part in on the day it was delivered, and the emergency relief answers,
// which must have struck the household (it is marked affected by it).
void CheckProgrammeLinks(const v1::Case& current, const v1::RecordSupportRequest& request,
                         std::optional<CivilDate> delivered_on, FieldViolations* violations) {
  const std::string& model_id = request.livelihood_model_id();
  if (!model_id.empty() && delivered_on && ParticipationOn(current, model_id, *delivered_on) == nullptr) {
    violations->push_back({"livelihood_model_id", "household " + current.household_id() +
                                                      " does not take part in livelihood model " + model_id +
                                                      " on " + request.delivered_on()});
  }
  const std::string& emergency_id = request.emergency_id();
  if (emergency_id.empty()) return;
  if (request.type() != v1::SUPPORT_TYPE_EMERGENCY_RELIEF) {
    violations->push_back({"emergency_id", "is only for emergency relief (type EMERGENCY_RELIEF)"});
  } else if (MarkFor(current, emergency_id) == nullptr) {
    violations->push_back({"emergency_id", "household " + current.household_id() +
                                               " was not marked affected by " + emergency_id});
  }
}

FieldViolations Validate(const v1::Case& current, const v1::RecordSupportRequest& request,
                         const OperationContext& context) {
  FieldViolations violations;
  CheckCaseId(request.case_id(), current, &violations);
  if (request.type() == v1::SUPPORT_TYPE_UNSPECIFIED || !v1::SupportType_IsValid(request.type())) {
    violations.push_back({"type", "must name a support type (POLICY_CREDIT, VOCATIONAL_TRAINING, ...)"});
  }
  if (request.amount_vnd() < 0) {
    violations.push_back(
        {"amount_vnd", "must not be negative (got " + std::to_string(request.amount_vnd()) + ")"});
  } else if (request.type() == v1::SUPPORT_TYPE_POLICY_CREDIT && request.amount_vnd() == 0) {
    violations.push_back({"amount_vnd", "is required for policy credit (the loan amount in VND)"});
  }
  CheckRequiredText(request.provider(), "provider", kMaxProviderLength, &violations);
  const std::optional<CivilDate> delivered_on =
      CheckDateNotInFuture(request.delivered_on(), "delivered_on", context.when.today, &violations);
  if (!request.need_id().empty() && FindNeed(current, request.need_id()) == nullptr) {
    violations.push_back({"need_id", "case " + current.case_id() + " has no need " + request.need_id()});
  }
  if (request.marks_need_met() && request.need_id().empty()) {
    violations.push_back({"marks_need_met", "requires need_id: which need the support meets"});
  }
  if (request.type() == v1::SUPPORT_TYPE_OTHER) {
    CheckRequiredText(request.description(), "description", kMaxDescriptionLength, &violations);
  } else {
    CheckOptionalText(request.description(), "description", kMaxDescriptionLength, &violations);
  }
  CheckTypeSpecificFields(current, request, context.directory, delivered_on, &violations);
  CheckProgrammeLinks(current, request, delivered_on, &violations);
  CheckReason(request.reason(), &violations);
  return violations;
}

}  // namespace

Result<CaseChange> RecordSupport(const v1::Case& current, const v1::RecordSupportRequest& request,
                                 const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kRecordSupport, current))
    return *refusal;
  FieldViolations violations = Validate(current, request, context);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, "recording support")) return *refusal;

  const v1::Need* answered = request.need_id().empty() ? nullptr : FindNeed(current, request.need_id());
  if (request.marks_need_met() && answered->status() != v1::NEED_STATUS_OPEN) {
    return Error::FailedPrecondition(
        "need " + answered->need_id() + " is already " + NeedStatusName(answered->status()) + " since " +
        answered->status_changed_on() + "; record the support without marks_need_met");
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::SupportRecord* support = updated.add_support_records();
  support->set_support_id("S" + std::to_string(updated.support_records_size()));
  support->set_type(request.type());
  support->set_amount_vnd(request.amount_vnd());
  support->set_provider(request.provider());
  support->set_delivered_on(request.delivered_on());
  support->set_need_id(request.need_id());
  support->set_description(request.description());
  support->set_credit_programme(request.credit_programme());
  support->set_savings_group(request.savings_group());
  support->set_savings_group_organization_id(request.savings_group_organization_id());
  if (request.has_state_share_percent()) support->set_state_share_percent(request.state_share_percent());
  support->set_livelihood_model_id(request.livelihood_model_id());
  support->set_emergency_id(request.emergency_id());
  *support->mutable_recorded_by() = context.actor;
  support->set_recorded_on(FormatIsoDate(context.when.today));

  v1::Need* need = request.need_id().empty() ? nullptr : FindMutableNeed(&updated, request.need_id());
  if (need != nullptr) need->add_support_ids(support->support_id());

  v1::SupportRecorded payload;
  StampCase(updated, &payload);
  payload.set_organization_id(updated.organization_id());
  payload.set_category(updated.category());
  *payload.mutable_support() = *support;
  payload.set_need_type(need == nullptr ? v1::NEED_TYPE_UNSPECIFIED : need->type());
  payload.set_helper_id(updated.helper_id());

  std::string detail = "support " + support->support_id() + " " + SupportTypeName(support->type()) +
                       " from " + support->provider() + " on " + support->delivered_on();
  // Never the amount: the history's words are unmarked, and the amount is
  // sensitive (SupportRecord.amount_vnd, docs/security.md "Field policy").
  if (support->credit_programme() != v1::CREDIT_PROGRAMME_UNSPECIFIED) {
    detail += ", programme " + CreditProgrammeName(support->credit_programme()) + " through " +
              support->savings_group();
    if (!support->savings_group_organization_id().empty()) {
      detail += " (" + support->savings_group_organization_id() + ")";
    }
  }
  if (support->has_state_share_percent()) {
    detail += ", state pays " + std::to_string(support->state_share_percent()) + "%";
  }
  if (need != nullptr) detail += ", for need " + need->need_id();
  if (!support->livelihood_model_id().empty())
    detail += ", livelihood model " + support->livelihood_model_id();
  if (!support->emergency_id().empty()) detail += ", relief for emergency " + support->emergency_id();

  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_SUPPORT_RECORDED, request.reason(), detail, std::move(payload));
  if (request.marks_need_met()) {
    need->set_status(v1::NEED_STATUS_MET);
    need->set_status_changed_on(FormatIsoDate(context.when.today));
    need->set_status_reason(request.reason());
    journal.Record(v1::CASE_ACTION_NEED_STATUS_CHANGED, request.reason(),
                   "need " + need->need_id() + " " + NeedTypeName(need->type()) + " marked MET by support " +
                       support->support_id(),
                   NeedStatusChangedPayload(updated, *need, v1::NEED_STATUS_OPEN, support->support_id()));
  }
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
