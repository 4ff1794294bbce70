#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/adapters/monitoring_keys.h"
#include "personal_data/key_ring.h"
#include "redis/redis_connection.h"
#include "redis/transaction.h"

namespace ansinh::monitoring {

// Each household's timeline: one list per household (and per partition whose
// events name it) of references to the household's audit entries, appended
// in the order monitoring learnt of the events. The audit chain keeps the
// whole event once; a line is rendered from it when the timeline is read
// (docs/monitoring.md, "Household timelines"). Lines stored whole by earlier
// versions are read as they are.
class TimelineStore {
 public:
  // With `key_ring`, lines are rendered from the events with their sealed
  // personal fields opened by the household's data key.
  TimelineStore(redis::Connection& redis, const MonitoringKeys& keys,
                personal_data::KeyRing* key_ring = nullptr)
      : redis_(redis), keys_(keys), key_ring_(key_ring) {}

  // A line referring to the audit entry with outbox `ordinal` of the
  // household's own partition (a personal-data read).
  void QueueAppend(redis::Transaction& tx, const std::string& household_id, std::uint64_t ordinal) const;
  // Lines in `partition`'s slot, in this order: the partition of the events
  // they come from, whose outbox gave the ordinals.
  static void QueueAppendIn(redis::Transaction& tx, int partition, const std::string& household_id,
                            const std::vector<std::uint64_t>& ordinals);
  // Which lines a reader gets, by the audit entry each is rendered from.
  using LineFilter = std::function<bool(const v1::AuditChainEntry& entry)>;

  // The household's timeline, oldest first: by occurred_at, then by audit
  // sequence (the order monitoring sealed them in). With `keep`, only the
  // lines whose audit entry it keeps (a line stored whole by an earlier
  // version, with no entry to judge it by, is left out).
  std::vector<v1::HouseholdTimelineEntry> Load(const std::string& household_id,
                                               const LineFilter& keep = nullptr);
  long long Length(const std::string& household_id);

 private:
  // Lines stored with their audit outbox ordinal get their chain sequence
  // (after the partition's outbox is appended); the ordinal is cleared. The
  // ordinals are of the outbox of `partition`, whose key holds the lines.
  void ResolveAuditSequences(int partition, std::vector<v1::HouseholdTimelineEntry>& entries);
  // Renders every reference line (audit_sequence resolved) from its entry.
  void RenderReferences(std::vector<v1::HouseholdTimelineEntry>& entries, const LineFilter& keep,
                        const personal_data::AesKey* data_key);
  // The household's data key; nullopt without a key ring or when it has
  // none (erased, or never sealed).
  std::optional<personal_data::AesKey> DataKeyOf(const std::string& household_id);

  redis::Connection& redis_;
  const MonitoringKeys& keys_;
  personal_data::KeyRing* key_ring_;
};

}  // namespace ansinh::monitoring
