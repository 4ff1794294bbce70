#include "personal_data/household_data_keys.h"

#include "events/stream_names.h"
#include "personal_data/data_keys.h"
#include "redis/redis_error.h"

namespace ansinh::personal_data {

std::string HouseholdDataKeys::KeysKey(int partition) {
  return "ansinh:" + events::PartitionTag(partition) + ":personal-data:keys";
}

redis::Args HouseholdDataKeys::ReadCommand(int partition, const std::string& household_id) {
  return {"HGET", KeysKey(partition), household_id};
}

std::optional<AesKey> HouseholdDataKeys::FromReply(const redis::Reply& reply,
                                                   const std::string& household_id) const {
  if (reply.IsError()) throw redis::ReplyError(reply.str);
  if (reply.IsNil()) return std::nullopt;
  v1::WrappedDataKey wrapped;
  if (!wrapped.ParseFromString(reply.str)) {
    throw DataKeyUnavailable("the data key of household " + household_id + " is corrupt in Redis");
  }
  std::optional<AesKey> key = UnwrapDataKey(wrapped, household_id, ring_);
  if (!key) {
    throw DataKeyUnavailable("the data key of household " + household_id + " does not unwrap with KEK " +
                             wrapped.kek_id() + " from " + ring_.directory().string() +
                             " (is that key file missing?)");
  }
  return key;
}

AesKey HouseholdDataKeys::QueueNew(redis::Transaction& tx, int partition,
                                   const std::string& household_id) const {
  const AesKey key = NewAesKey();
  tx.Add(
      {"HSET", KeysKey(partition), household_id, WrapDataKey(key, household_id, ring_).SerializeAsString()});
  return key;
}

}  // namespace ansinh::personal_data
