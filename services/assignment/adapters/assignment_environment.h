#pragma once

#include "ansinh/v1/common.pb.h"
#include "assignment/adapters/assignment_keys.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/adapters/ward_clock.h"
#include "assignment/core/settings.h"
#include "events/event_publisher.h"

namespace ansinh::assignment {

// What the RPC handlers, the status-event consumer and the follow-up timer
// share: the key layout, the event streams, the ward's settings (from the
// configuration file), the clock and the directory seeder. Built once in
// main().
struct AssignmentEnvironment {
  AssignmentKeys keys;
  events::EventPublisher publisher;
  AssignmentSettings settings;
  WardClock clock;
  DirectorySeeder& seeder;
};

// The service itself as an actor: the actor of the events it publishes while
// consuming official status events, closing ended follow-ups and seeding the
// directory.
v1::Actor ServiceActor();

}  // namespace ansinh::assignment
