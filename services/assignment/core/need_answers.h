#pragma once

// Which type of support answers each type of need, so that every need a
// household can have is one support can meet (docs/domain.md §5). The table
// is advice for staff and readers, not a refusal: a need may still be met by
// another kind of support (a housing need by a loan of the housing programme,
// or by a gift from the Fund for the Poor).

#include "ansinh/v1/assignment.pb.h"

namespace ansinh::assignment {

// The support type that answers `need`; SUPPORT_TYPE_UNSPECIFIED for
// NEED_TYPE_UNSPECIFIED and values this version does not know.
v1::SupportType SupportTypeAnswering(v1::NeedType need);

}  // namespace ansinh::assignment
