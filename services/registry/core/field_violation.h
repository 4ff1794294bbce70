#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ansinh::registry {

// One problem with one input field. `field` is a path relative to the
// validated message, in the style of google.rpc.BadRequest (AIP-193):
// "members[2].national_id", "survey.walls". The adapter turns a list of these
// into an INVALID_ARGUMENT status, prefixing the request field
// ("household.") with PrefixFieldPaths.
struct FieldViolation {
  std::string field;
  std::string description;

  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};

using FieldViolations = std::vector<FieldViolation>;

// Returns `violations` with "<prefix>." put in front of every field path
// (just "<prefix>" for a violation about the whole message).
inline FieldViolations PrefixFieldPaths(std::string_view prefix, FieldViolations violations) {
  for (FieldViolation& violation : violations) {
    std::string path(prefix);
    if (!violation.field.empty()) {
      if (violation.field.front() != '[') path += '.';
      path += violation.field;
    }
    violation.field = std::move(path);
  }
  return violations;
}

}  // namespace ansinh::registry
