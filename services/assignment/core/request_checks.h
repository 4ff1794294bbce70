#pragma once

// Checks shared by the staff operations: required text, the reason every
// write carries, dates that cannot be in the future, and the refusal of any
// change to a closed case.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"

namespace ansinh::assignment {

inline constexpr std::size_t kMaxReasonLength = 2000;
inline constexpr std::size_t kMaxDescriptionLength = 2000;
inline constexpr std::size_t kMaxNotesLength = 4000;

// Empty or whitespace only.
bool IsBlank(std::string_view text);

// Length in characters (UTF-8 code points), not bytes: Vietnamese text with
// diacritics takes two or three bytes per letter.
std::size_t CharacterCount(std::string_view text);

void CheckRequiredText(std::string_view text, std::string field, std::size_t max_length,
                       FieldViolations* violations);
void CheckOptionalText(std::string_view text, std::string field, std::size_t max_length,
                       FieldViolations* violations);
// Every write request's "reason": required, at most kMaxReasonLength.
void CheckReason(std::string_view reason, FieldViolations* violations);

// A required "YYYY-MM-DD" date not after `today`; the parsed date when valid.
std::optional<CivilDate> CheckDateNotInFuture(std::string_view text, std::string field, CivilDate today,
                                              FieldViolations* violations);

// The request's case_id must name the case the operation is applied to.
void CheckCaseId(std::string_view request_case_id, const v1::Case& current, FieldViolations* violations);

// The precondition error for any change to a closed case.
std::optional<Error> RefuseIfClosed(const v1::Case& current, std::string_view operation);

}  // namespace ansinh::assignment
