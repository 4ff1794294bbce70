#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cstddef>
#include <string_view>

#include "kernel/field_violation.h"

namespace ansinh::server {

// How long one field of a request may be: strings in characters (UTF-8 code
// points), bytes fields in bytes, repeated fields in elements. `rule` names
// the row of the table that gave the limit (docs/security.md, "Field
// limits"), for tests and the table itself.
struct FieldLimit {
  size_t max = 0;
  std::string_view rule;
};

// The limit of one string or bytes field (each element of a repeated one),
// from a small table of rules on the field's name: ids 128, dates 32, names
// 200, addresses 500, reasons, notes and other free text 2,000, file paths
// 4,096, anything else 1,000 (bytes fields 65,536). Per-field overrides (by
// full name) come first, where the name misleads.
FieldLimit TextLimitOf(const google::protobuf::FieldDescriptor& field);

// The most elements a repeated field (or map) may hold: a household's
// members 100, anything else 10,000 (a ward's group meeting decides on at
// most a few thousand households; the request size bound, 4 MiB, comes
// first for most lists anyway).
FieldLimit CountLimitOf(const google::protobuf::FieldDescriptor& field);

// Every field of `message`, nested messages and every element of repeated
// fields included, that is longer than its limit: field path as in
// google.rpc.BadRequest ("household.members[2].full_name"), and a
// description with the length and the limit, never the value (catalog key
// violation.field_too_long, or violation.too_many_elements for counts).
FieldViolations FieldLimitViolations(const google::protobuf::Message& message);

}  // namespace ansinh::server
