#pragma once

#include <string>
#include <string_view>

#include "ansinh/v1/household.pb.h"
#include "events/event_publisher.h"
#include "events/stream_names.h"

namespace ansinh::registry {

// Where the registry keeps its state in Redis (docs/registry.md, "Redis keys"):
//
// Per partition, in the hash slot of the partition's households and events:
//   ansinh:{pN}:registry:household:<id>   hash: record (Household bytes),
//                                          events (the household's event count)
//   ansinh:{pN}:registry:surveys:<id>     list of Survey bytes, oldest first
//   ansinh:{pN}:registry:index:all        zset of the partition's household ids,
//                                          score = numeric id
//   ansinh:{pN}:registry:index:group:<number>   the same, per residential group
//                                          number
//   ansinh:{pN}:registry:index:status:<status>  the same, per status (active,
//                                          moved_out, dissolved)
//   ansinh:{pN}:registry:names            zset (lexicographic):
//                                          "<folded word>|<id>", each word
//                                          once per household
//   ansinh:{pN}:registry:names-compacted  "1" once the names of an earlier
//                                          version were rewritten
//   ansinh:{pN}:registry:corrections:<id> hash: correction request id ->
//                                          CorrectionRequest bytes (sealed
//                                          like the household's record)
//   ansinh:{pN}:registry:corrections:open set of the partition's open
//                                          correction request ids
//
// Ward-wide, in the "{ward}" slot:
//   ansinh:{ward}:registry:next-id        counter behind "HH-000123"
//   ansinh:{ward}:registry:code-seq       hash: residential group number -> last
//                                          code number ("TDP-05" and "Tổ 5" are
//                                          both group 5 and share T05-...)
//   ansinh:{ward}:registry:codes          hash: code -> household id
//   ansinh:{ward}:registry:national-ids   hash: CCCD -> the claim of the household
//                                          that took it (registry/core/
//                                          national_id_claim.h)
//
// Every transaction stays in one slot, so the registry runs on a Redis
// Cluster: a household, its events and its index entries share the
// partition's slot; ids, codes and CCCD claims the ward's. A write that needs
// both claims in the ward's slot first and writes the household second
// (docs/registry.md, "Uniqueness across slots"). Lists read every
// partition's index and merge (registry/core/partition_merge.h).
class RegistryKeys {
 public:
  explicit RegistryKeys(int partitions)
      : partitions_(partitions), publisher_(events::kRegistrySource, partitions) {}

  int partitions() const { return partitions_; }
  int PartitionOf(std::string_view household_id) const;
  std::string Household(std::string_view household_id) const;
  std::string Surveys(std::string_view household_id) const;
  // The household's correction requests, and the open ones of a partition
  // (registry/adapters/correction_store.h).
  std::string Corrections(std::string_view household_id) const;
  static std::string OpenCorrections(int partition);
  // Publishes the registry's events on the household's partition.
  const events::EventPublisher& publisher() const { return publisher_; }

  static constexpr std::string_view kNextId = "ansinh:{ward}:registry:next-id";
  static constexpr std::string_view kCodeSequences = "ansinh:{ward}:registry:code-seq";
  static constexpr std::string_view kCodes = "ansinh:{ward}:registry:codes";
  static constexpr std::string_view kNationalIds = "ansinh:{ward}:registry:national-ids";
  // The index zsets of partition `partition` score a household by its
  // number (HouseholdIdNumber, registry/core/household_id.h).
  static std::string IndexAll(int partition);
  static std::string Names(int partition);
  // Set once the partition's names index holds only one entry per household
  // and word (CompactNameIndexes), so later starts skip the scan.
  static std::string NamesCompacted(int partition);
  // Indexed by the group's number (ResidentialGroupNumber), so "TDP-05",
  // "TDP-5" and "Tổ 5" find the same households.
  static std::string GroupIndex(int partition, int group_number);
  static std::string StatusIndex(int partition, v1::HouseholdStatus status);

  // The ward-wide indexes of versions before the partitioned ones, which
  // MigrateWardIndexes (index_migration.h) moves once.
  static constexpr std::string_view kLegacyIndexAll = "ansinh:{ward}:registry:index:all";
  static constexpr std::string_view kLegacyNames = "ansinh:{ward}:registry:names";
  static std::string LegacyGroupIndex(int group_number);
  static std::string LegacyStatusIndex(v1::HouseholdStatus status);

 private:
  int partitions_;
  events::EventPublisher publisher_;
};

}  // namespace ansinh::registry
