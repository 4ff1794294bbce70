#pragma once

// The ward configuration file (JSON): the ward's organizations, their named
// helpers and the assignment settings. Example:
// services/assignment/config/demo_organizations.json.
//
//   {
//     "ward": "Phường Hương Xuân",
//     "settings": {"fallback_organization_id": "fatherland-front",
//                  "follow_up_months": 36, "visit_overdue_days": 90},
//     "organizations": [{"id": "womens-union", "name": "...",
//                        "residential_groups": ["TDP-01", ...],
//                        "capacity": 45, "active": true}],
//     "helpers": [{"id": "women-01", "full_name": "...",
//                  "organization_id": "womens-union", "phone": "0900000101",
//                  "max_caseload": 8, "active": true}]
//   }
//
// "settings" and every "active" are optional (defaults: AssignmentSettings,
// true). Unknown keys are refused so that a typo ("capcity") is not silently
// ignored. Every problem is reported at once, with its path.

#include <string>
#include <string_view>

#include "assignment/core/directory.h"
#include "assignment/core/settings.h"
#include "kernel/result.h"

namespace ansinh::assignment {

struct WardConfig {
  std::string ward;
  AssignmentSettings settings;
  Directory directory;
};

Result<WardConfig> ParseWardConfig(std::string_view json_text);

// Reads and parses the file; an unreadable file is reported on field "file".
Result<WardConfig> LoadWardConfigFile(const std::string& path);

}  // namespace ansinh::assignment
