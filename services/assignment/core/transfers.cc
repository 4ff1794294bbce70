#include "assignment/core/transfers.h"

#include "assignment/core/case_journal.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

std::optional<Error> RefuseWithoutPendingTransfer(const v1::Case& current) {
  if (current.has_pending_transfer()) return std::nullopt;
  return Error::FailedPrecondition("case " + current.case_id() + " has no pending transfer")
      .WithKey("error.transfer.none_pending", {{"case", current.case_id()}});
}

// Validation shared by accept and decline: they carry only the case and a reason.
std::optional<Error> CheckAnswer(const v1::Case& current, std::string_view request_case_id,
                                 std::string_view reason, std::string_view operation) {
  FieldViolations violations;
  CheckCaseId(request_case_id, current, &violations);
  CheckReason(reason, &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, operation)) return refusal;
  return RefuseWithoutPendingTransfer(current);
}

}  // namespace

Result<CaseChange> RequestTransfer(const v1::Case& current, const v1::RequestTransferRequest& request,
                                   const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kRequestTransfer, current))
    return *refusal;

  FieldViolations violations;
  CheckCaseId(request.case_id(), current, &violations);
  const v1::Organization* target = nullptr;
  if (request.to_organization_id().empty()) {
    violations.push_back({"to_organization_id", "is required"});
  } else {
    target = context.directory.FindOrganization(request.to_organization_id());
    if (target == nullptr) {
      violations.push_back(
          {"to_organization_id", "names no organization (\"" + request.to_organization_id() + "\")"});
    }
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, "requesting a transfer")) return *refusal;

  if (current.has_pending_transfer()) {
    return Error::FailedPrecondition("a transfer of case " + current.case_id() + " to " +
                                     current.pending_transfer().to_organization_id() +
                                     " is already pending; it must be accepted or declined first")
        .WithKey(
            "error.transfer.already_pending",
            {{"case", current.case_id()}, {"organization", current.pending_transfer().to_organization_id()}});
  }
  if (target->id() == current.organization_id()) {
    return Error::FailedPrecondition("case " + current.case_id() + " is already with " + target->id())
        .WithKey("error.transfer.already_with",
                 {{"case", current.case_id()}, {"organization", target->id()}});
  }
  if (!target->active()) {
    return Error::FailedPrecondition(DescribeOrganization(context.directory, target->id()) +
                                     " is inactive and receives no cases")
        .WithKey("error.organization.inactive",
                 {{"organization", DescribeOrganization(context.directory, target->id())}});
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::PendingTransfer* pending = updated.mutable_pending_transfer();
  pending->set_from_organization_id(current.organization_id());
  pending->set_to_organization_id(target->id());
  *pending->mutable_requested_by() = context.actor;
  *pending->mutable_requested_at() = context.when.now;
  pending->set_reason(request.reason());

  v1::CaseTransferRequested payload;
  StampCase(updated, &payload);
  payload.set_from_organization_id(current.organization_id());
  payload.set_to_organization_id(target->id());
  payload.set_reason(request.reason());

  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_TRANSFER_REQUESTED, request.reason(),
                 "transfer from " + current.organization_id() + " to " +
                     DescribeOrganization(context.directory, target->id()) + " requested",
                 std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

Result<CaseChange> AcceptTransfer(const v1::Case& current, const v1::AcceptTransferRequest& request,
                                  const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kAcceptTransfer, current))
    return *refusal;
  if (auto refusal = CheckAnswer(current, request.case_id(), request.reason(), "accepting a transfer")) {
    return *refusal;
  }
  const v1::PendingTransfer& pending = current.pending_transfer();
  const v1::Organization* target = context.directory.FindOrganization(pending.to_organization_id());
  if (target == nullptr || !target->active()) {
    return Error::FailedPrecondition(pending.to_organization_id() +
                                     " is no longer an active organization; decline the transfer instead")
        .WithKey("error.transfer.target_inactive", {{"organization", pending.to_organization_id()}});
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  updated.set_organization_id(target->id());
  updated.clear_helper_id();
  updated.clear_pending_transfer();
  updated.set_assignment_reason("transferred from " + pending.from_organization_id() + " (" +
                                pending.reason() + "); accepted: " + request.reason());

  v1::CaseTransferred payload;
  StampCase(updated, &payload);
  payload.set_from_organization_id(pending.from_organization_id());
  payload.set_to_organization_id(target->id());
  payload.set_previous_helper_id(current.helper_id());
  payload.set_request_reason(pending.reason());
  payload.set_reason(request.reason());
  payload.set_category(updated.category());
  payload.set_state(updated.state());

  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_TRANSFER_ACCEPTED, request.reason(),
                 "case moved from " + pending.from_organization_id() + " to " +
                     DescribeOrganization(context.directory, target->id()),
                 std::move(payload));
  if (!current.helper_id().empty()) {
    journal.Note(v1::CASE_ACTION_HELPER_RELEASED, request.reason(),
                 "helper " + DescribeHelper(context.directory, current.helper_id()) + " stays with " +
                     pending.from_organization_id() + "; the case needs a helper of " + target->id());
  }
  result.events = journal.TakeEvents();
  return result;
}

Result<CaseChange> DeclineTransfer(const v1::Case& current, const v1::DeclineTransferRequest& request,
                                   const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kDeclineTransfer, current))
    return *refusal;
  if (auto refusal = CheckAnswer(current, request.case_id(), request.reason(), "declining a transfer")) {
    return *refusal;
  }
  const v1::PendingTransfer& pending = current.pending_transfer();

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  updated.clear_pending_transfer();

  v1::CaseTransferDeclined payload;
  StampCase(updated, &payload);
  payload.set_from_organization_id(pending.from_organization_id());
  payload.set_to_organization_id(pending.to_organization_id());
  payload.set_request_reason(pending.reason());
  payload.set_reason(request.reason());

  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_TRANSFER_DECLINED, request.reason(),
                 pending.to_organization_id() + " declined; the case stays with " + current.organization_id(),
                 std::move(payload));
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
