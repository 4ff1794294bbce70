#include "assignment/core/permissions.h"

#include <string>

#include "i18n/message.h"

namespace ansinh::assignment {
namespace {

// The refusal for roles that never write, or nullopt for writing roles.
std::optional<Error> RefuseNonWriter(const v1::Actor& actor, std::string_view what) {
  switch (actor.role()) {
    case v1::ROLE_WARD_OFFICER:
    case v1::ROLE_ORGANIZATION_STAFF:
      return std::nullopt;
    case v1::ROLE_AUDITOR:
      return Error::PermissionDenied("auditors read but never write: " + actor.name() + " may not " +
                                     std::string(what));
    case v1::ROLE_SERVICE:
      return Error::PermissionDenied("services change cases only through official events: " + actor.name() +
                                     " may not " + std::string(what));
    default:
      return Error::PermissionDenied("the caller has no role and may not " + std::string(what));
  }
}

std::optional<Error> RefuseStaffWithoutOrganization(const v1::Actor& actor, std::string_view what) {
  if (!actor.organization_id().empty()) return std::nullopt;
  return Error::PermissionDenied("staff member " + actor.name() + " belongs to no organization and may not " +
                                 std::string(what));
}

}  // namespace

std::string_view OperationName(CaseOperation operation) {
  switch (operation) {
    case CaseOperation::kAssignHelper:
      return "assign a helper";
    case CaseOperation::kRequestTransfer:
      return "request a transfer";
    case CaseOperation::kAcceptTransfer:
      return "accept a transfer";
    case CaseOperation::kDeclineTransfer:
      return "decline a transfer";
    case CaseOperation::kRecordNeed:
      return "record a need";
    case CaseOperation::kUpdateNeedStatus:
      return "update a need's status";
    case CaseOperation::kRecordSupport:
      return "record support";
    case CaseOperation::kRecordVisit:
      return "record a visit";
    case CaseOperation::kJoinLivelihoodModel:
      return "join a livelihood model";
    case CaseOperation::kLeaveLivelihoodModel:
      return "leave a livelihood model";
    case CaseOperation::kMarkAffected:
      return "mark a household affected";
  }
  return "change a case";
}

std::optional<Error> CheckCasePermission(const v1::Actor& actor, CaseOperation operation,
                                         const v1::Case& target) {
  const std::string what = std::string(OperationName(operation)) + " on case " + target.case_id();
  // The refusals staff meet, as catalog messages (docs/i18n.md).
  const auto args = [&](std::string other) -> MessageArgs {
    return {{"organization", actor.organization_id()},
            {"action", i18n::ActionArg(OperationName(operation))},
            {"case", target.case_id()},
            {"other", std::move(other)}};
  };
  if (auto refusal = RefuseNonWriter(actor, what)) return refusal;
  if (actor.role() == v1::ROLE_WARD_OFFICER) return std::nullopt;
  if (auto refusal = RefuseStaffWithoutOrganization(actor, what)) return refusal;

  const bool answers_transfer =
      operation == CaseOperation::kAcceptTransfer || operation == CaseOperation::kDeclineTransfer;
  if (answers_transfer) {
    const std::string& addressee = target.pending_transfer().to_organization_id();
    if (target.has_pending_transfer() && addressee == actor.organization_id()) return std::nullopt;
    return Error::PermissionDenied(
               "staff of " + actor.organization_id() + " may not " + what + ": " +
               (target.has_pending_transfer()
                    ? "the transfer is addressed to " + addressee
                    : std::string("no transfer is addressed to ") + actor.organization_id()))
        .WithKey(target.has_pending_transfer() ? "error.case.transfer_addressed_to_other"
                                               : "error.case.no_transfer_for_you",
                 args(addressee));
  }
  if (target.organization_id() == actor.organization_id()) return std::nullopt;
  return Error::PermissionDenied("staff of " + actor.organization_id() + " may not " + what + ": " +
                                 target.organization_id() + " is responsible for it")
      .WithKey("error.case.other_organization", args(target.organization_id()));
}

bool CanReadCase(const v1::Actor& actor, const v1::Case& target) {
  switch (actor.role()) {
    case v1::ROLE_WARD_OFFICER:
    case v1::ROLE_AUDITOR:
    case v1::ROLE_SERVICE:
      return true;
    case v1::ROLE_ORGANIZATION_STAFF:
      return !actor.organization_id().empty() &&
             (target.organization_id() == actor.organization_id() ||
              (target.has_pending_transfer() &&
               target.pending_transfer().to_organization_id() == actor.organization_id()));
    default:
      return false;
  }
}

std::optional<Error> CheckUpsertOrganizationPermission(const v1::Actor& actor) {
  const std::string what = "change the ward's organizations";
  if (auto refusal = RefuseNonWriter(actor, what)) return refusal;
  if (actor.role() == v1::ROLE_WARD_OFFICER) return std::nullopt;
  return Error::PermissionDenied("only ward officers may " + what + "; " + actor.name() + " is staff of " +
                                 actor.organization_id());
}

std::optional<Error> CheckUpsertHelperPermission(const v1::Actor& actor, const v1::Helper& requested,
                                                 const v1::Helper* existing) {
  const std::string what = "change helper " + requested.id();
  if (auto refusal = RefuseNonWriter(actor, what)) return refusal;
  if (actor.role() == v1::ROLE_WARD_OFFICER) return std::nullopt;
  if (auto refusal = RefuseStaffWithoutOrganization(actor, what)) return refusal;
  if (requested.organization_id() != actor.organization_id()) {
    return Error::PermissionDenied("staff of " + actor.organization_id() + " may not " + what +
                                   ": it would belong to " + requested.organization_id());
  }
  if (existing != nullptr && existing->organization_id() != actor.organization_id()) {
    return Error::PermissionDenied("staff of " + actor.organization_id() + " may not " + what +
                                   ": it belongs to " + existing->organization_id());
  }
  return std::nullopt;
}

std::optional<Error> CheckUpsertLivelihoodModelPermission(const v1::Actor& actor,
                                                          const v1::LivelihoodModel& requested,
                                                          const v1::LivelihoodModel* existing) {
  const std::string what = "change livelihood model " + requested.model_id();
  if (auto refusal = RefuseNonWriter(actor, what)) return refusal;
  if (actor.role() == v1::ROLE_WARD_OFFICER) return std::nullopt;
  if (auto refusal = RefuseStaffWithoutOrganization(actor, what)) return refusal;
  // The organization that would run it, then the one that runs it now.
  for (const std::string* runner :
       {&requested.organization_id(), existing == nullptr ? nullptr : &existing->organization_id()}) {
    if (runner == nullptr || *runner == actor.organization_id()) continue;
    return Error::PermissionDenied(
               "staff of " + actor.organization_id() + " may not " + what + ": " +
               (runner == &requested.organization_id() ? "it would be run by " : "it is run by ") +
               (runner->empty() ? std::string("no organization") : *runner))
        .WithKey("error.livelihood.other_organization", {{"organization", actor.organization_id()},
                                                         {"model", requested.model_id()},
                                                         {"runner", *runner}});
  }
  return std::nullopt;
}

std::optional<Error> CheckEmergencyPermission(const v1::Actor& actor, std::string_view what) {
  if (auto refusal = RefuseNonWriter(actor, what)) return refusal;
  if (actor.role() == v1::ROLE_WARD_OFFICER) return std::nullopt;
  return Error::PermissionDenied("only ward officers may " + std::string(what) + "; " + actor.name() +
                                 " is staff of " + actor.organization_id())
      .WithKey("error.emergency.officers_only", {{"action", i18n::ActionArg(what)}});
}

}  // namespace ansinh::assignment
