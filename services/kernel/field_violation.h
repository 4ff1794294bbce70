#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ansinh {

// The named arguments of a catalog message (locales/*.json, docs/i18n.md):
// language-neutral values such as ids, digits, ISO dates and enum value names.
using MessageArgs = std::map<std::string, std::string>;

// One problem with one input field. `field` is a path relative to the
// validated message, in the style of google.rpc.BadRequest (AIP-193):
// "members[2].national_id", "survey.walls", "targets[2].threshold_percent".
// An adapter turns a list of these into a status with a BadRequest.
struct FieldViolation {
  std::string field;
  std::string description;
  // Optionally, the description as a catalog key and its arguments, for
  // clients that show it in the user's language (server::ToStatus sends them
  // as a google.rpc.ErrorInfo). `description` stays the English text.
  std::string key = {};
  MessageArgs args = {};

  // The key and arguments say again what the description says, in another
  // form: two violations are the same when field and description are.
  friend bool operator==(const FieldViolation& a, const FieldViolation& b) {
    return a.field == b.field && a.description == b.description;
  }
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
