#pragma once

#include <string>
#include <string_view>

#include "ansinh/v1/envelope.pb.h"

namespace ansinh::monitoring {

// Where the monitoring service keeps its state in Redis (docs/monitoring.md):
//
//   ansinh:{pN}:monitoring:records                 hash: household id -> HouseholdFigureRecord
//                                                   bytes, one per household of partition N
//   ansinh:{pN}:monitoring:timeline:<household>    list of references to audit entries
//                                                   (outbox ordinals of partition N, in the
//                                                   order monitoring learnt of them): the
//                                                   lines of the events of partition N (the
//                                                   household's own, or a round's naming it);
//                                                   adapters/timeline_lines.h
//   ansinh:{pN}:monitoring:seen:<source>:count     integer: events applied from the stream
//                                                   ansinh:{pN}:events:<source>
//   ansinh:{pN}:monitoring:seen:<source>:last      list of SeenEvent bytes, newest first,
//                                                   at most kSeenKept
//   ansinh:{pN}:monitoring:open-reviews            hash: round id -> ReviewRound bytes of the
//                                                   regular reviews opened and not yet approved
//                                                   (on the round id's partition)
//   ansinh:{pN}:monitoring:audit-outbox            stream, ids 0-<ordinal>, field "entry": the
//                                                   unsealed audit entries (AuditChainEntry
//                                                   drafts, compressed) of partition N waiting
//                                                   for the chain appender (audit_outbox.h)
//   ansinh:{pN}:monitoring:audit-outbox:last       integer: the last ordinal given out
//   ansinh:{audit}:monitoring:audit:entries        list of AuditChainEntry bytes (compressed,
//                                                   redis/compressed_value.h): the audit
//                                                   chain in storage order (append-only)
//   ansinh:{audit}:monitoring:audit:head           hash: count (decimal), hash (32 raw bytes):
//                                                   where the next entry is sealed
//   ansinh:{audit}:monitoring:audit:taken          hash: partition -> the highest outbox ordinal
//                                                   of that partition already in the chain
//   ansinh:{audit}:monitoring:audit:runs:<N>       sorted set: one member "<ordinal>:<sequence>"
//                                                   per append from partition N's outbox (score
//                                                   the first ordinal): where each ordinal went
//   ansinh:{audit}:monitoring:audit:appender       the background appender's lease (instance, TTL)
//   ansinh:{audit}:monitoring:audit:checkpoints    list of AuditChainCheckpoint bytes,
//                                                   oldest first
//   ansinh:{audit}:monitoring:audit:tree:<level>   list of 32-byte hashes: element i is the
//                                                   perfect Merkle subtree of 2^level entries
//                                                   starting at entry i * 2^level + 1 (level 0:
//                                                   the leaf hashes; merkle_tree.h)
//   ansinh:{audit}:monitoring:audit:tree-heads     list of SignedTreeHead bytes, oldest first
//   ansinh:{audit}:monitoring:audit:dictionaries   hash: dictionary id (decimal) -> the zstd
//                                                   dictionary bytes entries were compressed
//                                                   with (audit_dictionaries.h); never replaced
//   ansinh:{pN}:monitoring:outcome-households      set: ids of partition N's households whose
//                                                   figure record holds support or a livelihood
//                                                   model (outcome_index.h)
//   ansinh:{pN}:monitoring:emergencies             hash: emergency id -> Emergency bytes, from
//                                                   the events of partition N (0 in practice)
//   ansinh:monitoring:external-figures             hash: "<key>|<review year>" ->
//                                                   ExternalFigure bytes (written alone)
//
// The per-household keys carry the household's partition hash tag, like its
// events, and so does the outbox: an event's transaction (the runner's, with
// the applied marks) stays in its partition's slot. The audit chain is one
// chain for the whole ward, so all of its keys share the tag {audit}: an
// append from an outbox is one transaction in that slot. No transaction spans
// two slots (docs/operations.md, "Redis Cluster"). Deployments from before
// the tags are moved by MigrateMonitoringKeys (key_migration.h) at start-up.
class MonitoringKeys {
 public:
  explicit MonitoringKeys(int partitions) : partitions_(partitions) {}

  int partitions() const { return partitions_; }
  int PartitionOf(std::string_view household_id) const;
  // The records hash of one partition, and the one holding a household.
  std::string Records(int partition) const;
  std::string RecordsOf(std::string_view household_id) const;
  std::string Timeline(std::string_view household_id) const;
  // The household's timeline lines written in partition N's slot: its own
  // partition's (Timeline), and those of events of another partition that
  // name it (a review round's postings and approvals, on the round id's
  // partition). A timeline is read from every partition.
  static std::string TimelineIn(int partition, std::string_view household_id);
  // The stream an event of `source` was published to, by the publishers'
  // rule (events::EventPublisher): a review round's events on the round id's
  // partition, other events about a household on the household's,
  // organizations and helpers on partition 0 (the directory's), the rest on
  // their aggregate id's.
  std::string EventStreamOf(std::string_view source, const v1::EventEnvelope& event) const;
  static std::string SeenCount(std::string_view event_stream);
  static std::string SeenLast(std::string_view event_stream);
  // The partition of the stream an event of `source` was published to.
  int PartitionOfEvent(std::string_view source, const v1::EventEnvelope& event) const;
  static std::string OpenReviews(int partition);
  static std::string OutcomeHouseholds(int partition);
  static std::string Emergencies(int partition);
  static std::string AuditOutbox(int partition);
  static std::string AuditOutboxLast(int partition);
  static std::string AuditRuns(int partition);

  static constexpr std::string_view kAuditEntries = "ansinh:{audit}:monitoring:audit:entries";
  static constexpr std::string_view kAuditHead = "ansinh:{audit}:monitoring:audit:head";
  static constexpr std::string_view kAuditTaken = "ansinh:{audit}:monitoring:audit:taken";
  static constexpr std::string_view kAuditAppender = "ansinh:{audit}:monitoring:audit:appender";
  static constexpr std::string_view kCheckpoints = "ansinh:{audit}:monitoring:audit:checkpoints";
  static constexpr std::string_view kTreeHeads = "ansinh:{audit}:monitoring:audit:tree-heads";
  static constexpr std::string_view kAuditDictionaries = "ansinh:{audit}:monitoring:audit:dictionaries";
  // The list of the Merkle tree's perfect subtrees of 2^level entries.
  static std::string TreeLevel(int level);
  static constexpr std::string_view kExternalFigures = "ansinh:monitoring:external-figures";
  // Where the audit chain and the open reviews were before their keys had a
  // hash tag (read only by the start-up migration).
  static constexpr std::string_view kLegacyAuditPrefix = "ansinh:monitoring:audit:";
  static constexpr std::string_view kLegacyOpenReviews = "ansinh:monitoring:open-reviews";

  // How many of the last events per stream GetSeen can show.
  static constexpr int kSeenKept = 100;

 private:
  int partitions_;
};

}  // namespace ansinh::monitoring
