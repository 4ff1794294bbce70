#include "assignment/adapters/assignment_environment.h"

#include "time/timestamps.h"

namespace ansinh::assignment {

When WhenNow(const WardClock& clock) {
  const std::chrono::sys_seconds now = clock.Now();
  return When{TimestampOf(now), clock.DateAt(now)};
}

v1::Actor ServiceActor() {
  v1::Actor actor;
  actor.set_role(v1::ROLE_SERVICE);
  actor.set_name("assignment");
  return actor;
}

}  // namespace ansinh::assignment
