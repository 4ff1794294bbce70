#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ansinh/v1/envelope.pb.h"
#include "redis/transaction.h"

namespace ansinh::events {

// Publishes a service's events the only way ansinh publishes: queued on the
// same transaction as the state change they describe, so both land or
// neither does (docs/architecture.md, "Delivery guarantees"). Events go to
// the partition of their household (or of their aggregate when they concern
// no household), which keeps each household's events in one ordered stream.
class EventPublisher {
 public:
  EventPublisher(std::string_view source, int partitions);

  // The stream an event about `household_or_aggregate_id` goes to.
  std::string StreamFor(std::string_view household_or_aggregate_id) const;
  void Append(redis::Transaction& tx, const v1::EventEnvelope& envelope) const;
  // Every stream this publisher writes to, for Operations/GetServiceInfo.
  std::vector<std::string> Streams() const;

 private:
  std::string source_;
  int partitions_;
};

}  // namespace ansinh::events
