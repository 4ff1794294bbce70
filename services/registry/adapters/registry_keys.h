#pragma once

#include <string>
#include <string_view>

#include "ansinh/v1/household.pb.h"
#include "events/event_publisher.h"
#include "events/stream_names.h"

namespace ansinh::registry {

// Where the registry keeps its state in Redis (docs/registry.md, "Redis keys"):
//
//   ansinh:{pN}:registry:household:<id>   hash: record (Household bytes),
//                                          events (the household's event count)
//   ansinh:{pN}:registry:surveys:<id>     list of Survey bytes, oldest first
//   ansinh:registry:next-id               counter behind "HH-000123"
//   ansinh:registry:code-seq              hash: residential group number -> last
//                                          code number ("TDP-05" and "Tổ 5" are
//                                          both group 5 and share T05-...)
//   ansinh:registry:codes                 hash: code -> household id
//   ansinh:registry:national-ids          hash: CCCD -> household id (active
//                                          households only)
//   ansinh:registry:index:all             zset of household ids, score = numeric id
//   ansinh:registry:index:group:<number>  the same, per residential group number
//   ansinh:registry:index:status:<status> the same, per status (active,
//                                          moved_out, dissolved)
//   ansinh:registry:names                 zset (lexicographic):
//                                          "<folded word>|<id>|<member>"
//
// The per-household keys carry the partition's hash tag, like the household's
// events. The ward-wide indexes do not: on a Redis Cluster they would need
// their own slot handling.
class RegistryKeys {
 public:
  explicit RegistryKeys(int partitions)
      : partitions_(partitions), publisher_(events::kRegistrySource, partitions) {}

  int PartitionOf(std::string_view household_id) const;
  std::string Household(std::string_view household_id) const;
  std::string Surveys(std::string_view household_id) const;
  // Publishes the registry's events on the household's partition.
  const events::EventPublisher& publisher() const { return publisher_; }

  static constexpr std::string_view kNextId = "ansinh:registry:next-id";
  static constexpr std::string_view kCodeSequences = "ansinh:registry:code-seq";
  static constexpr std::string_view kCodes = "ansinh:registry:codes";
  static constexpr std::string_view kNationalIds = "ansinh:registry:national-ids";
  static constexpr std::string_view kIndexAll = "ansinh:registry:index:all";
  static constexpr std::string_view kNames = "ansinh:registry:names";
  // Indexed by the group's number (ResidentialGroupNumber), so "TDP-05",
  // "TDP-5" and "Tổ 5" find the same households.
  static std::string GroupIndex(int group_number);
  static std::string StatusIndex(v1::HouseholdStatus status);
  // "HH-000123" -> 123, the score in the indexes.
  static long long NumericId(std::string_view household_id);
  static std::string FormatHouseholdId(long long number);

 private:
  int partitions_;
  events::EventPublisher publisher_;
};

}  // namespace ansinh::registry
