#include "assignment/core/request_checks.h"

#include <utility>

#include "i18n/message.h"

namespace ansinh::assignment {

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    // Continuation bytes are 10xxxxxx.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

void CheckRequiredText(std::string_view text, std::string field, std::size_t max_length,
                       FieldViolations* violations) {
  if (IsBlank(text)) {
    violations->push_back({std::move(field), "is required"});
    return;
  }
  CheckOptionalText(text, std::move(field), max_length, violations);
}

void CheckOptionalText(std::string_view text, std::string field, std::size_t max_length,
                       FieldViolations* violations) {
  if (CharacterCount(text) > max_length) {
    violations->push_back(
        {std::move(field), "must be at most " + std::to_string(max_length) + " characters"});
  }
}

void CheckReason(std::string_view reason, FieldViolations* violations) {
  CheckRequiredText(reason, "reason", kMaxReasonLength, violations);
}

std::optional<CivilDate> CheckDateNotInFuture(std::string_view text, std::string field, CivilDate today,
                                              FieldViolations* violations) {
  if (text.empty()) {
    violations->push_back({std::move(field), "is required (YYYY-MM-DD)"});
    return std::nullopt;
  }
  const std::optional<CivilDate> date = ParseIsoDate(text);
  if (!date) {
    violations->push_back(
        {std::move(field), "must be a calendar date YYYY-MM-DD (got \"" + std::string(text) + "\")"});
    return std::nullopt;
  }
  if (*date > today) {
    violations->push_back({std::move(field), "must not be in the future (" + FormatIsoDate(*date) +
                                                 " is after today " + FormatIsoDate(today) + ")"});
    return std::nullopt;
  }
  return date;
}

void CheckCaseId(std::string_view request_case_id, const v1::Case& current, FieldViolations* violations) {
  if (request_case_id.empty()) {
    violations->push_back({"case_id", "is required"});
  } else if (request_case_id != current.case_id()) {
    violations->push_back({"case_id", "names " + std::string(request_case_id) +
                                          " but the operation was applied to " + current.case_id()});
  }
}

std::optional<Error> RefuseIfClosed(const v1::Case& current, std::string_view operation) {
  if (current.state() != v1::CASE_STATE_CLOSED) return std::nullopt;
  return Error::FailedPrecondition("case " + current.case_id() + " was closed on " + current.closed_on() +
                                   "; " + std::string(operation) + " is refused on a closed case")
      .WithKey("error.case.closed", {{"case", current.case_id()},
                                     {"date", current.closed_on()},
                                     {"action", i18n::ActionArg(operation)}});
}

}  // namespace ansinh::assignment
