#pragma once

// A data subject's request to correct a field the registry holds about them
// (docs/registry.md, "Correction requests"): the request's own checks, its
// id, and its two ends. Accepting applies the registry's own operations
// (UpdateHousehold for a field of the household, UpdateMember for a member's),
// so a correction is checked and published exactly as the same change made
// by hand; nothing here writes.

#include <optional>
#include <string>
#include <string_view>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/corrections.pb.h"
#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"
#include "kernel/result.h"
#include "registry/core/household_events.h"

namespace ansinh::registry {

// Whose field a correction names.
enum class CorrectionScope { kHousehold, kMember };

// The scope of a field a correction may name (CorrectionRequest.field);
// nullopt for any other (ids, versions, the head and relations, which change
// with UpdateHousehold's rules, and survey facts, which a corrected survey
// replaces).
std::optional<CorrectionScope> CorrectionScopeOf(std::string_view field);

// Every problem of a request on its own, one per field: household_id, field
// (one CorrectionScopeOf knows), member_id (given exactly for a member's
// field), requested_value (of the field's kind: a date, digits, true/false,
// an enum value's name), reason, requested_by, received_date (a date, not
// after `today`).
FieldViolations ValidateCorrectionRequest(const v1::RecordCorrectionRequestRequest& request, CivilDate today);

// The request as recorded: OPEN, with its id and who recorded it when.
v1::CorrectionRequest NewCorrectionRequest(const v1::RecordCorrectionRequestRequest& request,
                                           const std::string& request_id, const v1::Actor& recorded_by,
                                           const google::protobuf::Timestamp& recorded_at);

// "HH-000123-C2": the household's n-th request.
std::string CorrectionRequestId(const std::string& household_id, long long n);
// The household of a request id ("HH-000123" for "HH-000123-C2"); nullopt
// when `request_id` is not of that form.
std::optional<std::string> HouseholdOfCorrectionRequest(std::string_view request_id);

// The registry's own change for `request` on `household` as read: the
// household's update (address, residential group) or the member with the
// field replaced, through UpdateHousehold or UpdateMember, with the same
// checks as those RPCs. Their refusals as they are (FAILED_PRECONDITION for a
// household no longer active, NOT_FOUND for a member no longer in it), but
// a value the registry refuses for the field is named "requested_value".
Result<HouseholdChange> ApplyCorrection(const v1::Household& household, const v1::CorrectionRequest& request,
                                        CivilDate today);

// The request closed: ACCEPTED with the household's version the correction
// produced, or REJECTED with the reason; who handled it and the day.
// FAILED_PRECONDITION when it is not open (error.correction.not_open).
Result<v1::CorrectionRequest> AcceptCorrection(v1::CorrectionRequest request, const v1::Actor& handled_by,
                                               CivilDate today, uint64_t household_version);
Result<v1::CorrectionRequest> RejectCorrection(v1::CorrectionRequest request, const v1::Actor& handled_by,
                                               CivilDate today, const std::string& reason);

}  // namespace ansinh::registry
