#include "registry/adapters/registry_keys.h"

#include <cctype>

#include "events/stream_names.h"

namespace ansinh::registry {

int RegistryKeys::PartitionOf(std::string_view household_id) const {
  return events::PartitionOf(household_id, partitions_);
}

std::string RegistryKeys::Household(std::string_view household_id) const {
  return "ansinh:" + events::PartitionTag(PartitionOf(household_id)) +
         ":registry:household:" + std::string(household_id);
}

std::string RegistryKeys::Surveys(std::string_view household_id) const {
  return "ansinh:" + events::PartitionTag(PartitionOf(household_id)) +
         ":registry:surveys:" + std::string(household_id);
}

std::string RegistryKeys::GroupIndex(int group_number) {
  return "ansinh:{ward}:registry:index:group:" + std::to_string(group_number);
}

std::string RegistryKeys::StatusIndex(v1::HouseholdStatus status) {
  std::string name = v1::HouseholdStatus_Name(status);
  constexpr std::string_view kPrefix = "HOUSEHOLD_STATUS_";
  if (name.starts_with(kPrefix)) name.erase(0, kPrefix.size());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "ansinh:{ward}:registry:index:status:" + name;
}

}  // namespace ansinh::registry
