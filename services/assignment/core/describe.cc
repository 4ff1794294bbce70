#include "assignment/core/describe.h"

#include <string_view>

namespace ansinh::assignment {
namespace {

std::string WithoutPrefix(const std::string& name, std::string_view prefix) {
  if (name.empty()) return "UNKNOWN";
  return name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
}

}  // namespace

std::string CategoryName(v1::PovertyCategory category) {
  return WithoutPrefix(v1::PovertyCategory_Name(category), "POVERTY_CATEGORY_");
}

std::string TransitionName(v1::Transition transition) {
  return WithoutPrefix(v1::Transition_Name(transition), "TRANSITION_");
}

std::string NeedTypeName(v1::NeedType type) { return WithoutPrefix(v1::NeedType_Name(type), "NEED_TYPE_"); }

std::string NeedStatusName(v1::NeedStatus status) {
  return WithoutPrefix(v1::NeedStatus_Name(status), "NEED_STATUS_");
}

std::string SupportTypeName(v1::SupportType type) {
  return WithoutPrefix(v1::SupportType_Name(type), "SUPPORT_TYPE_");
}

std::string ObservedChangeName(v1::ObservedChange change) {
  return WithoutPrefix(v1::ObservedChange_Name(change), "OBSERVED_CHANGE_");
}

std::string CaseStateName(v1::CaseState state) {
  return WithoutPrefix(v1::CaseState_Name(state), "CASE_STATE_");
}

std::string CreditProgrammeName(v1::CreditProgramme programme) {
  return WithoutPrefix(v1::CreditProgramme_Name(programme), "CREDIT_PROGRAMME_");
}

std::string LivelihoodModelKindName(v1::LivelihoodModelKind kind) {
  return WithoutPrefix(v1::LivelihoodModelKind_Name(kind), "LIVELIHOOD_MODEL_KIND_");
}

std::string EmergencyKindName(v1::EmergencyKind kind) {
  return WithoutPrefix(v1::EmergencyKind_Name(kind), "EMERGENCY_KIND_");
}

}  // namespace ansinh::assignment
