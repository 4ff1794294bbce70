#include "assignment/adapters/status_event_handler.h"

#include <spdlog/spdlog.h>

#include "ansinh/v1/classification.pb.h"
#include "ansinh/v1/registry.pb.h"
#include "assignment/adapters/case_store.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/adapters/event_publishing.h"
#include "assignment/adapters/helper_claims.h"
#include "assignment/adapters/household_erasure.h"
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

// The directory as this transaction group has changed it so far: read once
// per group, its loads kept current as the group's cases change them.
struct DirectoryCarry : events::GroupState {
  std::optional<DirectorySnapshot> snapshot;
  LoadDelta group_delta;  // what the group's queued cases change
};

void AddToDelta(LoadDelta& total, const LoadDelta& delta) {
  for (const auto& [id, amount] : delta.organizations) total.organizations[id] += amount;
  for (const auto& [id, amount] : delta.helpers) total.helpers[id] += amount;
}

}  // namespace

redis::Connection& StatusEventHandler::ClaimsConnection() {
  if (!claims_) claims_ = std::make_unique<redis::Connection>(claims_options_);
  return *claims_;
}

void StatusEventHandler::Apply(events::ApplyContext& ctx) {
  const v1::EventEnvelope& event = ctx.event();
  if (event.event_type() == kHouseholdErasedType) {
    v1::HouseholdErased erased;
    if (!event.payload().UnpackTo(&erased)) {
      throw events::PoisonEvent("payload of " + event.event_id() + " is not an ansinh.v1.HouseholdErased");
    }
    // One former member's erasure leaves the case as it is: its free text
    // cannot be told apart by person (docs/data-protection.md, "Erasure").
    if (erased.member_id().empty()) ApplyHouseholdErasure(ctx, environment_.keys, erased.household_id());
    return;
  }
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
  // directory and the loads are read once per transaction group, not
  // WATCHed (they live in other slots than the event's), and the loads kept
  // current as the group's cases change them. An organization's load only
  // weighs which organization is chosen; a helper's load is a limit, which
  // a claim guards (below).
  DirectoryCarry& carry = ctx.Carried<DirectoryCarry>();
  if (!carry.snapshot) carry.snapshot = ReadDirectorySnapshot(ctx.redis(), keys);
  const When when{event.occurred_at(), WardDateOf(event.occurred_at())};
  const auto decide = [&](const LoadView& loads) {
    const OperationContext context{carry.snapshot->directory, loads, environment_.settings, ServiceActor(),
                                   when};
    return ApplyStatusChange(latest ? &*latest : nullptr, change, context);
  };
  Result<CaseChange> result = decide(carry.snapshot->loads);
  std::string claimed_helper;
  if (result.ok() && result.value().changed() && latest &&
      latest->case_id() == result.value().updated_case.case_id()) {
    for (const auto& [helper_id, amount] : ComputeLoadDelta(&*latest, result.value().updated_case).helpers) {
      if (amount > 0) claimed_helper = helper_id;
    }
  }
  if (!claimed_helper.empty()) {
    // A reopened case keeps its helper only below the helper's maximum, over
    // every partition: claim the helper first (helper_claims.h), deciding
    // again on the helper's load as the claim's WATCH sees it.
    redis::Connection& claims = ClaimsConnection();
    for (int attempt = 0;; ++attempt) {
      if (attempt == kMaxWriteAttempts) {
        throw std::runtime_error("helper " + claimed_helper + " kept changing while " + event.event_id() +
                                 " claimed it; retried");
      }
      const DirectorySnapshot fresh =
          WatchAndReadEntries(claims, keys, DirectoryEntries{{}, {claimed_helper}});
      LoadView loads = carry.snapshot->loads;
      loads.open_cases_by_helper[claimed_helper] =
          fresh.loads.HelperLoad(claimed_helper) + carry.group_delta.helpers[claimed_helper];
      result = decide(loads);
      const bool still_raises =
          result.ok() && result.value().changed() &&
          ComputeLoadDelta(&*latest, result.value().updated_case).helpers[claimed_helper] > 0;
      if (!still_raises) {
        claims.Command({"UNWATCH"});
        break;
      }
      redis::Transaction claim;
      const std::string claim_id = NewClaimId(latest->case_id(), result.value().updated_case.version());
      QueueClaim(claim, claimed_helper, claim_id);
      try {
        claim.Exec(claims);
      } catch (const redis::TransactionAborted&) {
        continue;
      }
      ctx.Watch(keys.CaseFence(change.household_id, latest->case_id()));
      if (ClaimFenced(ctx.redis(), keys, latest->case_id(), claim_id)) {
        throw std::runtime_error("the claim on helper " + claimed_helper + " for " + event.event_id() +
                                 " was given up; retried");
      }
      break;
    }
  }
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
  const LoadDelta delta = ComputeLoadDelta(before, applied.updated_case);
  carry.snapshot->loads.Apply(delta);
  AddToDelta(carry.group_delta, delta);
  QueueEvents(ctx.effects(), environment_.publisher, events::EventContext::CausedBy(event, ServiceActor()),
              applied.events);
  // Per status: debug, since an approved round brings thousands at once.
  spdlog::debug("{} of {}: case {} now {} (version {})", event.event_type(), change.household_id,
                applied.updated_case.case_id(), v1::CaseState_Name(applied.updated_case.state()),
                applied.updated_case.version());
}

}  // namespace ansinh::assignment
