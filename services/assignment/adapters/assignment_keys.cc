#include "assignment/adapters/assignment_keys.h"

#include <algorithm>

#include "events/stream_names.h"

namespace ansinh::assignment {
namespace {

std::string Tagged(int partition, std::string_view kind, std::string_view id) {
  return "ansinh:" + events::PartitionTag(partition) + ":assignment:" + std::string(kind) + ":" +
         std::string(id);
}

std::string StateName(v1::CaseState state) {
  switch (state) {
    case v1::CASE_STATE_OPEN:
      return "open";
    case v1::CASE_STATE_FOLLOW_UP:
      return "follow_up";
    case v1::CASE_STATE_CLOSED:
      return "closed";
    default:
      return "unspecified";
  }
}

}  // namespace

int AssignmentKeys::PartitionOf(std::string_view household_id) const {
  return events::PartitionOf(household_id, partitions_);
}

std::string AssignmentKeys::Case(std::string_view household_id, std::string_view case_id) const {
  return Tagged(PartitionOf(household_id), "case", case_id);
}

std::string AssignmentKeys::HouseholdLatestCase(std::string_view household_id) const {
  return Tagged(PartitionOf(household_id), "household", household_id);
}

std::string AssignmentKeys::CaseFence(std::string_view household_id, std::string_view case_id) const {
  return Tagged(PartitionOf(household_id), "fence", case_id);
}

std::string AssignmentKeys::Organizations() { return Index(kDirectoryPartition, "organizations"); }

std::string AssignmentKeys::Helpers() { return Index(kDirectoryPartition, "helpers"); }

std::string AssignmentKeys::OrganizationChanges(std::string_view organization_id) {
  return Tagged(kDirectoryPartition, "changes:organization", organization_id);
}

std::string AssignmentKeys::HelperChanges(std::string_view helper_id) {
  return Tagged(kDirectoryPartition, "changes:helper", helper_id);
}

std::string AssignmentKeys::HelperClaims(std::string_view helper_id) {
  return Tagged(kDirectoryPartition, "claims", helper_id);
}

std::string AssignmentKeys::ClaimedHelpers() { return Index(kDirectoryPartition, "claimed"); }

std::string AssignmentKeys::LivelihoodModels() { return Index(kDirectoryPartition, "livelihood-models"); }

std::string AssignmentKeys::LivelihoodModelChanges(std::string_view model_id) {
  return Tagged(kDirectoryPartition, "changes:livelihood-model", model_id);
}

std::string AssignmentKeys::Emergencies() { return Index(kDirectoryPartition, "emergencies"); }

std::string AssignmentKeys::EmergencyChanges(std::string_view emergency_id) {
  return Tagged(kDirectoryPartition, "changes:emergency", emergency_id);
}

std::string AssignmentKeys::EmergencyNumbers(int year) {
  return Tagged(kDirectoryPartition, "emergency-numbers", std::to_string(year));
}

std::string AssignmentKeys::OrganizationLoads(int partition) {
  return Index(partition, "load:organizations");
}

std::string AssignmentKeys::HelperLoads(int partition) { return Index(partition, "load:helpers"); }

std::string AssignmentKeys::Index(int partition, std::string_view name) {
  return "ansinh:" + events::PartitionTag(partition) + ":assignment:" + std::string(name);
}

std::string AssignmentKeys::StateIndex(v1::CaseState state) { return "index:state:" + StateName(state); }

std::string AssignmentKeys::OrganizationIndex(std::string_view organization_id) {
  return "index:organization:" + std::string(organization_id);
}

std::string AssignmentKeys::HelperIndex(std::string_view helper_id) {
  return "index:helper:" + std::string(helper_id);
}

std::string AssignmentKeys::TransferToIndex(std::string_view organization_id) {
  return "index:transfer-to:" + std::string(organization_id);
}

std::string AssignmentKeys::ModelJoinedIndex(std::string_view model_id) {
  return "index:model-joined:" + std::string(model_id);
}

std::string AssignmentKeys::ModelTakingPartIndex(std::string_view model_id) {
  return "index:model-taking-part:" + std::string(model_id);
}

std::string AssignmentKeys::EmergencyAffectedIndex(std::string_view emergency_id) {
  return "index:emergency-affected:" + std::string(emergency_id);
}

std::string AssignmentKeys::EmergencyRelievedIndex(std::string_view emergency_id) {
  return "index:emergency-relieved:" + std::string(emergency_id);
}

std::optional<std::string> HouseholdOfCaseId(std::string_view case_id) {
  constexpr std::string_view kPrefix = "CASE-";
  if (!case_id.starts_with(kPrefix)) return std::nullopt;
  case_id.remove_prefix(kPrefix.size());
  const std::size_t dash = case_id.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == case_id.size()) return std::nullopt;
  const std::string_view number = case_id.substr(dash + 1);
  if (number.front() == '0' ||
      !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::string(case_id.substr(0, dash));
}

}  // namespace ansinh::assignment
