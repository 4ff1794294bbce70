#pragma once

#include <memory>

#include "ansinh/v1/common.pb.h"
#include "assignment/adapters/assignment_keys.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/core/operation_context.h"
#include "assignment/core/settings.h"
#include "events/event_publisher.h"
#include "kernel/ward_clock.h"
#include "personal_data/key_ring.h"

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
  // Seals the personal fields of case events with the household's data key
  // (docs/data-protection.md); null: they are published in clear.
  std::shared_ptr<personal_data::KeyRing> key_ring = nullptr;
};

// "Now" for staff operations: the instant, and the ward's date at it (the
// clock's fixed day under --today-override, so follow-up ends, overdue visits
// and "not in the future" checks use that day). Events consumed from
// classification use their own occurred_at instead (see StatusEventHandler),
// so a replayed event gets the dates it had.
When WhenNow(const WardClock& clock);

// The service itself as an actor: the actor of the events it publishes while
// consuming official status events, closing ended follow-ups and seeding the
// directory.
v1::Actor ServiceActor();

}  // namespace ansinh::assignment
