// Rotating the key-encryption key (docs/data-protection.md, "Keys"): every
// household's data key, in every partition, wrapped again by the newest KEK
// of the ring. The sealed data is not touched: a data key stays the same key.
// Safe while the services run: each key is replaced only if it is still the
// one read (a compare-and-set in Redis), so a key written meanwhile (a new
// household, or an erasure) is never overwritten.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "personal_data/key_ring.h"
#include "redis/redis_connection.h"

namespace ansinh::personal_data {

struct RotationReport {
  // The KEK every key is now wrapped by.
  std::string current_kek;
  // Keys wrapped again, and keys the current KEK wrapped already.
  int64_t rewrapped = 0;
  int64_t already_current = 0;
  // Households whose key does not unwrap with any KEK of the ring (its file
  // is missing): left as they are, named so that an operator can act.
  std::vector<std::string> unreadable;
  // After the pass, how many keys each older KEK still wraps (keys written
  // meanwhile by a service that had not seen the newest KEK yet); a KEK
  // with none left may be retired.
  std::map<std::string, int64_t> remaining_by_kek;
};

// One pass over the data keys of `partitions` partitions.
RotationReport RewrapAllDataKeys(redis::Connection& redis, int partitions, KeyRing& ring);

// How many data keys each KEK wraps, over every partition.
std::map<std::string, int64_t> DataKeysByKek(redis::Connection& redis, int partitions);

}  // namespace ansinh::personal_data
