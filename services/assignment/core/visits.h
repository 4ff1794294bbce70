#pragma once

// Home visits: the date (not in the future, not before the case opened), the
// notes, the change observed, and who visited (a helper of the responsible
// organization; the case's helper when none is named).

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// The new visit is the last of updated_case.visits(), id "V<count>".
Result<CaseChange> RecordVisit(const v1::Case& current, const v1::RecordVisitRequest& request,
                               const OperationContext& context);

}  // namespace ansinh::assignment
