#pragma once

// Workloads: open cases against capacity (organizations) and against the
// maximum caseload (helpers), with follow-up cases, cases without a helper
// and cases overdue for a visit alongside.

#include <span>

#include "ansinh/v1/assignment.pb.h"
#include "assignment/core/directory.h"
#include "kernel/civil_date.h"

namespace ansinh::assignment {

v1::OrganizationWorkload OrganizationWorkloadOf(std::span<const v1::Case> cases,
                                                const v1::Organization& organization, CivilDate today,
                                                int visit_overdue_days);

v1::HelperWorkload HelperWorkloadOf(std::span<const v1::Case> cases, const v1::Helper& helper,
                                    CivilDate today, int visit_overdue_days);

// The GetWorkload answer: organizations (one, or all) and their helpers,
// inactive ones only when asked for.
v1::GetWorkloadResponse ComputeWorkload(std::span<const v1::Case> cases, const Directory& directory,
                                        const v1::GetWorkloadRequest& request, CivilDate today,
                                        int visit_overdue_days);

}  // namespace ansinh::assignment
