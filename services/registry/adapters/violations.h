#pragma once

#include <string>

#include "kernel/field_violation.h"

namespace ansinh::registry {

// Adds a violation on `field` when `value` is empty or only whitespace.
inline void RequireNonEmpty(const std::string& value, const std::string& field, FieldViolations& violations) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    violations.push_back({field, "must not be empty"});
  }
}

}  // namespace ansinh::registry
