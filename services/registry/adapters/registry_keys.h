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
//   ansinh:{ward}:registry:next-id               counter behind "HH-000123"
//   ansinh:{ward}:registry:code-seq              hash: residential group number ->
//                                                last code number ("TDP-05" and
//                                                "Tổ 5" are both group 5 and share
//                                                T05-...)
//   ansinh:{ward}:registry:codes                 hash: code -> household id
//   ansinh:{ward}:registry:national-ids          hash: CCCD -> household id (active
//                                                households only)
//   ansinh:{ward}:registry:index:all             zset of household ids, score =
//                                                numeric id
//   ansinh:{ward}:registry:index:group:<number>  the same, per residential group
//                                                number
//   ansinh:{ward}:registry:index:status:<status> the same, per status (active,
//                                                moved_out, dissolved)
//   ansinh:{ward}:registry:names                 zset (lexicographic):
//                                                "<folded word>|<id>|<member>"
//
// The per-household keys carry the partition's hash tag, like the household's
// events. The ward-wide indexes share the "{ward}" tag, so on a Redis Cluster
// they live in one slot and any command or MULTI over indexes alone (an
// intersection of group and status, a code and a CCCD claimed together) is
// slot-safe. A write that changes a household and its index entries in one
// MULTI still spans its partition's slot and the ward's: that is the one
// registry transaction a cluster deployment must split (docs/operations.md,
// "Scaling").
class RegistryKeys {
 public:
  explicit RegistryKeys(int partitions)
      : partitions_(partitions), publisher_(events::kRegistrySource, partitions) {}

  int PartitionOf(std::string_view household_id) const;
  std::string Household(std::string_view household_id) const;
  std::string Surveys(std::string_view household_id) const;
  // Publishes the registry's events on the household's partition.
  const events::EventPublisher& publisher() const { return publisher_; }

  static constexpr std::string_view kNextId = "ansinh:{ward}:registry:next-id";
  static constexpr std::string_view kCodeSequences = "ansinh:{ward}:registry:code-seq";
  static constexpr std::string_view kCodes = "ansinh:{ward}:registry:codes";
  static constexpr std::string_view kNationalIds = "ansinh:{ward}:registry:national-ids";
  // The index zsets score a household by its number
  // (HouseholdIdNumber, registry/core/household_id.h).
  static constexpr std::string_view kIndexAll = "ansinh:{ward}:registry:index:all";
  static constexpr std::string_view kNames = "ansinh:{ward}:registry:names";
  // Indexed by the group's number (ResidentialGroupNumber), so "TDP-05",
  // "TDP-5" and "Tổ 5" find the same households.
  static std::string GroupIndex(int group_number);
  static std::string StatusIndex(v1::HouseholdStatus status);

 private:
  int partitions_;
  events::EventPublisher publisher_;
};

}  // namespace ansinh::registry
