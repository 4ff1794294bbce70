#include "assignment/core/load_view.h"

namespace ansinh::assignment {
namespace {

using Counters = std::map<std::string, int, std::less<>>;

int Lookup(const Counters& counters, std::string_view id) {
  const auto it = counters.find(id);
  return it == counters.end() ? 0 : it->second;
}

void Add(Counters& counters, const std::string& id, int amount) {
  if (id.empty() || amount == 0) return;
  const int total = (counters[id] += amount);
  if (total == 0) counters.erase(id);
}

void AddCase(LoadDelta& delta, const v1::Case& a_case, int sign) {
  if (!CountsTowardLoad(a_case)) return;
  Add(delta.organizations, a_case.organization_id(), sign);
  Add(delta.helpers, a_case.helper_id(), sign);
}

}  // namespace

int LoadView::OrganizationLoad(std::string_view organization_id) const {
  return Lookup(open_cases_by_organization, organization_id);
}

int LoadView::HelperLoad(std::string_view helper_id) const { return Lookup(open_cases_by_helper, helper_id); }

void LoadView::Apply(const LoadDelta& delta) {
  for (const auto& [id, amount] : delta.organizations) Add(open_cases_by_organization, id, amount);
  for (const auto& [id, amount] : delta.helpers) Add(open_cases_by_helper, id, amount);
}

bool CountsTowardLoad(const v1::Case& a_case) { return a_case.state() == v1::CASE_STATE_OPEN; }

LoadView ComputeLoads(std::span<const v1::Case> cases) {
  LoadView view;
  LoadDelta all;
  for (const v1::Case& a_case : cases) AddCase(all, a_case, +1);
  view.Apply(all);
  return view;
}

LoadDelta ComputeLoadDelta(const v1::Case* before, const v1::Case& after) {
  LoadDelta delta;
  if (before != nullptr) AddCase(delta, *before, -1);
  AddCase(delta, after, +1);
  return delta;
}

}  // namespace ansinh::assignment
