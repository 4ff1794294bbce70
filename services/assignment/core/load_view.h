#pragma once

// How many OPEN cases each organization and each helper carries: what the
// assignment policy and the helper rules compare with capacity and maximum
// caseload. Follow-up cases are followed but do not count: they would fill
// every organization over a 36-month follow-up period.
//
// The adapter keeps these counters next to the cases and applies the
// LoadDelta of every change in the same transaction; ComputeLoads rebuilds
// them from the cases.

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "ansinh/v1/assignment.pb.h"

namespace ansinh::assignment {

// Signed changes to the counters of a LoadView.
struct LoadDelta {
  std::map<std::string, int, std::less<>> organizations;
  std::map<std::string, int, std::less<>> helpers;

  bool empty() const { return organizations.empty() && helpers.empty(); }
};

struct LoadView {
  std::map<std::string, int, std::less<>> open_cases_by_organization;
  std::map<std::string, int, std::less<>> open_cases_by_helper;

  int OrganizationLoad(std::string_view organization_id) const;
  int HelperLoad(std::string_view helper_id) const;
  // Adds the delta; counters that reach 0 are removed.
  void Apply(const LoadDelta& delta);
};

// True for the cases a load counts.
bool CountsTowardLoad(const v1::Case& a_case);

LoadView ComputeLoads(std::span<const v1::Case> cases);

// What storing `after` in place of `before` (nullptr for a new case) does to
// the counters. Empty when the case's contribution is unchanged.
LoadDelta ComputeLoadDelta(const v1::Case* before, const v1::Case& after);

}  // namespace ansinh::assignment
