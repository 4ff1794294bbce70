#include "assignment/core/model_participation.h"

#include <algorithm>
#include <string>

#include "assignment/core/case_journal.h"
#include "assignment/core/case_operation_outcomes.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

v1::ModelParticipationChanged ParticipationPayload(const v1::Case& updated,
                                                   const v1::ModelParticipation& participation,
                                                   std::string_view reason) {
  v1::ModelParticipationChanged payload;
  StampCase(updated, &payload);
  payload.set_organization_id(updated.organization_id());
  payload.set_helper_id(updated.helper_id());
  payload.set_category(updated.category());
  *payload.mutable_participation() = participation;
  payload.set_reason(std::string(reason));
  return payload;
}

// The latest left_on of the case's ended participations in `model_id`.
std::optional<CivilDate> LastLeft(const v1::Case& a_case, std::string_view model_id) {
  std::optional<CivilDate> latest;
  for (const v1::ModelParticipation& participation : a_case.participations()) {
    if (participation.model_id() != model_id || participation.left_on().empty()) continue;
    const std::optional<CivilDate> left_on = ParseIsoDate(participation.left_on());
    if (left_on && (!latest || *left_on > *latest)) latest = left_on;
  }
  return latest;
}

}  // namespace

const v1::ModelParticipation* CurrentParticipation(const v1::Case& a_case, std::string_view model_id) {
  for (const v1::ModelParticipation& participation : a_case.participations()) {
    if (participation.model_id() == model_id && participation.left_on().empty()) return &participation;
  }
  return nullptr;
}

const v1::ModelParticipation* ParticipationOn(const v1::Case& a_case, std::string_view model_id,
                                              CivilDate date) {
  for (const v1::ModelParticipation& participation : a_case.participations()) {
    if (participation.model_id() != model_id) continue;
    const std::optional<CivilDate> joined_on = ParseIsoDate(participation.joined_on());
    if (!joined_on || *joined_on > date) continue;
    if (participation.left_on().empty()) return &participation;
    const std::optional<CivilDate> left_on = ParseIsoDate(participation.left_on());
    if (left_on && date <= *left_on) return &participation;
  }
  return nullptr;
}

FieldViolations CheckJoinRequest(const v1::JoinLivelihoodModelRequest& request,
                                 const v1::LivelihoodModel* model, CivilDate today) {
  FieldViolations violations;
  if (request.model_id().empty()) {
    violations.push_back({"model_id", "is required"});
  } else if (model == nullptr) {
    violations.push_back({"model_id", "names no livelihood model (\"" + request.model_id() + "\")"});
  }
  CheckHouseholdIds(request.household_ids(), "household_ids", /*required_at_least_one=*/true, &violations);
  const std::optional<CivilDate> joined_on =
      CheckDateNotInFuture(request.joined_on(), "joined_on", today, &violations);
  if (joined_on && model != nullptr) {
    const std::optional<CivilDate> started_on = ParseIsoDate(model->started_on());
    const std::optional<CivilDate> ended_on = ParseIsoDate(model->ended_on());
    if (started_on && *joined_on < *started_on) {
      violations.push_back({"joined_on", "must not be before model " + model->model_id() + " started on " +
                                             model->started_on()});
    } else if (ended_on && *joined_on > *ended_on) {
      violations.push_back(
          {"joined_on", "must not be after model " + model->model_id() + " ended on " + model->ended_on()});
    }
  }
  CheckOptionalText(request.note(), "note", kMaxCaseNoteLength, &violations);
  CheckReason(request.reason(), &violations);
  return violations;
}

