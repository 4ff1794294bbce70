#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ansinh {

// One problem with one input field. `field` is a path relative to the
// validated message, in the style of google.rpc.BadRequest (AIP-193):
// "members[2].national_id", "survey.walls", "targets[2].threshold_percent".
// An adapter turns a list of these into a status with a BadRequest.
struct FieldViolation {
  std::string field;
  std::string description;

  friend bool operator==(const FieldViolation&, const FieldViolation&) = default;
};

using FieldViolations = std::vector<FieldViolation>;

// Returns `violations` with "<prefix>." put in front of every field path
// (just "<prefix>" for a violation about the whole message), for a core that
// validates a message the request carries in a field ("household.").
FieldViolations PrefixFieldPaths(std::string_view prefix, FieldViolations violations);

// "what: field description; field description", the message of an Error
// that carries the violations too.
std::string ListViolations(std::string what, const FieldViolations& violations);

}  // namespace ansinh
