#pragma once

#include <memory>
#include <string_view>

#include "assignment/adapters/assignment_environment.h"
#include "events/event_handler.h"
#include "redis/redis_connection.h"

namespace ansinh::assignment {

// The event type that drives the case lifecycle.
inline constexpr std::string_view kHouseholdStatusChangedType = "classification.household_status_changed.v1";

// Consumes the classification service's official statuses
// (HouseholdStatusChanged) and applies them to the household's latest case
// through the core's lifecycle (ApplyStatusChange): a POOR or NEAR_POOR
// status opens a case with a responsible organization, an escape starts
// follow-up, a relapse reopens. Other classification events are ignored.
//
// The consumer runner applies each event version once; a status repeated in
// a new event changes nothing either, because the core treats an unchanged
// category as a no-op. The case, its indexes, the counters and the events it
// causes are queued on the runner's transaction, with the service as actor
// and the status event as cause; "when" is the status event's occurred_at.
//
// An event the core refuses as malformed throws PoisonEvent, one it cannot
// apply yet (no active organization) a plain error: the runner retries both
// and dead-letters them with the reason after --max-deliveries.
class StatusEventHandler : public events::EventHandler {
 public:
  // `claims_options`: the connection for helper claims, made in the
  // directory's slot apart from the runner's transaction (helper_claims.h).
  StatusEventHandler(const AssignmentEnvironment& environment, redis::RedisOptions claims_options)
      : environment_(environment), claims_options_(std::move(claims_options)) {}

  void Apply(events::ApplyContext& ctx) override;

 private:
  redis::Connection& ClaimsConnection();

  const AssignmentEnvironment& environment_;
  redis::RedisOptions claims_options_;
  std::unique_ptr<redis::Connection> claims_;
};

}  // namespace ansinh::assignment
