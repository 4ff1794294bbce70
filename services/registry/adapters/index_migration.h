#pragma once

#include <cstdint>

#include "personal_data/key_ring.h"
#include "redis/redis_connection.h"
#include "registry/adapters/registry_keys.h"

namespace ansinh::registry {

// Moves the ward-wide list indexes of earlier versions
// (ansinh:{ward}:registry:index:*, :names) to the per-partition indexes, once,
// at start-up (docs/operations.md, "Migration"): the households the old
// "all" index lists are read from their records in batches and indexed in
// their partition, one transaction per partition and batch, then the old keys
// are deleted. Idempotent: a crash part way leaves the old keys, and the next
// start moves them again (an index entry added twice is one entry). Returns
// how many households it indexed (0 when there was nothing to move). Run it
// with the older registries stopped: one still writing would add to the old
// keys after they are moved.
int64_t MigrateWardIndexes(redis::Connection& redis, const RegistryKeys& keys,
                           personal_data::KeyRing* key_ring = nullptr);

// Rewrites the names index entries of earlier versions, one per member
// ("<word>|<household id>|<member id>"), as one per household
// ("<word>|<household id>"), partition by partition in batches of 500, one
// transaction each, at start-up (after MigrateWardIndexes). Idempotent: the
// old entries are found by their second '|', so a start cut short finishes
// on the next; a partition scanned to the end is marked (NamesCompacted)
// and not scanned again. Returns how many old entries it rewrote.
int64_t CompactNameIndexes(redis::Connection& redis, const RegistryKeys& keys);

}  // namespace ansinh::registry
