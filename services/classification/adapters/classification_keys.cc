#include "classification/adapters/classification_keys.h"

#include <cctype>

#include "events/stream_names.h"

namespace ansinh::classification {
namespace {

constexpr std::string_view kWithoutLabourCapacity = "poor-without-labour-capacity";
// The round catalogue's partition (its constants in the header carry {p0}).
constexpr int kCatalogPartition = 0;

// POVERTY_CATEGORY_NEAR_POOR -> "near-poor".
std::string CategoryLabel(v1::PovertyCategory category) {
  std::string name = v1::PovertyCategory_Name(category);
  name = name.substr(std::string_view("POVERTY_CATEGORY_").size());
  for (char& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// "ansinh:{p3}:classification:" (the prefix of a partition's keys).
std::string PartitionPrefix(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":classification:";
}

std::string StatusIndexUnder(std::string_view prefix, std::string_view selector, std::string_view group) {
  std::string key = std::string(prefix) + "statuses:" + std::string(selector);
  if (!group.empty()) key += ":group:" + std::string(group);
  return key;
}

// The selectors of the status lists a household with this status is on.
std::vector<std::string> SelectorsOf(const v1::HouseholdStatusSummary& summary) {
  std::vector<std::string> selectors{"all"};
  if (summary.category() != v1::POVERTY_CATEGORY_UNSPECIFIED) {
    selectors.push_back("category:" + CategoryLabel(summary.category()));
  }
  if (summary.category() == v1::POVERTY_CATEGORY_POOR && summary.without_labour_capacity()) {
    selectors.emplace_back(kWithoutLabourCapacity);
  }
  return selectors;
}

std::vector<std::string> IndexesUnder(std::string_view prefix, const v1::HouseholdStatusSummary& summary) {
  std::vector<std::string> keys;
  for (const std::string& selector : SelectorsOf(summary)) {
    keys.push_back(StatusIndexUnder(prefix, selector, ""));
    if (!summary.residential_group().empty())
      keys.push_back(StatusIndexUnder(prefix, selector, summary.residential_group()));
  }
  return keys;
}

}  // namespace

int ClassificationKeys::PartitionOf(std::string_view household_id) const {
  return events::PartitionOf(household_id, partitions_);
}

std::string ClassificationKeys::Surveys(std::string_view household_id) const {
  return PartitionPrefix(PartitionOf(household_id)) + "surveys:" + std::string(household_id);
}

std::string ClassificationKeys::Status(std::string_view household_id) const {
  return PartitionPrefix(PartitionOf(household_id)) + "status:" + std::string(household_id);
}

std::string ClassificationKeys::StatusStream(std::string_view household_id) const {
  return events::EventStream(events::kClassificationSource, PartitionOf(household_id));
}

std::string ClassificationKeys::RoundStream(std::string_view round_id) const {
  return events::EventStream(events::kClassificationSource, PartitionOf(round_id));
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

std::string ClassificationKeys::Surveyed(int partition) { return PartitionPrefix(partition) + "surveyed"; }

std::string ClassificationKeys::Departed(int partition) { return PartitionPrefix(partition) + "departed"; }

std::string ClassificationKeys::Households(int partition) {
  return PartitionPrefix(partition) + "households";
}

std::string ClassificationKeys::StatusSummaries(int partition) {
  return PartitionPrefix(partition) + "status-summaries";
}

std::string ClassificationKeys::RoundHouseholds(std::string_view round_id, int partition) {
  return PartitionPrefix(partition) + "round:" + std::string(round_id) + ":households";
}

std::string ClassificationKeys::RoundProposals(std::string_view round_id, int partition) {
  return PartitionPrefix(partition) + "round:" + std::string(round_id) + ":proposals";
}

std::string ClassificationKeys::RoundToApply(std::string_view round_id, int partition) {
  return PartitionPrefix(partition) + "round:" + std::string(round_id) + ":to-apply";
}

std::string ClassificationKeys::RoundProgress(std::string_view round_id, int partition) {
  return PartitionPrefix(partition) + "round:" + std::string(round_id) + ":progress";
}

std::string ClassificationKeys::RoundUnclassifiable(std::string_view round_id, int partition) {
  return PartitionPrefix(partition) + "round:" + std::string(round_id) + ":unclassifiable";
}

std::string ClassificationKeys::RoundOutbox(std::string_view round_id, int partition) {
  return PartitionPrefix(partition) + "round:" + std::string(round_id) + ":outbox";
}

std::string ClassificationKeys::RoundDeferred(std::string_view round_id, int partition) {
  return PartitionPrefix(partition) + "round:" + std::string(round_id) + ":deferred";
}

std::string ClassificationKeys::PartitionRounds(int partition) {
  return PartitionPrefix(partition) + "partition-rounds";
}

std::string ClassificationKeys::Round(std::string_view round_id) const {
  return PartitionPrefix(PartitionOf(round_id)) + "round:" + std::string(round_id);
}

std::string ClassificationKeys::RoundsOfYear(int review_year) {
  return PartitionPrefix(kCatalogPartition) + "rounds:year:" + std::to_string(review_year);
}

std::vector<std::string> ClassificationKeys::StatusIndexesOf(const v1::HouseholdStatusSummary& summary,
                                                             int partition) {
  return IndexesUnder(PartitionPrefix(partition), summary);
}

std::optional<std::string> ClassificationKeys::StatusIndexFor(const v1::ListHouseholdStatusesRequest& request,
                                                              int partition) {
  const std::string prefix = PartitionPrefix(partition);
  const v1::PovertyCategory category = request.category();
  if (request.without_labour_capacity_only()) {
    if (category != v1::POVERTY_CATEGORY_UNSPECIFIED && category != v1::POVERTY_CATEGORY_POOR) {
      return std::nullopt;
    }
    return StatusIndexUnder(prefix, kWithoutLabourCapacity, request.residential_group());
  }
  if (category != v1::POVERTY_CATEGORY_UNSPECIFIED) {
    return StatusIndexUnder(prefix, "category:" + CategoryLabel(category), request.residential_group());
  }
  return StatusIndexUnder(prefix, "all", request.residential_group());
}

namespace legacy_keys {

std::string Round(std::string_view round_id) {
  return std::string(kPrefix) + "round:" + std::string(round_id);
}

std::string RoundsOfYear(int review_year) {
  return std::string(kPrefix) + "rounds:year:" + std::to_string(review_year);
}

std::vector<std::string> StatusIndexesOf(const v1::HouseholdStatusSummary& summary) {
  return IndexesUnder(kPrefix, summary);
}

}  // namespace legacy_keys

}  // namespace ansinh::classification
