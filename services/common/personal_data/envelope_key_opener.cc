#include "personal_data/envelope_key_opener.h"

#include <set>

#include "personal_data/envelope_sealing.h"

namespace ansinh::personal_data {

std::map<std::string, std::string> EnvelopeKeyOpener::Open(redis::Connection& redis, int partition,
                                                           const std::vector<v1::EventEnvelope*>& events) {
  std::set<std::string> households;
  for (const v1::EventEnvelope* event : events) {
    if (event->has_personal()) households.insert(event->household_id());
  }
  std::map<std::string, std::string> unavailable;
  if (households.empty()) return unavailable;
  std::vector<redis::Args> reads;
  for (const std::string& household_id : households) {
    reads.push_back(HouseholdDataKeys::ReadCommand(partition, household_id));
  }
  const std::vector<redis::Reply> replies = redis.Pipeline(reads);
  std::map<std::string, std::optional<AesKey>> keys;
  size_t i = 0;
  for (const std::string& household_id : households) {
    try {
      keys[household_id] = keys_.FromReply(replies[i++], household_id);
    } catch (const DataKeyUnavailable& missing) {
      unavailable[household_id] = missing.what();
    }
  }
  for (v1::EventEnvelope* event : events) {
    auto key = keys.find(event->household_id());
    if (key == keys.end()) continue;
    OpenEnvelope(*event, key->second ? &*key->second : nullptr);
  }
  return unavailable;
}

}  // namespace ansinh::personal_data
