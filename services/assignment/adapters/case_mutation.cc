#include "assignment/adapters/case_mutation.h"

#include <algorithm>

#include "assignment/adapters/case_store.h"
#include "assignment/adapters/directory_store.h"
#include "assignment/adapters/event_publishing.h"
#include "assignment/adapters/helper_claims.h"
#include "assignment/core/load_view.h"
#include "personal_data/household_data_keys.h"
#include "redis/redis_error.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {
namespace {

// Reads of a few entries before the operation reads the whole directory.
constexpr int kMaxEntryReads = 3;

DirectoryEntries EntriesTouchedBy(const v1::Case& current, const v1::Actor& actor) {
  DirectoryEntries entries;
  for (const std::string* id : {&current.organization_id(), &current.pending_transfer().to_organization_id(),
                                &actor.organization_id()}) {
    if (!id->empty()) entries.organizations.insert(*id);
  }
  if (!current.helper_id().empty()) entries.helpers.insert(current.helper_id());
  return entries;
}

}  // namespace

namespace {

// The helpers whose load storing `after` in place of `before` raises.
std::vector<std::string> RaisedHelpers(const v1::Case& before, const v1::Case& after) {
  std::vector<std::string> raised;
  for (const auto& [helper_id, amount] : ComputeLoadDelta(&before, after).helpers) {
    if (amount > 0) raised.push_back(helper_id);
  }
  return raised;
}

grpc::Status CaseNotFound(std::string_view case_id) {
  return server::KeyedStatus(grpc::StatusCode::NOT_FOUND, "case " + std::string(case_id) + " does not exist",
                             "error.case.not_found", {{"case", std::string(case_id)}});
}

}  // namespace

