#pragma once

// Enum values in words for history details and messages: "POOR" rather than
// "POVERTY_CATEGORY_POOR".

#include <string>

#include "ansinh/v1/assignment.pb.h"
#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/livelihood.pb.h"

namespace ansinh::assignment {

std::string CategoryName(v1::PovertyCategory category);
std::string TransitionName(v1::Transition transition);
std::string NeedTypeName(v1::NeedType type);
std::string NeedStatusName(v1::NeedStatus status);
std::string SupportTypeName(v1::SupportType type);
std::string ObservedChangeName(v1::ObservedChange change);
std::string CaseStateName(v1::CaseState state);
std::string CreditProgrammeName(v1::CreditProgramme programme);
std::string LivelihoodModelKindName(v1::LivelihoodModelKind kind);
std::string EmergencyKindName(v1::EmergencyKind kind);

}  // namespace ansinh::assignment
