#include "assignment/adapters/status_event_handler.h"

#include <spdlog/spdlog.h>

#include "ansinh/v1/classification.pb.h"
#include "assignment/adapters/case_store.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/adapters/event_publishing.h"
#include "assignment/core/lifecycle.h"
#include "assignment/core/load_view.h"
#include "time/timestamps.h"

namespace ansinh::assignment {
namespace {

StatusChange StatusChangeOf(const v1::HouseholdStatusChanged& status) {
  StatusChange change;
  change.household_id = status.household_id();
  change.residential_group = status.residential_group();
  change.category = status.category();
  change.transition = status.transition();
  change.review_year = status.review_year();
  // Events published before list years were recorded carry 0: read as a
  // periodic review's, whose list is the next year's (docs/domain.md §3.0).
  change.list_year = status.list_year() != 0 ? status.list_year() : status.review_year() + 1;
  // The chairman's decision dates the case; an event without a readable
  // date is dated by the day it is applied.
  change.decided_on = ParseIsoDate(status.approved_date());
  return change;
}

// The directory as this transaction group has changed it so far.
struct DirectoryCarry : events::GroupState {
  std::optional<DirectorySnapshot> snapshot;
};

}  // namespace

void StatusEventHandler::Apply(events::ApplyContext& ctx) {
  const v1::EventEnvelope& event = ctx.event();
  if (event.event_type() != kHouseholdStatusChangedType) return;
  v1::HouseholdStatusChanged status;
  if (!event.payload().UnpackTo(&status)) {
    throw events::PoisonEvent("payload of " + event.event_id() +
                              " is not an ansinh.v1.HouseholdStatusChanged");
  }
  environment_.seeder.EnsureSeeded();
  const StatusChange change = StatusChangeOf(status);
  const AssignmentKeys& keys = environment_.keys;
  CaseStore store(ctx.redis(), keys);

  std::optional<v1::Case> latest;
  if (!change.household_id.empty()) {
    ctx.Watch(keys.HouseholdLatestCase(change.household_id));
    if (std::optional<std::string> latest_id = store.LatestCaseId(change.household_id)) {
      ctx.Watch(keys.Case(change.household_id, *latest_id));
      latest = store.Load(*latest_id);
    }
  }
  // Every case opened or closed changes the organizations' loads: the
  // directory is read once per transaction group and its loads kept current
  // as the group's cases change them.
  DirectoryCarry& carry = ctx.Carried<DirectoryCarry>();
  const redis::Args directory_keys = DirectoryWatchCommand();
  for (size_t i = 1; i < directory_keys.size(); ++i) ctx.WatchCarried(directory_keys[i]);
  if (!carry.snapshot) carry.snapshot = ReadDirectorySnapshot(ctx.redis());
  const DirectorySnapshot& snapshot = *carry.snapshot;
  const OperationContext context{snapshot.directory, snapshot.loads, environment_.settings, ServiceActor(),
                                 When{event.occurred_at(), WardDateOf(event.occurred_at())}};

  Result<CaseChange> result = ApplyStatusChange(latest ? &*latest : nullptr, change, context);
  if (!result.ok()) {
    const Error& error = result.error();
    if (error.code == ErrorCode::kInvalidArgument) {
      throw events::PoisonEvent("status event " + event.event_id() + " cannot be applied: " + error.message);
    }
    throw std::runtime_error("status event " + event.event_id() + " for " + change.household_id +
                             " cannot be applied yet: " + error.message);
  }
  const CaseChange& applied = result.value();
  if (!applied.changed()) return;
  const bool same_case = latest && latest->case_id() == applied.updated_case.case_id();
  const v1::Case* before = same_case ? &*latest : nullptr;
  store.QueueSave(ctx.effects(), before, applied.updated_case);
  carry.snapshot->loads.Apply(ComputeLoadDelta(before, applied.updated_case));
  QueueEvents(ctx.effects(), environment_.publisher, events::EventContext::CausedBy(event, ServiceActor()),
              applied.events);
  // Per status: debug, since an approved round brings thousands at once.
  spdlog::debug("{} of {}: case {} now {} (version {})", event.event_type(), change.household_id,
                applied.updated_case.case_id(), v1::CaseState_Name(applied.updated_case.state()),
                applied.updated_case.version());
}

}  // namespace ansinh::assignment
