#include "registry/core/household_events.h"

namespace ansinh::registry {
namespace {

// One name per payload type; std::visit picks it.
std::string_view RegistryEventTypeName(const v1::HouseholdRegistered&) {
  return "registry.household_registered.v1";
}
std::string_view RegistryEventTypeName(const v1::HouseholdUpdated&) {
  return "registry.household_updated.v1";
}
std::string_view RegistryEventTypeName(const v1::MemberAdded&) { return "registry.member_added.v1"; }
std::string_view RegistryEventTypeName(const v1::MemberUpdated&) { return "registry.member_updated.v1"; }
std::string_view RegistryEventTypeName(const v1::MemberRemoved&) { return "registry.member_removed.v1"; }
std::string_view RegistryEventTypeName(const v1::SurveyRecorded&) { return "registry.survey_recorded.v1"; }
std::string_view RegistryEventTypeName(const v1::HouseholdMovedOut&) {
  return "registry.household_moved_out.v1";
}
std::string_view RegistryEventTypeName(const v1::HouseholdDissolved&) {
  return "registry.household_dissolved.v1";
}
std::string_view RegistryEventTypeName(const v1::HouseholdErased&) { return "registry.household_erased.v1"; }

}  // namespace

std::string_view EventTypeOf(const HouseholdEventPayload& payload) {
  return std::visit([](const auto& message) { return RegistryEventTypeName(message); }, payload);
}

const google::protobuf::Message& MessageOf(const HouseholdEventPayload& payload) {
  return std::visit([](const auto& message) -> const google::protobuf::Message& { return message; }, payload);
}

}  // namespace ansinh::registry
