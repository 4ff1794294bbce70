#pragma once

#include <vector>

#include "registry/core/field_violation.h"
#include "server/status_mapping.h"

namespace ansinh::registry {

// The core's violations as the gRPC layer's (INVALID_ARGUMENT + BadRequest).
inline grpc::Status InvalidArgument(const FieldViolations& violations) {
  std::vector<server::FieldViolation> converted;
  converted.reserve(violations.size());
  for (const auto& violation : violations) converted.push_back({violation.field, violation.description});
  return server::InvalidArgument(converted);
}

// Adds a violation on `field` when `value` is empty or only whitespace.
inline void RequireNonEmpty(const std::string& value, const std::string& field, FieldViolations& violations) {
  if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
    violations.push_back({field, "must not be empty"});
  }
}

}  // namespace ansinh::registry
