#pragma once

#include "events/event_handler.h"
#include "monitoring/adapters/monitoring_keys.h"

namespace ansinh::monitoring {

// Monitoring's consumer of the registry, classification and assignment
// streams (consumer group "monitoring"). For each event, in the runner's one
// transaction with the group's "applied" mark:
//   - puts its audit entry in the partition's audit outbox, from where the
//     chain appender seals it into the ward's chain (audit_outbox.h);
//   - appends a timeline line to each household it concerns;
//   - applies its facts to the household's figure record (WATCHed);
//   - tracks regular reviews opened and approved, for deadline alerts;
//   - counts it for GetSeen.
// A replayed event is skipped by the runner's per-aggregate versions, so it
// is counted, chained and applied once. A payload of a known type that does
// not parse, or whose facts are invalid, is a PoisonEvent: it ends in the
// dead-letter stream, where it raises an alert.
class MonitoringEventHandler final : public events::EventHandler {
 public:
  explicit MonitoringEventHandler(const MonitoringKeys& keys) : keys_(keys) {}

  void Apply(events::ApplyContext& ctx) override;

 private:
  const MonitoringKeys& keys_;
};

}  // namespace ansinh::monitoring
