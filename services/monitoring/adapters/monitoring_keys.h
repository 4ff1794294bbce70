#pragma once

#include <string>
#include <string_view>

#include "ansinh/v1/envelope.pb.h"

namespace ansinh::monitoring {

// Where the monitoring service keeps its state in Redis (docs/monitoring.md):
//
//   ansinh:{pN}:monitoring:records                 hash: household id -> HouseholdFigureRecord
//                                                   bytes, one per household of partition N
//   ansinh:{pN}:monitoring:timeline:<household>    list of HouseholdTimelineEntry bytes, in
//                                                   the order monitoring learnt of them
//                                                   (redis/compressed_value.h)
//   ansinh:{pN}:monitoring:seen:<source>:count     integer: events applied from the stream
//                                                   ansinh:{pN}:events:<source>
//   ansinh:{pN}:monitoring:seen:<source>:last      list of SeenEvent bytes, newest first,
//                                                   at most kSeenKept
//   ansinh:monitoring:audit:entries                list of AuditChainEntry bytes (compressed,
//                                                   redis/compressed_value.h): the audit
//                                                   chain in storage order (append-only)
//   ansinh:monitoring:audit:head                   hash: count (decimal), hash (32 raw bytes):
//                                                   where the next entry is sealed
//   ansinh:monitoring:audit:checkpoints            list of AuditChainCheckpoint bytes,
//                                                   oldest first
//   ansinh:monitoring:audit:tree:<level>           list of 32-byte hashes: element i is the
//                                                   perfect Merkle subtree of 2^level entries
//                                                   starting at entry i * 2^level + 1 (level 0:
//                                                   the leaf hashes; merkle_tree.h)
//   ansinh:monitoring:audit:tree-heads             list of SignedTreeHead bytes, oldest first
//   ansinh:monitoring:external-figures             hash: "<key>|<review year>" ->
//                                                   ExternalFigure bytes
//   ansinh:monitoring:open-reviews                 hash: round id -> ReviewRound bytes of the
//                                                   regular reviews opened and not yet approved
//
// The per-household keys carry the household's partition hash tag, like its
// events. The audit chain is one chain for the whole ward, so its keys carry
// none: every consumed event and every personal-data read is sealed against
// the same head, in the same MULTI as the per-household writes, which a single
// Redis node (the supported deployment, docs/architecture.md) runs atomically.
class MonitoringKeys {
 public:
  explicit MonitoringKeys(int partitions) : partitions_(partitions) {}

  int partitions() const { return partitions_; }
  int PartitionOf(std::string_view household_id) const;
  // The records hash of one partition, and the one holding a household.
  std::string Records(int partition) const;
  std::string RecordsOf(std::string_view household_id) const;
  std::string Timeline(std::string_view household_id) const;
  // The stream an event of `source` was published to, by the publishers'
  // rule (events::EventPublisher): a review round's events on the round id's
  // partition, other events about a household on the household's, the rest
  // (organizations, helpers) on their aggregate id's.
  std::string EventStreamOf(std::string_view source, const v1::EventEnvelope& event) const;
  static std::string SeenCount(std::string_view event_stream);
  static std::string SeenLast(std::string_view event_stream);

  static constexpr std::string_view kAuditEntries = "ansinh:monitoring:audit:entries";
  static constexpr std::string_view kAuditHead = "ansinh:monitoring:audit:head";
  static constexpr std::string_view kCheckpoints = "ansinh:monitoring:audit:checkpoints";
  static constexpr std::string_view kTreeHeads = "ansinh:monitoring:audit:tree-heads";
  // The list of the Merkle tree's perfect subtrees of 2^level entries.
  static std::string TreeLevel(int level);
  static constexpr std::string_view kExternalFigures = "ansinh:monitoring:external-figures";
  static constexpr std::string_view kOpenReviews = "ansinh:monitoring:open-reviews";

  // How many of the last events per stream GetSeen can show.
  static constexpr int kSeenKept = 100;

 private:
  int partitions_;
};

}  // namespace ansinh::monitoring