// Two steps, each in one hash slot (docs/assignment.md, "Redis keys"):
//  1. in the directory's slot: WATCH the change counters of the entries the
//     operation reads (and the claims of its helpers), read them and their
//     loads, let the core decide; a change that raises a helper's load
//     claims the helper in a transaction that fails if any of those entries
//     changed meanwhile (helper_claims.h), otherwise the WATCH is dropped;
//  2. in the case's slot: WATCH the case (and its fence), check it is the
//     case the core decided on, commit the case, its indexes, its partition's
//     loads and its events. Then the claims are released.
// The operation is ordered at step 1 against changes of the directory: a
// change of an entry after it read the entry cannot affect what it decided
// except through a helper's load, which the claim guards; an organization's
// load only weighs the choice of an organization, a preference, not a limit.
grpc::Status MutateCase(redis::Connection& redis, const AssignmentEnvironment& environment,
                        std::string_view case_id, const events::EventContext& event_context,
                        const CaseTransform& transform, CaseChange* result) {
  const std::optional<std::string> household_id = HouseholdOfCaseId(case_id);
  if (!household_id) return CaseNotFound(case_id);
  environment.seeder.EnsureSeeded();
  const AssignmentKeys& keys = environment.keys;
  CaseStore store(redis, keys);
  const std::string case_key = keys.Case(*household_id, case_id);
  const std::string fence_key = keys.CaseFence(*household_id, case_id);
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    const redis::Reply read = redis.Command({"GET", case_key});
    std::optional<v1::Case> current = ParseStoredCase(read);
    if (!current) return CaseNotFound(case_id);
    // Only the organizations and helpers the operation touches are read and
    // WATCHed, not a province's directory; when the core asks for another
    // one it is read too and the core asked again (Directory::Partial).
    DirectoryEntries entries = EntriesTouchedBy(*current, event_context.actor);
    std::optional<Result<CaseChange>> decided;
    for (int reads = 0;; ++reads) {
      const bool whole = reads >= kMaxEntryReads;
      if (whole) {
        // Every entry: its claims too, so a raised helper's load counts them.
        for (const v1::Helper& helper : ReadDirectorySnapshot(redis, keys).directory.helpers()) {
          entries.helpers.insert(helper.id());
        }
      }
      DirectorySnapshot snapshot = WatchAndReadEntries(redis, keys, entries);
      if (whole) {
        // The whole directory, with the loads of the entries just read.
        DirectorySnapshot all = ReadDirectorySnapshot(redis, keys);
        all.loads = std::move(snapshot.loads);
        snapshot = std::move(all);
      }
      const OperationContext context{snapshot.directory, snapshot.loads, environment.settings,
                                     event_context.actor, WhenNow(environment.clock)};
      decided.emplace(transform(*current, context));
      if (whole || snapshot.directory.complete()) break;
      if (snapshot.directory.walked()) reads = kMaxEntryReads - 1;  // it needs them all
      entries.organizations.insert(snapshot.directory.missed_organizations().begin(),
                                   snapshot.directory.missed_organizations().end());
      entries.helpers.insert(snapshot.directory.missed_helpers().begin(),
                             snapshot.directory.missed_helpers().end());
    }
    Result<CaseChange>& change = *decided;
    if (!change.ok()) {
      redis.Command({"UNWATCH"});
      return server::ToStatus(change.error());
    }
    if (!change.value().changed()) {
      redis.Command({"UNWATCH"});
      *result = std::move(change).value();
      return grpc::Status::OK;
    }
    const v1::Case& updated = change.value().updated_case;
    std::vector<std::pair<std::string, std::string>> claims;  // helper, claim id
    for (const std::string& helper_id : RaisedHelpers(*current, updated)) {
      claims.emplace_back(helper_id, NewClaimId(case_id, updated.version()));
    }
    if (claims.empty()) {
      redis.Command({"UNWATCH"});
    } else {
      redis::Transaction claim;
      for (const auto& [helper_id, claim_id] : claims) QueueClaim(claim, helper_id, claim_id);
      try {
        claim.Exec(redis);
      } catch (const redis::TransactionAborted&) {
        continue;  // an entry it read changed: read and decide again
      }
    }
    const auto release = [&redis, &claims] {
      for (const auto& [helper_id, claim_id] : claims) ReleaseClaim(redis, helper_id, claim_id);
    };
    try {
      std::vector<redis::Args> recheck{{"WATCH", case_key}, {"GET", case_key}};
      if (!claims.empty()) recheck[0].push_back(fence_key);
      // The household's data key, in the case's slot, to seal the events'
      // personal fields with (a household has one from its registration on).
      if (environment.key_ring) {
        recheck.push_back(personal_data::HouseholdDataKeys::ReadCommand(
            keys.PartitionOf(updated.household_id()), updated.household_id()));
      }
      const std::vector<redis::Reply> again = redis.Pipeline(recheck);
      if (again.at(0).IsError()) throw redis::ReplyError(again[0].str);
      std::optional<personal_data::AesKey> data_key;
      if (environment.key_ring) {
        data_key = personal_data::HouseholdDataKeys(*environment.key_ring)
                       .FromReply(again.at(2), updated.household_id());
      }
      const bool same_case = again.at(1).type == read.type && again.at(1).str == read.str;
      const bool fenced = std::any_of(claims.begin(), claims.end(), [&](const auto& held) {
        return ClaimFenced(redis, keys, case_id, held.second);
      });
      if (!same_case || fenced) {
        redis.Command({"UNWATCH"});
        release();
        continue;  // changed since the core decided: decide again on what it is now
      }
      redis::Transaction tx;
      store.QueueSave(tx, &*current, updated);
      QueueEvents(tx, environment.publisher, event_context, change.value().events,
                  data_key ? &*data_key : nullptr);
      try {
        tx.Exec(redis);
      } catch (const redis::TransactionAborted&) {
        release();
        continue;
      }
    } catch (...) {
      // A claim left behind by a failure here is released by the claim
      // finisher; releasing it now keeps the helper's load exact sooner.
      try {
        release();
      } catch (const redis::RedisError&) {
      }
      throw;
    }
    release();
    *result = std::move(change).value();
    return grpc::Status::OK;
  }
  return server::KeyedStatus(
      grpc::StatusCode::ABORTED,
      "case " + std::string(case_id) + " is being changed by others right now; try again", "error.case.busy",
      {{"case", std::string(case_id)}});
}

}  // namespace ansinh::assignment
