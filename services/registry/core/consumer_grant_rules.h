// Outside consumers' grants (docs/events.md, "Outside consumers"): what a
// ward officer may grant, checked field by field, and the grant as the
// registry stores it. Pure: the types come from events/event_catalogue.h and
// the marked fields from the .proto files' marks (personal_data/granted_fields.h).
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <set>
#include <string>
#include <string_view>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/consumers.pb.h"
#include "kernel/field_violation.h"

namespace ansinh::registry {

struct GrantLimits {
  static constexpr size_t kMaxConsumerId = 64;
  static constexpr size_t kMaxDisplayName = 200;
  static constexpr size_t kMaxPurpose = 1000;
};

// Lowercase letters, digits and '-', 1 to 64 of them ("policy-bank").
bool IsConsumerId(std::string_view text);

// Every problem of the wanted grant, one per field, with paths under
// `prefix` ("grant."): the consumer id, the display name and the purpose
// present; at least one event type, each of the catalogue and named once;
// each field a marked field named once; each household detail known and
// named once.
FieldViolations GrantViolations(const v1::ConsumerGrant& wanted, const std::string& prefix);

// The grant to store: what the officer asked for (lists as given), granted
// now by `by`, not revoked.
v1::ConsumerGrant GrantAsSet(const v1::ConsumerGrant& wanted, const v1::Actor& by,
                             const google::protobuf::Timestamp& now);

// The grant revoked now by `by`.
v1::ConsumerGrant GrantRevoked(v1::ConsumerGrant grant, const v1::Actor& by,
                               const google::protobuf::Timestamp& now);

// The services whose streams carry the granted types ("classification", ...).
std::set<std::string> SourcesOf(const v1::ConsumerGrant& grant);

// "classification.household_status_changed.v1" -> granted?
bool GrantsType(const v1::ConsumerGrant& grant, std::string_view event_type);

// The wording of a household detail for the audit entry and the CLI:
// "head_name", "head_national_id", "address".
std::string HouseholdDetailName(v1::HouseholdDetail detail);

}  // namespace ansinh::registry
