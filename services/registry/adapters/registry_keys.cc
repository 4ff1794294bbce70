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

std::string RegistryKeys::Corrections(std::string_view household_id) const {
  return "ansinh:" + events::PartitionTag(PartitionOf(household_id)) +
         ":registry:corrections:" + std::string(household_id);
}

std::string RegistryKeys::OpenCorrections(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":registry:corrections:open";
}

namespace {

std::string PartitionIndexPrefix(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":registry:";
}

constexpr std::string_view kWardPrefix = "ansinh:{ward}:registry:";

// "active", "moved_out", "dissolved".
std::string StatusIndexName(v1::HouseholdStatus status) {
  std::string name = v1::HouseholdStatus_Name(status);
  constexpr std::string_view kPrefix = "HOUSEHOLD_STATUS_";
  if (name.starts_with(kPrefix)) name.erase(0, kPrefix.size());
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

std::string RegistryKeys::IndexAll(int partition) { return PartitionIndexPrefix(partition) + "index:all"; }

std::string RegistryKeys::Names(int partition) { return PartitionIndexPrefix(partition) + "names"; }
std::string RegistryKeys::NamesCompacted(int partition) {
  return PartitionIndexPrefix(partition) + "names-compacted";
}

std::string RegistryKeys::GroupIndex(int partition, int group_number) {
  return PartitionIndexPrefix(partition) + "index:group:" + std::to_string(group_number);
}

std::string RegistryKeys::StatusIndex(int partition, v1::HouseholdStatus status) {
  return PartitionIndexPrefix(partition) + "index:status:" + StatusIndexName(status);
}

std::string RegistryKeys::LegacyGroupIndex(int group_number) {
  return std::string(kWardPrefix) + "index:group:" + std::to_string(group_number);
}

std::string RegistryKeys::LegacyStatusIndex(v1::HouseholdStatus status) {
  return std::string(kWardPrefix) + "index:status:" + StatusIndexName(status);
}

}  // namespace ansinh::registry
