#pragma once

// Validation of organizations and helpers, alone (an upsert) or as a whole
// directory (the ward configuration file). Field paths are prefixed by the
// caller: "organization." for a request, "organizations[3]." for a file.

#include <string_view>
#include <vector>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/settings.h"
#include "kernel/result.h"

namespace ansinh::assignment {

// Lowercase letters and digits in dash-separated words, at most 63 characters.
bool IsValidId(std::string_view id);
// "0" followed by 9 digits, or "+84" followed by 9 digits.
bool IsValidPhone(std::string_view phone);

FieldViolations ValidateOrganization(const v1::Organization& organization, std::string_view prefix);
FieldViolations ValidateHelper(const v1::Helper& helper, std::string_view prefix);
FieldViolations ValidateSettings(const AssignmentSettings& settings, std::string_view prefix);

// Every entry on its own, plus: duplicate organization or helper ids, helpers
// of unknown organizations, an unknown fallback organization.
FieldViolations ValidateDirectory(const std::vector<v1::Organization>& organizations,
                                  const std::vector<v1::Helper>& helpers, const AssignmentSettings& settings);

}  // namespace ansinh::assignment
