#pragma once

// The fields of a support record that belong to one type of support
// (docs/domain.md §5): a policy loan's VBSP programme and savings-and-loan
// group, a health-insurance card's state share. Each is required (or, for the
// group's organization, allowed) for its type and refused for every other,
// so a record never carries facts that do not describe it.

#include <optional>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/directory.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"

namespace ansinh::assignment {

inline constexpr std::size_t kMaxSavingsGroupLength = 200;

// Appends a violation for each bad type-specific field of `request`, judged
// against the household of `current`. `delivered_on` is the request's date
// when it was usable.
void CheckTypeSpecificFields(const v1::Case& current, const v1::RecordSupportRequest& request,
                             const Directory& directory, std::optional<CivilDate> delivered_on,
                             FieldViolations* violations);

}  // namespace ansinh::assignment
