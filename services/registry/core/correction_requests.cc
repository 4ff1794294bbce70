#include "registry/core/correction_requests.h"

#include <google/protobuf/descriptor.h>

#include <charconv>
#include <set>

#include "registry/core/household_changes.h"
#include "registry/core/household_operations.h"
#include "registry/core/household_validation.h"
#include "registry/core/import/enum_text.h"
#include "registry/core/member_operations.h"
#include "registry/core/validation_checks.h"

namespace ansinh::registry {
namespace {

using google::protobuf::FieldDescriptor;

// The fields of a household a correction may name: they change through
// UpdateHousehold. The head and the relations are left to it: changing the
// head changes every relation at once.
const std::set<std::string_view> kHouseholdFields = {"address", "residential_group"};

// The fields of a member a correction may name: every field of the member
// but its id and its relation to the head (UpdateMember refuses to give or
// take the head's relation; a relation follows the head).
const std::set<std::string_view> kMemberFields = {"full_name",
                                                  "sex",
                                                  "date_of_birth",
                                                  "national_id",
                                                  "has_health_insurance",
                                                  "enrolled_in_school",
                                                  "education_level",
                                                  "employment",
                                                  "lost_working_capacity",
                                                  "has_disability",
                                                  "monthly_social_allowance_vnd",
                                                  "nutrition"};

constexpr std::string_view kRequestSeparator = "-C";

const FieldDescriptor& MemberField(std::string_view field) {
  return *v1::Member::descriptor()->FindFieldByName(std::string(field));
}

// Sets `field` of `member` from `text`; false when `text` is not of the
// field's kind. Strings are taken as they are: ValidateMember judges them.
bool SetMemberField(v1::Member& member, std::string_view field_name, std::string_view text) {
  const FieldDescriptor& field = MemberField(field_name);
  const google::protobuf::Reflection& reflection = *member.GetReflection();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection.SetString(&member, &field, std::string(text));
      return true;
    case FieldDescriptor::CPPTYPE_BOOL: {
      const std::optional<bool> value = ParseBoolText(text);
      if (!value) return false;
      reflection.SetBool(&member, &field, *value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const std::optional<int> value = ParseEnumText(*field.enum_type(), text);
      if (!value) return false;
      reflection.SetEnumValue(&member, &field, *value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      long long value = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) return false;
      reflection.SetInt64(&member, &field, value);
      return true;
    }
    default:
      return false;
  }
}

// What `field` takes, in words, for the violation of a value of another kind.
std::string KindOf(std::string_view field_name) {
  const FieldDescriptor& field = MemberField(field_name);
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      return "true or false";
    case FieldDescriptor::CPPTYPE_INT64:
      return "an amount in VND, digits only";
    case FieldDescriptor::CPPTYPE_ENUM: {
      std::string names;
      for (int i = 1; i < field.enum_type()->value_count(); ++i) {
        const std::string& full = field.enum_type()->value(i)->name();
        const std::string prefix = field.enum_type()->value(0)->name().substr(
            0, field.enum_type()->value(0)->name().size() - std::string_view("UNSPECIFIED").size());
        names += (names.empty() ? "" : ", ") + full.substr(prefix.size());
      }
      return "one of " + names;
    }
    default:
      return "text";
  }
}

Error NotOpen(const v1::CorrectionRequest& request) {
  const std::string status = v1::CorrectionStatus_Name(request.status());
  return Error::FailedPrecondition("correction request " + request.request_id() + " is no longer open (" +
                                   status + " on " + request.handled_date() + ")")
      .WithKey("error.correction.not_open",
               {{"request", request.request_id()},
                {"status", status.substr(std::string_view("CORRECTION_STATUS_").size())},
                {"date", request.handled_date()}});
}

// The registry's refusal of the value, the field it names kept in words:
// the caller gave one value, and that is what was wrong.
Error AsRequestedValueError(Error error) {
  if (error.code != ErrorCode::kInvalidArgument) return error;
  FieldViolations renamed;
  for (FieldViolation& violation : error.violations) {
    renamed.push_back(
        {"requested_value", violation.field + ": " + violation.description, violation.key, violation.args});
  }
  return Error::InvalidArgument(std::move(renamed));
}

}  // namespace

std::optional<CorrectionScope> CorrectionScopeOf(std::string_view field) {
  if (kHouseholdFields.contains(field)) return CorrectionScope::kHousehold;
  if (kMemberFields.contains(field)) return CorrectionScope::kMember;
  return std::nullopt;
}

FieldViolations ValidateCorrectionRequest(const v1::RecordCorrectionRequestRequest& request,
                                          CivilDate today) {
  FieldViolations violations;
  internal::CheckNotBlank(request.household_id(), "household_id",
                          "the household whose record holds the field", violations);
  const std::optional<CorrectionScope> scope = CorrectionScopeOf(request.field());
  if (request.field().empty()) {
    violations.push_back({"field", "required: the field to correct"});
  } else if (!scope) {
    std::string known;
    for (std::string_view name : kHouseholdFields) known += (known.empty() ? "" : ", ") + std::string(name);
    for (std::string_view name : kMemberFields) known += ", " + std::string(name);
    violations.push_back({"field", "not a field a correction may name: \"" + request.field() + "\" (one of " +
                                       known + "; survey facts are corrected by a new survey)"});
  }
  if (scope == CorrectionScope::kMember) {
    internal::CheckNotBlank(request.member_id(), "member_id", "the member whose field it is", violations);
  } else if (scope == CorrectionScope::kHousehold && !request.member_id().empty()) {
    violations.push_back({"member_id", "must be empty: " + request.field() + " is a field of the household"});
  }
  if (scope == CorrectionScope::kMember) {
    v1::Member probe;
    if (!SetMemberField(probe, request.field(), request.requested_value())) {
      violations.push_back({"requested_value", "not a value for " + request.field() + ": \"" +
                                                   request.requested_value() + "\" (" +
                                                   KindOf(request.field()) + ")"});
    } else if (request.field() == "date_of_birth" && !ParseIsoDate(request.requested_value())) {
      violations.push_back(
          {"requested_value", "not a date of the form YYYY-MM-DD: \"" + request.requested_value() + "\""});
    }
  } else if (scope == CorrectionScope::kHousehold) {
    internal::CheckNotBlank(request.requested_value(), "requested_value", "the value asked for", violations);
  }
  internal::CheckNotBlank(request.reason(), "reason", "why the subject asks", violations);
  internal::CheckNotBlank(request.requested_by(), "requested_by", "who asked", violations);
  internal::CheckPastDate(request.received_date(), "received_date",
                          CivilDate{std::chrono::year(2000), std::chrono::January, std::chrono::day(1)},
                          today, violations);
  return violations;
}

