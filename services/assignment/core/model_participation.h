#pragma once

// Households joining and leaving livelihood models (docs/assignment.md,
// "Livelihood models"). A participation is kept on the household's case and
// in its history, and published on the case's partition, so that a model's
// households are read with the rest of their case.
//
// Joining is checked in two steps: the request once (the model, the date,
// the households), then each household's case, whose refusal reaches only
// that household's outcome (case_operation_outcomes.h).

#include <optional>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// Every bad field of a join request: model_id (required, naming `model`, the
// stored model of that id or nullptr), household_ids (1 to
// kMaxBulkHouseholds, no repeats), joined_on (not in the future, not before
// the model started, not after it ended), the note's length and the reason.
FieldViolations CheckJoinRequest(const v1::JoinLivelihoodModelRequest& request,
                                 const v1::LivelihoodModel* model, CivilDate today);

// One household's case joins `model`, for a request CheckJoinRequest
// accepted. Refused for staff of another organization, a closed case, a
// joined_on before the case opened or before the household last left the
// model, or a household outside the model's residential groups. A household
// taking part already changes nothing (no event): its outcome is "already".
Result<CaseChange> JoinLivelihoodModel(const v1::Case& current, const v1::JoinLivelihoodModelRequest& request,
                                       const v1::LivelihoodModel& model, const OperationContext& context);

// Every bad field of a leave request that needs no case: model_id,
// household_id, left_on (not in the future) and the reason.
FieldViolations CheckLeaveRequest(const v1::LeaveLivelihoodModelRequest& request, CivilDate today);

// The household leaves the model it takes part in: the request as
// CheckLeaveRequest wants it, left_on not before it joined. Refused for
// staff of another organization, a closed case, a household that does not
// take part.
Result<CaseChange> LeaveLivelihoodModel(const v1::Case& current,
                                        const v1::LeaveLivelihoodModelRequest& request,
                                        const OperationContext& context);

// The case's participation in `model_id` that has not ended; nullptr when
// the household does not take part.
const v1::ModelParticipation* CurrentParticipation(const v1::Case& a_case, std::string_view model_id);

// The case's participation in `model_id` that covers `date` (joined on or
// before it, not left before it); nullptr when none.
const v1::ModelParticipation* ParticipationOn(const v1::Case& a_case, std::string_view model_id,
                                              CivilDate date);

}  // namespace ansinh::assignment
