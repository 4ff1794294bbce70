// The marks of proto/ansinh/v1/field_options.proto read by reflection: which
// fields are personal or sensitive. Shared by the field redaction of every
// response (server/redaction.h) and by the sealing of personal fields at rest
// (personal_fields.h), so both always agree on what is personal.
#pragma once

#include <google/protobuf/descriptor.h>

#include "ansinh/v1/field_options.pb.h"

namespace ansinh::personal_data {

// The field's policy; an unmarked field has neither personal nor sensitive set.
const v1::FieldPolicy& PolicyOf(const google::protobuf::FieldDescriptor& field);
bool IsMarked(const v1::FieldPolicy& policy);
inline bool IsMarked(const google::protobuf::FieldDescriptor& field) { return IsMarked(PolicyOf(field)); }

// Whether any message reachable from `type` (itself included) has a marked
// field; remembered per type, as most messages carry none.
bool MayCarryMarks(const google::protobuf::Descriptor* type);

// Whether the walk goes into `field`: a message field whose type may carry marks.
bool DescendsInto(const google::protobuf::FieldDescriptor& field);

}  // namespace ansinh::personal_data
