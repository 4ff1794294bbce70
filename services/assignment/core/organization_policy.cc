#include "assignment/core/organization_policy.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ansinh::assignment {
namespace {

struct Candidate {
  const v1::Organization* organization;
  int load;

  bool HasRoom() const { return load < organization->capacity(); }
  std::string LoadText() const {
    return "load " + std::to_string(load) + "/" + std::to_string(organization->capacity());
  }
};

// load/capacity compared exactly (capacity > 0 is guaranteed by validation;
// a non-positive one is treated as full).
bool LighterThan(const Candidate& a, const Candidate& b) {
  const std::int64_t a_capacity = std::max(a.organization->capacity(), 0);
  const std::int64_t b_capacity = std::max(b.organization->capacity(), 0);
  const std::int64_t left = static_cast<std::int64_t>(a.load) * b_capacity;
  const std::int64_t right = static_cast<std::int64_t>(b.load) * a_capacity;
  if (a_capacity == 0 || b_capacity == 0) {
    if ((a_capacity == 0) != (b_capacity == 0)) return b_capacity == 0;
  } else if (left != right) {
    return left < right;
  }
  return a.organization->id() < b.organization->id();
}

bool SameRatio(const Candidate& a, const Candidate& b) {
  return static_cast<std::int64_t>(a.load) * b.organization->capacity() ==
         static_cast<std::int64_t>(b.load) * a.organization->capacity();
}

bool Covers(const v1::Organization& organization, std::string_view group) {
  return std::find(organization.residential_groups().begin(), organization.residential_groups().end(),
                   group) != organization.residential_groups().end();
}

// The lightest candidate, with " (tie with X broken by id order)" when the
// runner-up has the same ratio.
std::pair<Candidate, std::string> Lightest(std::vector<Candidate> candidates) {
  std::sort(candidates.begin(), candidates.end(), LighterThan);
  std::string tie;
  if (candidates.size() > 1 && SameRatio(candidates[0], candidates[1])) {
    tie = " (tie with " + candidates[1].organization->id() + " broken by id order)";
  }
  return {candidates.front(), tie};
}

std::string Plural(std::size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

}  // namespace

Result<OrganizationChoice> ChooseOrganization(const Directory& directory, std::string_view residential_group,
                                              const LoadView& loads, const AssignmentSettings& settings) {
  std::vector<Candidate> active;
  for (const v1::Organization& organization : directory.organizations()) {
    if (organization.active()) active.push_back({&organization, loads.OrganizationLoad(organization.id())});
  }
  if (active.empty()) {
    return Error::FailedPrecondition("no active organization is configured; a case for " +
                                     std::string(residential_group) + " cannot be assigned");
  }

  std::vector<Candidate> covering;
  std::vector<Candidate> covering_with_room;
  for (const Candidate& candidate : active) {
    if (!Covers(*candidate.organization, residential_group)) continue;
    covering.push_back(candidate);
    if (candidate.HasRoom()) covering_with_room.push_back(candidate);
  }
  const std::string group(residential_group);

  if (!covering_with_room.empty()) {
    const auto [best, tie] = Lightest(covering_with_room);
    std::string reason = "covers " + group + "; " + best.LoadText();
    if (covering.size() == 1) {
      reason += "; the only covering organization";
    } else if (covering_with_room.size() == 1) {
      reason += "; the only covering organization with room";
    } else {
      reason += " lowest among " +
                Plural(covering_with_room.size(), "covering organization", "covering organizations");
      if (covering_with_room.size() < covering.size()) reason += " with room";
      reason += tie;
    }
    const std::size_t full = covering.size() - covering_with_room.size();
    if (full > 0)
      reason +=
          "; " + Plural(full, "other covering organization is", "other covering organizations are") + " full";
    return OrganizationChoice{best.organization->id(), std::move(reason)};
  }

  const std::string situation =
      covering.empty() ? "no active organization covers " + group
                       : "all " + Plural(covering.size(), "organization", "organizations") + " covering " +
                             group + (covering.size() == 1 ? " is" : " are") + " at capacity";

  const auto fallback = std::find_if(active.begin(), active.end(), [&](const Candidate& candidate) {
    return candidate.organization->id() == settings.fallback_organization_id;
  });
  if (fallback != active.end() && fallback->HasRoom()) {
    return OrganizationChoice{fallback->organization->id(), situation + "; fallback coordinator " +
                                                                fallback->organization->id() + " has room (" +
                                                                fallback->LoadText() + ")"};
  }

  const std::string fallback_state =
      fallback != active.end() ? "is full (" + fallback->LoadText() + ")"
      : directory.FindOrganization(settings.fallback_organization_id) != nullptr ? "is inactive"
                                                                                 : "is not configured";
  const auto [best, tie] = Lightest(active);
  std::string reason = situation + "; fallback coordinator " + settings.fallback_organization_id + " " +
                       fallback_state + "; " + best.LoadText() + " lowest of all " +
                       Plural(active.size(), "active organization", "active organizations") + tie;
  if (!best.HasRoom()) reason += " (over capacity: every organization is full)";
  return OrganizationChoice{best.organization->id(), std::move(reason)};
}

}  // namespace ansinh::assignment
