#include "monitoring/adapters/timeline_store.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "monitoring/adapters/audit_log.h"
#include "monitoring/adapters/audit_outbox.h"
#include "monitoring/adapters/timeline_lines.h"
#include "personal_data/household_data_keys.h"
#include "redis/compressed_value.h"
#include "redis/redis_error.h"

namespace ansinh::monitoring {

void TimelineStore::QueueAppend(redis::Transaction& tx, const std::string& household_id,
                                std::uint64_t ordinal) const {
  QueueAppendIn(tx, keys_.PartitionOf(household_id), household_id, {ordinal});
}

void TimelineStore::QueueAppendIn(redis::Transaction& tx, int partition, const std::string& household_id,
                                  const std::vector<std::uint64_t>& ordinals) {
  if (ordinals.empty()) return;
  redis::Args rpush{"RPUSH", MonitoringKeys::TimelineIn(partition, household_id)};
  for (std::uint64_t ordinal : ordinals) rpush.push_back(redis::StoredMessage(TimelineReference(ordinal)));
  tx.Add(std::move(rpush));
}

std::vector<v1::HouseholdTimelineEntry> TimelineStore::Load(const std::string& household_id,
                                                            const LineFilter& keep) {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    reads.push_back({"LRANGE", MonitoringKeys::TimelineIn(partition, household_id), "0", "-1"});
  }
  const std::vector<redis::Reply> replies = redis_.Pipeline(reads);
  const std::optional<personal_data::AesKey> data_key = DataKeyOf(household_id);
  std::vector<v1::HouseholdTimelineEntry> entries;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    const redis::Reply& reply = replies.at(static_cast<std::size_t>(partition));
    if (reply.IsError()) throw redis::ReplyError(reply.str);
    std::vector<v1::HouseholdTimelineEntry> lines;
    lines.reserve(reply.elements.size());
    for (const redis::Reply& item : reply.elements) {
      v1::HouseholdTimelineEntry entry;
      if (!redis::ParseStoredMessage(item.str, entry)) {
        throw std::runtime_error("a stored timeline entry of " + household_id + " does not parse");
      }
      lines.push_back(std::move(entry));
    }
    ResolveAuditSequences(partition, lines);
    RenderReferences(lines, keep, data_key ? &*data_key : nullptr);
    entries.insert(entries.end(), std::make_move_iterator(lines.begin()),
                   std::make_move_iterator(lines.end()));
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const v1::HouseholdTimelineEntry& a, const v1::HouseholdTimelineEntry& b) {
                     if (a.occurred_at() != b.occurred_at()) {
                       return a.occurred_at() < b.occurred_at();
                     }
                     return a.audit_sequence() < b.audit_sequence();
                   });
  return entries;
}

void TimelineStore::ResolveAuditSequences(int partition, std::vector<v1::HouseholdTimelineEntry>& entries) {
  std::vector<std::uint64_t> ordinals;
  for (const v1::HouseholdTimelineEntry& entry : entries) {
    if (entry.audit_outbox_ordinal() != 0) ordinals.push_back(entry.audit_outbox_ordinal());
  }
  if (ordinals.empty()) return;
  // A line whose entry still waits in the outbox gets its sequence once the
  // entry is in the chain: append what waits first, so every line shows one.
  AuditAppender appender(redis_, keys_);
  appender.DrainPartition(partition);
  const std::vector<std::uint64_t> sequences = appender.SequencesOf(partition, ordinals);
  std::size_t next = 0;
  for (v1::HouseholdTimelineEntry& entry : entries) {
    if (entry.audit_outbox_ordinal() == 0) continue;
    entry.set_audit_sequence(sequences.at(next++));
    entry.clear_audit_outbox_ordinal();
  }
}

std::optional<personal_data::AesKey> TimelineStore::DataKeyOf(const std::string& household_id) {
  if (key_ring_ == nullptr) return std::nullopt;
  const personal_data::HouseholdDataKeys data_keys(*key_ring_);
  return data_keys.FromReply(redis_.Command(personal_data::HouseholdDataKeys::ReadCommand(
                                 keys_.PartitionOf(household_id), household_id)),
                             household_id);
}

void TimelineStore::RenderReferences(std::vector<v1::HouseholdTimelineEntry>& entries, const LineFilter& keep,
                                     const personal_data::AesKey* data_key) {
  std::vector<std::uint64_t> sequences;
  for (const v1::HouseholdTimelineEntry& entry : entries) {
    if (IsTimelineReference(entry)) sequences.push_back(entry.audit_sequence());
  }
  const std::vector<v1::AuditChainEntry> audited = sequences.empty()
                                                       ? std::vector<v1::AuditChainEntry>{}
                                                       : AuditLog(redis_).EntriesWithSequences(sequences);
  std::vector<v1::HouseholdTimelineEntry> kept;
  kept.reserve(entries.size());
  std::size_t next = 0;
  for (v1::HouseholdTimelineEntry& entry : entries) {
    if (!IsTimelineReference(entry)) {
      if (!keep) kept.push_back(std::move(entry));
      continue;
    }
    const std::uint64_t sequence = sequences.at(next);
    const v1::AuditChainEntry& from = audited.at(next++);
    if (keep && !keep(from)) continue;
    kept.push_back(RenderTimelineLine(from, sequence, data_key));
  }
  entries = std::move(kept);
}

long long TimelineStore::Length(const std::string& household_id) {
  std::vector<redis::Args> reads;
  for (int partition = 0; partition < keys_.partitions(); ++partition) {
    reads.push_back({"LLEN", MonitoringKeys::TimelineIn(partition, household_id)});
  }
  long long length = 0;
  for (const redis::Reply& reply : redis_.Pipeline(reads)) length += reply.AsInteger();
  return length;
}

}  // namespace ansinh::monitoring
