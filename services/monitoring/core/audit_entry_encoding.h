#pragma once

// The bytes an audit chain entry's hash is computed over.
//
//   entry_hash = SHA-256(previous_hash || CanonicalEntryBytes(entry))
//
// CanonicalEntryBytes (version 1) is, in this order:
//
//   "ansinh.audit.entry.v1"     the 21 ASCII bytes, no length prefix
//   u64  sequence
//   u32  kind
//   str  event_id
//   str  event_type
//   str  household_id
//   u32  actor.role
//   str  actor.name
//   str  actor.organization_id
//   i64  occurred_at.seconds
//   i32  occurred_at.nanos
//   str  detail
//   str  canonical_event
//
// Integers are fixed-width big-endian (signed ones in two's complement); a
// str is its byte length as u64 followed by the bytes.
//
// Why this shape:
//   - Every field has a fixed width or a length prefix, so the encoding is
//     injective: two entries that differ in any field never produce the same
//     bytes, and no field can be shifted into its neighbour. A changed field
//     always changes the hash.
//   - The sequence is hashed, so an entry cannot be renumbered (to hide a
//     removal or an insertion) without its hash breaking; the previous hash
//     is hashed, so it cannot be moved to another place in the chain either.
//     This is what lets the verifier tell a changed entry (its own hash
//     fails) from a moved, removed or inserted one (its own hash holds but
//     its sequence or its link does not).
//   - The kind is hashed, so a personal-data read cannot be passed off as an
//     event or the reverse.
//   - The leading tag separates these hashes from any other SHA-256 in the
//     system and names the version, should the encoding ever change.
//   - It is not a protobuf serialization: protobuf's deterministic output is
//     only promised within one build of one library, while an auditor must
//     be able to recompute a hash years later in any language from the
//     exported fields. The event itself is hashed as the bytes stored in
//     canonical_event (the envelope serialized deterministically once, at
//     appending); verification never serializes it again.

#include <string>

#include "ansinh/v1/monitoring.pb.h"

namespace ansinh::monitoring {

// The tag that starts every version-1 encoding.
inline constexpr char kAuditEntryTag[] = "ansinh.audit.entry.v1";

std::string CanonicalEntryBytes(const v1::AuditChainEntry& entry);

// SHA-256(entry.previous_hash || CanonicalEntryBytes(entry)), 32 raw bytes.
std::string ComputeEntryHash(const v1::AuditChainEntry& entry);

}  // namespace ansinh::monitoring
