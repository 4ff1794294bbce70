#pragma once

// Households an emergency struck, marked on their cases (docs/assignment.md,
// "Emergencies"): in bulk, by household ids or for every case not closed in
// the emergency's residential groups; each household one case operation
// (case_operation_outcomes.h). Emergency relief can then name the emergency
// (support_records.h).

#include <string_view>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/livelihood.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// Every bad field of a mark request: emergency_id (required, naming
// `emergency`, the stored one or nullptr), household_ids (at most
// kMaxBulkHouseholds, no repeats) or all_in_affected_groups (one of the two),
// affected_on (not in the future, not before the emergency began), the
// note's length and the reason.
FieldViolations CheckMarkAffectedRequest(const v1::MarkAffectedRequest& request,
                                         const v1::Emergency* emergency, CivilDate today);

// One household's case marked affected, for a request
// CheckMarkAffectedRequest accepted. Refused for staff of another
// organization and for a closed case; a household marked before changes
// nothing (no event): its outcome is "already".
Result<CaseChange> MarkAffected(const v1::Case& current, const v1::MarkAffectedRequest& request,
                                const v1::Emergency& emergency, const OperationContext& context);

// The case's mark for `emergency_id`; nullptr when it was not marked.
const v1::EmergencyMark* MarkFor(const v1::Case& a_case, std::string_view emergency_id);

// Whether the case is of one of the emergency's residential groups and not
// closed: what all_in_affected_groups marks.
bool InAffectedGroups(const v1::Case& a_case, const v1::Emergency& emergency);

}  // namespace ansinh::assignment
