#pragma once

// Support delivered to a household. An amount (VND, >= 0) applies to every
// type and is required for policy credit; the provider (who delivered) is
// always required, for the auditors; the date is never in the future; a need
// it answers must exist on the case, and marks_need_met closes that need in
// the same change (two events: SupportRecorded then NeedStatusChanged).
// A policy loan also names its VBSP programme, which must fit the household,
// and its savings-and-loan group; a health-insurance card the share the state
// pays (support_details.h).

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// The new record is the last of updated_case.support_records(), id "S<count>".
Result<CaseChange> RecordSupport(const v1::Case& current, const v1::RecordSupportRequest& request,
                                 const OperationContext& context);

}  // namespace ansinh::assignment