Result<CaseChange> JoinLivelihoodModel(const v1::Case& current, const v1::JoinLivelihoodModelRequest& request,
                                       const v1::LivelihoodModel& model, const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kJoinLivelihoodModel, current)) {
    return *refusal;
  }
  if (auto refusal = RefuseIfClosed(current, "joining a livelihood model")) return *refusal;
  if (CurrentParticipation(current, model.model_id()) != nullptr) return CaseChange{current, {}};

  const MessageArgs args = {{"household", current.household_id()},
                            {"case", current.case_id()},
                            {"model", model.model_id()},
                            {"date", request.joined_on()}};
  const std::optional<CivilDate> joined_on = ParseIsoDate(request.joined_on());
  const std::optional<CivilDate> opened_on = ParseIsoDate(current.opened_on());
  if (joined_on && opened_on && *joined_on < *opened_on) {
    MessageArgs with_opening = args;
    with_opening["opened"] = current.opened_on();
    return Error::FailedPrecondition("household " + current.household_id() + " cannot have joined on " +
                                     request.joined_on() + ": its case " + current.case_id() + " opened on " +
                                     current.opened_on())
        .WithKey("error.livelihood.joined_before_case_opened", std::move(with_opening));
  }
  if (const std::optional<CivilDate> left = LastLeft(current, model.model_id());
      joined_on && left && *joined_on < *left) {
    MessageArgs with_leaving = args;
    with_leaving["left"] = FormatIsoDate(*left);
    return Error::FailedPrecondition("household " + current.household_id() + " cannot join model " +
                                     model.model_id() + " again on " + request.joined_on() +
                                     ": it left it on " + FormatIsoDate(*left))
        .WithKey("error.livelihood.rejoined_before_left", std::move(with_leaving));
  }
  const auto& groups = model.residential_groups();
  if (!groups.empty() &&
      std::find(groups.begin(), groups.end(), current.residential_group()) == groups.end()) {
    MessageArgs with_group = args;
    with_group["group"] = current.residential_group();
    return Error::FailedPrecondition(
               "household " + current.household_id() + " of " + current.residential_group() +
               " is outside the residential groups model " + model.model_id() + " works in")
        .WithKey("error.livelihood.outside_groups", std::move(with_group));
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::ModelParticipation* participation = updated.add_participations();
  participation->set_model_id(model.model_id());
  participation->set_joined_on(request.joined_on());
  *participation->mutable_recorded_by() = context.actor;
  participation->set_recorded_on(FormatIsoDate(context.when.today));
  participation->set_note(request.note());

  CaseJournal journal(&updated, context.actor, context.when.now);
  // Never the note: the history's words are unmarked, the note is sensitive.
  journal.Record(v1::CASE_ACTION_MODEL_JOINED, request.reason(),
                 "joined livelihood model " + model.model_id() + " on " + request.joined_on(),
                 ParticipationPayload(updated, *participation, request.reason()));
  result.events = journal.TakeEvents();
  return result;
}

FieldViolations CheckLeaveRequest(const v1::LeaveLivelihoodModelRequest& request, CivilDate today) {
  FieldViolations violations;
  if (request.model_id().empty()) violations.push_back({"model_id", "is required"});
  if (IsBlank(request.household_id())) violations.push_back({"household_id", "is required"});
  CheckDateNotInFuture(request.left_on(), "left_on", today, &violations);
  CheckReason(request.reason(), &violations);
  return violations;
}

Result<CaseChange> LeaveLivelihoodModel(const v1::Case& current,
                                        const v1::LeaveLivelihoodModelRequest& request,
                                        const OperationContext& context) {
  if (auto refusal = CheckCasePermission(context.actor, CaseOperation::kLeaveLivelihoodModel, current)) {
    return *refusal;
  }
  const v1::ModelParticipation* taking_part = CurrentParticipation(current, request.model_id());
  FieldViolations violations = CheckLeaveRequest(request, context.when.today);
  if (request.household_id() != current.household_id()) {
    violations.push_back({"household_id", "names " + request.household_id() + " but case " +
                                              current.case_id() + " is of " + current.household_id()});
  }
  const std::optional<CivilDate> left_on = ParseIsoDate(request.left_on());
  if (left_on && taking_part != nullptr) {
    const std::optional<CivilDate> joined_on = ParseIsoDate(taking_part->joined_on());
    if (joined_on && *left_on < *joined_on) {
      violations.push_back(
          {"left_on", "must not be before the household joined on " + taking_part->joined_on()});
    }
  }
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));
  if (auto refusal = RefuseIfClosed(current, "leaving a livelihood model")) return *refusal;
  if (taking_part == nullptr) {
    return Error::FailedPrecondition("household " + current.household_id() + " does not take part in model " +
                                     request.model_id())
        .WithKey("error.livelihood.not_taking_part",
                 {{"household", current.household_id()}, {"model", request.model_id()}});
  }

  CaseChange result;
  v1::Case& updated = result.updated_case;
  updated = current;
  v1::ModelParticipation* participation = nullptr;
  for (v1::ModelParticipation& candidate : *updated.mutable_participations()) {
    if (candidate.model_id() == request.model_id() && candidate.left_on().empty()) participation = &candidate;
  }
  participation->set_left_on(request.left_on());

  CaseJournal journal(&updated, context.actor, context.when.now);
  journal.Record(v1::CASE_ACTION_MODEL_LEFT, request.reason(),
                 "left livelihood model " + request.model_id() + " on " + request.left_on() + " (joined on " +
                     participation->joined_on() + ")",
                 ParticipationPayload(updated, *participation, request.reason()));
  result.events = journal.TakeEvents();
  return result;
}

}  // namespace ansinh::assignment