v1::CorrectionRequest NewCorrectionRequest(const v1::RecordCorrectionRequestRequest& request,
                                           const std::string& request_id, const v1::Actor& recorded_by,
                                           const google::protobuf::Timestamp& recorded_at) {
  v1::CorrectionRequest recorded;
  recorded.set_request_id(request_id);
  recorded.set_household_id(request.household_id());
  recorded.set_member_id(request.member_id());
  recorded.set_field(request.field());
  recorded.set_requested_value(request.requested_value());
  recorded.set_reason(request.reason());
  recorded.set_requested_by(request.requested_by());
  recorded.set_received_date(request.received_date());
  recorded.set_status(v1::CORRECTION_STATUS_OPEN);
  *recorded.mutable_recorded_by() = recorded_by;
  *recorded.mutable_recorded_at() = recorded_at;
  return recorded;
}

std::string CorrectionRequestId(const std::string& household_id, long long n) {
  return household_id + std::string(kRequestSeparator) + std::to_string(n);
}

std::optional<std::string> HouseholdOfCorrectionRequest(std::string_view request_id) {
  const size_t separator = request_id.rfind(kRequestSeparator);
  if (separator == std::string_view::npos || separator == 0) return std::nullopt;
  const std::string_view number = request_id.substr(separator + kRequestSeparator.size());
  if (number.empty() || number.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return std::string(request_id.substr(0, separator));
}

Result<HouseholdChange> ApplyCorrection(const v1::Household& household, const v1::CorrectionRequest& request,
                                        CivilDate today) {
  const std::optional<CorrectionScope> scope = CorrectionScopeOf(request.field());
  if (!scope) return Error::InvalidArgument({{"field", "not a field a correction may name"}});
  if (*scope == CorrectionScope::kHousehold) {
    v1::UpdateHouseholdRequest update;
    update.set_household_id(household.household_id());
    update.set_expected_version(household.version());
    if (request.field() == "address") update.set_address(request.requested_value());
    if (request.field() == "residential_group") update.set_residential_group(request.requested_value());
    if (FieldViolations invalid = ValidateUpdateRequest(update); !invalid.empty()) {
      return AsRequestedValueError(Error::InvalidArgument(std::move(invalid)));
    }
    Result<HouseholdChange> change = UpdateHousehold(household, update);
    if (!change.ok()) return AsRequestedValueError(std::move(change).error());
    return change;
  }
  v1::UpdateMemberRequest update;
  update.set_household_id(household.household_id());
  update.set_expected_version(household.version());
  const v1::Member* current = nullptr;
  for (const v1::Member& member : household.members()) {
    if (member.member_id() == request.member_id()) current = &member;
  }
  if (current != nullptr) {
    *update.mutable_member() = *current;
    if (!SetMemberField(*update.mutable_member(), request.field(), request.requested_value())) {
      return Error::InvalidArgument(
          {{"requested_value", "not a value for " + request.field() + " (" + KindOf(request.field()) + ")"}});
    }
    // The checks UpdateMember's handler makes before the household is read.
    if (FieldViolations invalid = ValidateMember(update.member(), today); !invalid.empty()) {
      return AsRequestedValueError(Error::InvalidArgument(std::move(invalid)));
    }
  } else {
    update.mutable_member()->set_member_id(request.member_id());
  }
  Result<HouseholdChange> change = UpdateMember(household, update, today);
  if (!change.ok()) return AsRequestedValueError(std::move(change).error());
  return change;
}

Result<v1::CorrectionRequest> AcceptCorrection(v1::CorrectionRequest request, const v1::Actor& handled_by,
                                               CivilDate today, uint64_t household_version) {
  if (request.status() != v1::CORRECTION_STATUS_OPEN) return NotOpen(request);
  request.set_status(v1::CORRECTION_STATUS_ACCEPTED);
  *request.mutable_handled_by() = handled_by;
  request.set_handled_date(FormatIsoDate(today));
  request.set_household_version(household_version);
  return request;
}

Result<v1::CorrectionRequest> RejectCorrection(v1::CorrectionRequest request, const v1::Actor& handled_by,
                                               CivilDate today, const std::string& reason) {
  if (request.status() != v1::CORRECTION_STATUS_OPEN) return NotOpen(request);
  request.set_status(v1::CORRECTION_STATUS_REJECTED);
  *request.mutable_handled_by() = handled_by;
  request.set_handled_date(FormatIsoDate(today));
  request.set_rejection_reason(reason);
  return request;
}

}  // namespace ansinh::registry
