#include "registry/core/consumer_grant_rules.h"

#include <algorithm>

#include "events/event_catalogue.h"
#include "personal_data/granted_fields.h"

namespace ansinh::registry {
namespace {

bool IsBlankGrantText(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

FieldViolation GrantViolation(std::string field, std::string description, std::string key,
                              MessageArgs args = {}) {
  return {std::move(field), std::move(description), std::move(key), std::move(args)};
}

std::string GrantListPath(const std::string& path, int index) {
  return path + "[" + std::to_string(index) + "]";
}

void RequireGrantText(const std::string& text, size_t max, const std::string& field, const std::string& what,
                      const std::string& required_key, FieldViolations& out) {
  if (IsBlankGrantText(text)) {
    out.push_back(GrantViolation(field, "is required: " + what, required_key));
  } else if (text.size() > max) {
    out.push_back(GrantViolation(field, "must be at most " + std::to_string(max) + " bytes",
                                 "violation.grant.too_long", {{"max", std::to_string(max)}}));
  }
}

}  // namespace

bool IsConsumerId(std::string_view text) {
  return !text.empty() && text.size() <= GrantLimits::kMaxConsumerId &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

FieldViolations GrantViolations(const v1::ConsumerGrant& wanted, const std::string& prefix) {
  // Every payload's fields known to the pool, for the names of `fields`.
  events::GrantableEventTypes();
  FieldViolations out;
  if (wanted.consumer_id().empty()) {
    out.push_back(GrantViolation(prefix + "consumer_id", "is required: the name of the consumer's token",
                                 "violation.grant.consumer_id_required"));
  } else if (!IsConsumerId(wanted.consumer_id())) {
    out.push_back(GrantViolation(prefix + "consumer_id",
                                 "must be 1 to 64 lowercase letters, digits and '-' (e.g. policy-bank)",
                                 "violation.grant.consumer_id_form"));
  }
  RequireGrantText(wanted.display_name(), GrantLimits::kMaxDisplayName, prefix + "display_name",
                   "who the consumer is", "violation.grant.display_name_required", out);
  RequireGrantText(wanted.purpose(), GrantLimits::kMaxPurpose, prefix + "purpose",
                   "why it receives the data and on what legal basis", "violation.grant.purpose_required",
                   out);

  if (wanted.event_types().empty()) {
    out.push_back(GrantViolation(prefix + "event_types", "must name at least one event type",
                                 "violation.grant.no_event_types"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < wanted.event_types_size(); ++i) {
    const std::string& type = wanted.event_types(i);
    if (events::FindGrantableEventType(type) == nullptr) {
      out.push_back(GrantViolation(GrantListPath(prefix + "event_types", i),
                                   "'" + type + "' is not an event type of the catalogue (docs/events.md)",
                                   "violation.grant.unknown_event_type", {{"type", type}}));
    } else if (!seen.insert(type).second) {
      out.push_back(GrantViolation(GrantListPath(prefix + "event_types", i), "names '" + type + "' again",
                                   "violation.grant.repeated", {{"value", type}}));
    }
  }
  seen.clear();
  for (int i = 0; i < wanted.fields_size(); ++i) {
    const std::string& field = wanted.fields(i);
    if (personal_data::MarkedFieldNamed(field) == nullptr) {
      out.push_back(GrantViolation(
          GrantListPath(prefix + "fields", i),
          "'" + field + "' is not a field marked personal or sensitive (e.g. Member.full_name)",
          "violation.grant.unknown_field", {{"field", field}}));
    } else if (!seen.insert(field).second) {
      out.push_back(GrantViolation(GrantListPath(prefix + "fields", i), "names '" + field + "' again",
                                   "violation.grant.repeated", {{"value", field}}));
    }
  }
  std::set<int> details;
  for (int i = 0; i < wanted.household_details_size(); ++i) {
    const v1::HouseholdDetail detail = wanted.household_details(i);
    if (detail == v1::HOUSEHOLD_DETAIL_UNSPECIFIED || !v1::HouseholdDetail_IsValid(detail)) {
      out.push_back(GrantViolation(GrantListPath(prefix + "household_details", i),
                                   "must be one of head_name, head_national_id, address",
                                   "violation.grant.unknown_household_detail"));
    } else if (!details.insert(detail).second) {
      out.push_back(GrantViolation(GrantListPath(prefix + "household_details", i),
                                   "names '" + HouseholdDetailName(detail) + "' again",
                                   "violation.grant.repeated", {{"value", HouseholdDetailName(detail)}}));
    }
  }
  return out;
}

v1::ConsumerGrant GrantAsSet(const v1::ConsumerGrant& wanted, const v1::Actor& by,
                             const google::protobuf::Timestamp& now) {
  v1::ConsumerGrant grant;
  grant.set_consumer_id(wanted.consumer_id());
  grant.set_display_name(wanted.display_name());
  grant.set_purpose(wanted.purpose());
  *grant.mutable_event_types() = wanted.event_types();
  *grant.mutable_fields() = wanted.fields();
  *grant.mutable_household_details() = wanted.household_details();
  *grant.mutable_granted_at() = now;
  grant.set_granted_by(by.name());
  return grant;
}

v1::ConsumerGrant GrantRevoked(v1::ConsumerGrant grant, const v1::Actor& by,
                               const google::protobuf::Timestamp& now) {
  grant.set_revoked(true);
  *grant.mutable_revoked_at() = now;
  grant.set_revoked_by(by.name());
  return grant;
}

std::set<std::string> SourcesOf(const v1::ConsumerGrant& grant) {
  std::set<std::string> sources;
  for (const std::string& type : grant.event_types()) {
    if (const events::CataloguedEvent* known = events::FindGrantableEventType(type)) {
      sources.emplace(known->source);
    }
  }
  return sources;
}

bool GrantsType(const v1::ConsumerGrant& grant, std::string_view event_type) {
  return std::find(grant.event_types().begin(), grant.event_types().end(), event_type) !=
         grant.event_types().end();
}

std::string HouseholdDetailName(v1::HouseholdDetail detail) {
  switch (detail) {
    case v1::HOUSEHOLD_DETAIL_HEAD_NAME:
      return "head_name";
    case v1::HOUSEHOLD_DETAIL_HEAD_NATIONAL_ID:
      return "head_national_id";
    case v1::HOUSEHOLD_DETAIL_ADDRESS:
      return "address";
    default:
      return "unspecified";
  }
}

}  // namespace ansinh::registry
