#pragma once

// Assigning or replacing a case's helper. Refused, naming the reason, for a
// helper of another organization, an inactive helper, or one already at
// their maximum caseload (open cases; only checked for an OPEN case, since a
// follow-up case does not add to the load).

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/result.h"

namespace ansinh::assignment {

Result<CaseChange> AssignHelper(const v1::Case& current, const v1::AssignHelperRequest& request,
                                const OperationContext& context);

}  // namespace ansinh::assignment
