#pragma once

// Small checks shared by the household and survey validators. Each appends at
// most one violation for `field` to `out`.

#include <optional>
#include <string_view>

#include "kernel/civil_date.h"
#include "kernel/field_violation.h"

namespace ansinh::registry::internal {

// Generated protobuf predicate, e.g. v1::Sex_IsValid.
using EnumIsValid = bool (*)(int);

// True when `text` is empty or only ASCII whitespace.
bool IsBlank(std::string_view text);

// The value must be a known enum value other than the UNSPECIFIED zero.
void CheckRequiredEnum(int value, EnumIsValid is_valid, std::string_view field, FieldViolations& out);

// The value may be UNSPECIFIED but must be known (proto3 enums are open: an
// unknown number arriving over the wire or in JSON is kept as is).
void CheckKnownEnum(int value, EnumIsValid is_valid, std::string_view field, FieldViolations& out);

void CheckNotBlank(std::string_view value, std::string_view field, std::string_view what,
                   FieldViolations& out);

// A required "YYYY-MM-DD" date, not after `today` and not before `earliest`.
// Returns the date when it passes.
std::optional<CivilDate> CheckPastDate(std::string_view value, std::string_view field, CivilDate earliest,
                                       CivilDate today, FieldViolations& out);

}  // namespace ansinh::registry::internal
