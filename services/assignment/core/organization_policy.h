#pragma once

// The assignment policy: which organization becomes responsible for a
// household's case.
//
//   1. Only active organizations are considered.
//   2. Organizations covering the household's residential group and below
//      capacity come first; among them the lowest load relative to capacity
//      (open cases / capacity) wins, ties going to the smaller organization id.
//   3. When no covering organization has room (all are full, or none covers
//      the group), the ward's fallback coordinator (the Fatherland Front by
//      default, AssignmentSettings::fallback_organization_id) takes the case
//      if it is active and below capacity.
//   4. Otherwise the least loaded active organization overall takes it (same
//      ratio and tie-break), even at or over capacity: every poor household
//      must have a responsible organization (resolution §2.4), and the
//      overload shows in the workload figures.
//
// Organizations at or over capacity are thus used only when nobody with room
// covers the group and the coordinator is full too. The reason returned says
// which rule decided, in words, e.g.
//   "covers TDP-05; load 12/40 lowest among 3 covering organizations".

#include <string>
#include <string_view>

#include "assignment/core/directory.h"
#include "assignment/core/load_view.h"
#include "assignment/core/settings.h"
#include "kernel/result.h"

namespace ansinh::assignment {

struct OrganizationChoice {
  std::string organization_id;
  std::string reason;
};

// Fails (FAILED_PRECONDITION) only when no organization is active.
Result<OrganizationChoice> ChooseOrganization(const Directory& directory, std::string_view residential_group,
                                              const LoadView& loads, const AssignmentSettings& settings);

}  // namespace ansinh::assignment
