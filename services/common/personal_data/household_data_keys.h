// Where the households' data keys live in Redis, wrapped
// (docs/data-protection.md, "Keys"): one hash per partition,
//   ansinh:{pN}:personal-data:keys   household id -> WrappedDataKey bytes
// in the slot of the household's own keys, so that a household's record and
// its data key are written in one transaction. Part of ansinh_common (it
// speaks Redis); the cipher and the wrapping are in ansinh_personal_data.
#pragma once

#include <optional>
#include <string>

#include "personal_data/aes_gcm.h"
#include "personal_data/key_ring.h"
#include "redis/redis_reply.h"
#include "redis/transaction.h"

namespace ansinh::personal_data {

// A wrapped data key that does not unwrap: its KEK file is missing, or the
// bytes are not that household's key. Reading on would hide the household's
// personal data from its own service, so the read fails, naming both.
class DataKeyUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HouseholdDataKeys {
 public:
  // Keys wrapped and unwrapped with `ring`'s KEKs.
  explicit HouseholdDataKeys(KeyRing& ring) : ring_(ring) {}

  static std::string KeysKey(int partition);

  // The read of `household_id`'s wrapped key, for a pipeline.
  static redis::Args ReadCommand(int partition, const std::string& household_id);
  // Its reply: the data key, or nullopt when the household has none (a
  // record written before sealing, or an erased household). Throws
  // DataKeyUnavailable when it does not unwrap.
  std::optional<AesKey> FromReply(const redis::Reply& reply, const std::string& household_id) const;

  // A new data key for `household_id`, its wrapped form queued in `tx`.
  AesKey QueueNew(redis::Transaction& tx, int partition, const std::string& household_id) const;

 private:
  KeyRing& ring_;
};

}  // namespace ansinh::personal_data
