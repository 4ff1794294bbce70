#pragma once

// Ward-level settings of the assignment rules. Defaults follow docs/domain.md;
// a ward overrides them in its configuration file ("settings" object).

#include <string>

namespace ansinh::assignment {

struct AssignmentSettings {
  // The coordinator used when no organization with room covers a group.
  std::string fallback_organization_id = "fatherland-front";
  // How long an escaped household is followed (newly escaped households keep
  // policy credit for up to 3 years, docs/domain.md §3.5).
  int follow_up_months = 36;
  // A case with no visit for longer than this is overdue.
  int visit_overdue_days = 90;
};

}  // namespace ansinh::assignment
