#pragma once

// The pure part of moving audit entries from a partition's outbox into the
// ward's one audit chain (adapters/audit_outbox.h does the Redis side).
//
// An event's transaction runs in its partition's slot, and the chain lives in
// a slot of its own, so an event cannot be sealed into the chain in its own
// transaction. It puts the unsealed entry in its partition's outbox instead,
// under the next ordinal of that partition (1, 2, 3... without gaps, in
// commit order). The appender seals a run of consecutive ordinals against
// the chain's head and stores them, the head, the highest ordinal taken and
// the run's first sequence in one transaction of the chain's slot: a retry
// after a crash starts after the highest ordinal taken, so nothing is sealed
// twice and nothing is skipped.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/monitoring.pb.h"
#include "kernel/result.h"
#include "monitoring/core/audit_chain.h"

namespace ansinh::monitoring {

// The outbox stream's entry id of an ordinal ("0-<ordinal>"), and back
// (nullopt for any other id).
std::string OutboxEntryId(std::uint64_t ordinal);
std::optional<std::uint64_t> OutboxOrdinalOf(std::string_view entry_id);

// One outbox entry as read: its ordinal and the unsealed entry.
struct OutboxItem {
  std::uint64_t ordinal = 0;
  v1::AuditChainEntry draft;
};

// Where the ordinals of one append went: ordinal first_ordinal + i is the
// chain entry first_sequence + i.
struct OutboxRun {
  std::uint64_t first_ordinal = 0;
  std::uint64_t first_sequence = 0;
};
// "<first ordinal>:<first sequence>", the member stored per run; nullopt for
// anything else.
std::string EncodeOutboxRun(const OutboxRun& run);
std::optional<OutboxRun> ParseOutboxRun(std::string_view member);
// The sequence of `ordinal` by the run that starts at or before it.
std::uint64_t SequenceInRun(const OutboxRun& run, std::uint64_t ordinal);

// The items sealed after `head`, one after the other, in ordinal order.
struct OutboxAppend {
  std::vector<AuditAppend> appends;  // each entry with the head after it
  OutboxRun run;
  std::uint64_t last_ordinal = 0;  // the partition's highest ordinal now taken
};

// Seals `items` (read after `taken`, the partition's highest ordinal already
// in the chain) against `head`. Refuses (failed precondition) items that do
// not continue exactly after `taken` without gaps: an outbox that lost an
// entry must stop the appender, not seal a chain with a hole in it.
Result<OutboxAppend> SealOutboxItems(const std::vector<OutboxItem>& items, std::uint64_t taken,
                                     const AuditHead& head);

}  // namespace ansinh::monitoring
