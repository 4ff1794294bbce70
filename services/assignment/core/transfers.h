#pragma once

// Moving a case to another organization in two steps: the responsible
// organization (or a ward officer) requests it, then the addressed
// organization accepts (the case moves, losing its helper, who belongs to the
// previous organization; loads change with it) or declines (the case, its
// helper and every record stay exactly as they were). One transfer may be
// pending at a time.

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/result.h"

namespace ansinh::assignment {

Result<CaseChange> RequestTransfer(const v1::Case& current, const v1::RequestTransferRequest& request,
                                   const OperationContext& context);

Result<CaseChange> AcceptTransfer(const v1::Case& current, const v1::AcceptTransferRequest& request,
                                  const OperationContext& context);

Result<CaseChange> DeclineTransfer(const v1::Case& current, const v1::DeclineTransferRequest& request,
                                   const OperationContext& context);

}  // namespace ansinh::assignment
