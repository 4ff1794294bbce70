#pragma once

// Appending to the tamper-evident audit chain. The adapter keeps the chain's
// head (entry count and last hash) next to the entries and, in one atomic
// step, seals each new entry against the head and stores entry and new head:
// two writers sealing against the same head would fork the chain.

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "ansinh/v1/monitoring.pb.h"
#include "monitoring/core/merkle_tree.h"

namespace ansinh::monitoring {

// previous_hash of entry 1: 32 zero bytes.
std::string GenesisHash();

// Where the next entry goes.
struct AuditHead {
  // Entries so far; the next entry's sequence is entry_count + 1.
  std::uint64_t entry_count = 0;
  // entry_hash of the last entry; GenesisHash() for an empty chain.
  std::string hash = GenesisHash();
  // The right edge of the Merkle tree over the entry_count entries
  // (merkle_tree.h): what the next leaf is hashed into.
  MerkleFrontier tree = {};
};

// The head after `entry` (its sequence and hash).
AuditHead HeadAfter(const v1::AuditChainEntry& entry);

// The envelope in deterministic protobuf serialization: the bytes stored in
// AuditChainEntry.canonical_event and hashed.
std::string CanonicalEnvelopeBytes(const v1::EventEnvelope& envelope);

// An unsealed entry recording a consumed event (kind KIND_EVENT).
v1::AuditChainEntry EventEntry(const v1::EventEnvelope& envelope);

// An unsealed entry recording that `reader` read a household's personal data
// (kind KIND_PERSONAL_DATA_READ); `what_was_read` names the operation, e.g.
// "GetHouseholdTimeline".
v1::AuditChainEntry PersonalDataReadEntry(const v1::Actor& reader, const std::string& household_id,
                                          const std::string& what_was_read,
                                          const google::protobuf::Timestamp& read_at);

// The draft placed after `head`: sequence, previous hash and entry hash set.
v1::AuditChainEntry SealEntry(v1::AuditChainEntry draft, const AuditHead& head);

// The Merkle leaf of a sealed entry: MerkleLeafHash(previous_hash ||
// CanonicalEntryBytes(entry)), the very bytes entry_hash is the SHA-256 of,
// so the leaf pins the entry's content, its sequence and its link.
std::string AuditLeafHash(const v1::AuditChainEntry& sealed);

// One entry appended: the entry as sealed, the head after it, and the
// Merkle tree nodes it completed (to store with it).
struct AuditAppend {
  v1::AuditChainEntry sealed;
  AuditHead next;
  std::vector<CompletedNode> nodes;
};
AuditAppend AppendToHead(v1::AuditChainEntry draft, const AuditHead& head);

// An unsealed entry recording a signed tree head issued at the request of
// `issued_by` (kind KIND_TREE_HEAD): the detail carries the head so anyone
// reading the log sees which heads were signed over it.
v1::AuditChainEntry TreeHeadEntry(const v1::SignedTreeHead& head, const v1::Actor& issued_by);

}  // namespace ansinh::monitoring
