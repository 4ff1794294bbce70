#pragma once

// One field-level redaction for every response of every service, driven by
// the marks of proto/ansinh/v1/field_options.proto and read by reflection,
// so that no handler has to remember it (RequestExecutor::Handle applies it
// to every unary response). What each role receives: docs/security.md
// ("Field policy").

#include <google/protobuf/message.h>

#include <string_view>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/field_options.pb.h"

namespace ansinh::server {

// Whether a reader with `role` may receive a field with `policy`. Ward
// officers, auditors and services receive every field; organization staff
// the unmarked and the staff_visible ones; any other role (one added later
// included) only the unmarked ones.
bool MayReceive(v1::Role role, const v1::FieldPolicy& policy);

// Clears, in place and at every depth (nested messages, repeated fields, map
// values), each marked field `reader` may not receive. Returns how many
// fields it cleared.
int RedactForReader(const v1::Actor& reader, google::protobuf::Message& message);

// Which marked fields a reader's receipt of is itself recorded in the audit
// log (docs/monitoring.md, "Personal-data reads are logged").
enum class RecordedMarks {
  // Every field marked personal or sensitive: an auditor's reads, whose
  // deterrent is the record itself.
  kPersonalOrSensitive,
  // Fields marked sensitive (means and health, the law's special care):
  // every other reader's, ward officers, organization staff and programs
  // with a service token alike.
  kSensitive,
};
RecordedMarks RecordedMarksFor(const v1::Actor& reader);

// Whether `method` ("Registry.UpdateHousehold", a service of ansinh.v1 and
// its method) is marked `changes` (proto/ansinh/v1/field_options.proto,
// MethodPolicy): its response returns what the caller changed, and is not
// recorded as a read, except an auditor's. False for a method not found.
bool AnswersAChange(std::string_view method);

// The marked fields (of the kind `which` names) that carry a value in
// `message`, grouped by household (the household_id of the nearest message
// around the field that has a non-empty `household_id`), ordered by household
// id, each field's path once and sorted; `rpc` left empty. No households when
// nothing of that kind is set.
v1::PersonalDataRead MarkedFieldsCarried(const google::protobuf::Message& message,
                                         RecordedMarks which = RecordedMarks::kPersonalOrSensitive);

}  // namespace ansinh::server
