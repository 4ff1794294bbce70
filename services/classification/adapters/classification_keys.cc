#include "classification/adapters/classification_keys.h"

#include <cctype>

#include "events/stream_names.h"

namespace ansinh::classification {
namespace {

constexpr std::string_view kStatusIndexPrefix = "ansinh:classification:statuses:";
constexpr std::string_view kWithoutLabourCapacity = "poor-without-labour-capacity";

// POVERTY_CATEGORY_NEAR_POOR -> "near-poor".
std::string CategoryLabel(v1::PovertyCategory category) {
  std::string name = v1::PovertyCategory_Name(category);
  name = name.substr(std::string_view("POVERTY_CATEGORY_").size());
  for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string StatusIndex(std::string_view selector, std::string_view group) {
  std::string key = std::string(kStatusIndexPrefix) + std::string(selector);
  if (!group.empty()) key += ":group:" + std::string(group);
  return key;
}

}  // namespace

int ClassificationKeys::PartitionOf(std::string_view household_id) const {
  return events::PartitionOf(household_id, partitions_);
}

std::string ClassificationKeys::Surveys(std::string_view household_id) const {
  return "ansinh:" + events::PartitionTag(PartitionOf(household_id)) +
         ":classification:surveys:" + std::string(household_id);
}

std::string ClassificationKeys::Status(std::string_view household_id) const {
  return "ansinh:" + events::PartitionTag(PartitionOf(household_id)) +
         ":classification:status:" + std::string(household_id);
}

std::string ClassificationKeys::StatusStream(std::string_view household_id) const {
  return events::EventStream(events::kClassificationSource, PartitionOf(household_id));
}

std::string ClassificationKeys::RoundStream(std::string_view round_id) const {
  return events::EventStream(events::kClassificationSource, events::PartitionOf(round_id, partitions_));
}

std::vector<std::string> ClassificationKeys::PublishedStreams() const {
  std::vector<std::string> streams;
  for (int partition = 0; partition < partitions_; ++partition) {
    streams.push_back(events::EventStream(events::kClassificationSource, partition));
  }
  return streams;
}

std::vector<std::string> ClassificationKeys::RegistryStreams() const {
  std::vector<std::string> streams;
  for (int partition = 0; partition < partitions_; ++partition) {
    streams.push_back(events::EventStream(events::kRegistrySource, partition));
  }
  return streams;
}

std::string ClassificationKeys::Round(std::string_view round_id) {
  return "ansinh:classification:round:" + std::string(round_id);
}

std::string ClassificationKeys::RoundHouseholds(std::string_view round_id) {
  return Round(round_id) + ":households";
}

std::string ClassificationKeys::RoundProposals(std::string_view round_id) {
  return Round(round_id) + ":proposals";
}

std::string ClassificationKeys::RoundToApply(std::string_view round_id) {
  return Round(round_id) + ":to-apply";
}

std::string ClassificationKeys::RoundProgress(std::string_view round_id) {
  return Round(round_id) + ":progress";
}

std::string ClassificationKeys::RoundUnclassifiable(std::string_view round_id) {
  return Round(round_id) + ":unclassifiable";
}

std::string ClassificationKeys::RoundsOfYear(int review_year) {
  return "ansinh:classification:rounds:year:" + std::to_string(review_year);
}

std::vector<std::string> ClassificationKeys::StatusIndexesOf(const v1::HouseholdStatusSummary& summary) {
  std::vector<std::string> selectors{"all"};
  if (summary.category() != v1::POVERTY_CATEGORY_UNSPECIFIED) {
    selectors.push_back("category:" + CategoryLabel(summary.category()));
  }
  if (summary.category() == v1::POVERTY_CATEGORY_POOR && summary.without_labour_capacity()) {
    selectors.emplace_back(kWithoutLabourCapacity);
  }
  std::vector<std::string> keys;
  for (const std::string& selector : selectors) {
    keys.push_back(StatusIndex(selector, ""));
    if (!summary.residential_group().empty())
      keys.push_back(StatusIndex(selector, summary.residential_group()));
  }
  return keys;
}

std::optional<std::string> ClassificationKeys::StatusIndexFor(
    const v1::ListHouseholdStatusesRequest& request) {
  const v1::PovertyCategory category = request.category();
  if (request.without_labour_capacity_only()) {
    if (category != v1::POVERTY_CATEGORY_UNSPECIFIED && category != v1::POVERTY_CATEGORY_POOR) {
      return std::nullopt;
    }
    return StatusIndex(kWithoutLabourCapacity, request.residential_group());
  }
  if (category != v1::POVERTY_CATEGORY_UNSPECIFIED) {
    return StatusIndex("category:" + CategoryLabel(category), request.residential_group());
  }
  return StatusIndex("all", request.residential_group());
}

}  // namespace ansinh::classification
