#include "registry/core/validation_checks.h"

#include <string>

namespace ansinh::registry::internal {

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

void CheckRequiredEnum(int value, EnumIsValid is_valid, std::string_view field, FieldViolations& out) {
  if (value == 0) {
    out.push_back({std::string(field), "required"});
  } else if (!is_valid(value)) {
    out.push_back({std::string(field), "unknown value " + std::to_string(value)});
  }
}

void CheckKnownEnum(int value, EnumIsValid is_valid, std::string_view field, FieldViolations& out) {
  if (value != 0 && !is_valid(value)) {
    out.push_back({std::string(field), "unknown value " + std::to_string(value)});
  }
}

void CheckNotBlank(std::string_view value, std::string_view field, std::string_view what,
                   FieldViolations& out) {
  if (IsBlank(value)) out.push_back({std::string(field), "required: " + std::string(what)});
}

std::optional<CivilDate> CheckPastDate(std::string_view value, std::string_view field, CivilDate earliest,
                                       CivilDate today, FieldViolations& out) {
  if (value.empty()) {
    out.push_back({std::string(field), "required (YYYY-MM-DD)"});
    return std::nullopt;
  }
  const std::optional<CivilDate> date = ParseIsoDate(value);
  if (!date) {
    out.push_back({std::string(field), "not a date of the form YYYY-MM-DD: \"" + std::string(value) + "\""});
    return std::nullopt;
  }
  if (*date > today) {
    out.push_back({std::string(field), "in the future (today is " + FormatIsoDate(today) + ")"});
    return std::nullopt;
  }
  if (*date < earliest) {
    out.push_back({std::string(field), "before " + FormatIsoDate(earliest)});
    return std::nullopt;
  }
  return date;
}

}  // namespace ansinh::registry::internal
