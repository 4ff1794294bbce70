// The EnvelopeOpener of every ansinh consumer: reads the data keys of a
// batch's households in one round trip from their partition's keys hash
// (household_data_keys.h) and opens their events. Nothing is cached between
// batches, so an erased household's key is never used after its erasure.
#pragma once

#include "events/envelope_opener.h"
#include "personal_data/household_data_keys.h"

namespace ansinh::personal_data {

class EnvelopeKeyOpener : public events::EnvelopeOpener {
 public:
  explicit EnvelopeKeyOpener(KeyRing& ring) : keys_(ring) {}

  std::map<std::string, std::string> Open(redis::Connection& redis, int partition,
                                          const std::vector<v1::EventEnvelope*>& events) override;

 private:
  HouseholdDataKeys keys_;
};

}  // namespace ansinh::personal_data
