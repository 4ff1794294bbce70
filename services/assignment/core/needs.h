#pragma once

// A household's needs (docs/domain.md §5: coverage is needs met / needs recorded).
// A need is recorded OPEN and later marked MET or NO_LONGER_NEEDED, once; the
// record itself is never edited or removed.

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/case_events.h"
#include "assignment/core/operation_context.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// The new need is the last of updated_case.needs(), with id "N<count>".
Result<CaseChange> RecordNeed(const v1::Case& current, const v1::RecordNeedRequest& request,
                              const OperationContext& context);

Result<CaseChange> UpdateNeedStatus(const v1::Case& current, const v1::UpdateNeedStatusRequest& request,
                                    const OperationContext& context);

// The need with `need_id`, or nullptr.
const v1::Need* FindNeed(const v1::Case& a_case, std::string_view need_id);
v1::Need* FindMutableNeed(v1::Case* a_case, std::string_view need_id);

// The NeedStatusChanged payload for `need` (already updated) of `a_case`.
v1::NeedStatusChanged NeedStatusChangedPayload(const v1::Case& a_case, const v1::Need& need,
                                               v1::NeedStatus previous_status, std::string_view support_id);

}  // namespace ansinh::assignment
