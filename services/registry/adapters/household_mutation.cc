#include "registry/adapters/household_mutation.h"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "events/envelope_codec.h"
#include "personal_data/envelope_sealing.h"
#include "personal_data/personal_fields.h"
#include "redis/redis_error.h"
#include "registry/adapters/correction_store.h"
#include "registry/adapters/crash_points.h"
#include "registry/core/household_erasure.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

std::vector<std::string> NewNationalIds(const v1::Household& household, const v1::Household* before) {
  const std::set<std::string> old_ids = NationalIdsHeldBy(before);
  std::vector<std::string> fresh;
  for (const std::string& national_id : NationalIdsHeldBy(&household)) {
    if (!old_ids.contains(national_id)) fresh.push_back(national_id);
  }
  return fresh;
}

std::vector<std::string> ReleasedNationalIds(const v1::Household& before, const v1::Household& after) {
  const std::set<std::string> kept = NationalIdsHeldBy(&after);
  std::vector<std::string> released;
  for (const std::string& national_id : NationalIdsHeldBy(&before)) {
    if (!kept.contains(national_id)) released.push_back(national_id);
  }
  return released;
}

// The CCCDs a change brings in, claimed for the household in the ward's slot
// before the household is written in its own (docs/registry.md, "Uniqueness
// across slots"); the refusal when one is held or pending elsewhere.
std::optional<Error> ClaimNationalIds(const server::CallScope& call, HouseholdStore& store,
                                      const v1::Household& household, const std::vector<std::string>& fresh) {
  std::vector<HouseholdStore::NationalIdAsk> asks;
  for (const std::string& national_id : fresh) asks.push_back({national_id, household.household_id()});
  for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
    call.redis.Command({"WATCH", std::string(RegistryKeys::kNationalIds)});
    if (std::optional<Error> held = NationalIdHeldElsewhere(store, household, fresh)) {
      call.redis.Command({"UNWATCH"});
      return held;
    }
    redis::Transaction claim;
    store.QueueClaims(claim, asks);
    try {
      claim.Exec(call.redis);
      return std::nullopt;
    } catch (const redis::TransactionAborted&) {
    }
  }
  throw redis::TransactionAborted();
}

// Releases, after the household's write, the claims on the CCCDs it stopped
// holding. A failure here leaves the call's result as it is: the claims are
// stale, and the next claimant takes them over.
void ReleaseQuietly(HouseholdStore& store, const std::vector<std::string>& released,
                    const std::vector<std::string>& claims_before, const std::string& household_id) {
  if (released.empty()) return;
  try {
    store.ReleaseClaims(released, claims_before, household_id);
  } catch (const redis::RedisError& error) {
    spdlog::warn("claims of {} on {} CCCD numbers not released ({}); the next claimant takes them over",
                 household_id, released.size(), error.what());
  }
}

}  // namespace

v1::EventEnvelope RegistryEvent(const server::CallScope& call, std::string_view event_type,
                                const std::string& household_id, uint64_t aggregate_version,
                                const google::protobuf::Message& payload, const std::string& causation_id) {
  events::EventContext context{call.actor, call.correlation_id, causation_id};
  events::EventIdentity identity{std::string(event_type), std::string(kHouseholdAggregate), household_id,
                                 aggregate_version, household_id};
  return events::MakeEnvelope(context, identity, payload);
}

uint64_t QueueHouseholdEvents(redis::Transaction& tx, const server::CallScope& call, const RegistryKeys& keys,
                              const std::string& household_id,
                              const std::vector<HouseholdEventPayload>& events, uint64_t event_count,
                              const std::optional<personal_data::AesKey>& data_key,
                              const std::string& causation_id) {
  for (const HouseholdEventPayload& event : events) {
    v1::EventEnvelope envelope =
        RegistryEvent(call, EventTypeOf(event), household_id, ++event_count, MessageOf(event), causation_id);
    if (data_key) personal_data::SealEnvelope(envelope, *data_key);
    keys.publisher().Append(tx, envelope);
  }
  return event_count;
}

std::optional<Error> NationalIdHeldElsewhere(HouseholdStore& store, const v1::Household& household,
                                             const std::vector<std::string>& national_ids) {
  std::vector<HouseholdStore::NationalIdAsk> asks;
  for (const std::string& national_id : national_ids) asks.push_back({national_id, household.household_id()});
  const std::vector<HouseholdStore::NationalIdStanding> standings = store.StandingsOf(asks);
  for (size_t i = 0; i < standings.size(); ++i) {
    if (MayClaim(standings[i].standing)) continue;
    std::string other = standings[i].holder;
    if (auto stored = store.Load(other)) other += " (" + stored->household.code() + ")";
    if (standings[i].standing == ClaimStanding::kPending) {
      return Error::AlreadyExists("national ID " + national_ids[i] + " is being registered for household " +
                                  other + " right now; try again in a minute")
          .WithKey("error.household.national_id_pending",
                   {{"national_id", national_ids[i]}, {"household", other}});
    }
    return Error::AlreadyExists("national ID " + national_ids[i] +
                                " already belongs to a member of active household " + other)
        .WithKey("error.household.national_id_taken",
                 {{"national_id", national_ids[i]}, {"household", other}});
  }
  return std::nullopt;
}

grpc::Status MutateHousehold(const server::CallScope& call, HouseholdStore& store,
                             const MutationRequest& request, const HouseholdTransform& transform,
                             HouseholdChange* result) {
  const RegistryKeys& keys = store.keys();
  const std::string household_key = keys.Household(request.household_id);
  // CCCDs claimed for this household by this call, and when.
  std::set<std::string> claimed;
  int64_t claimed_at = 0;
  // Claiming takes an attempt of its own, hence the one more.
  redis::Args watch = {"WATCH", household_key};
  watch.insert(watch.end(), request.watch_too.begin(), request.watch_too.end());
  for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts + 1; ++attempt) {
    call.redis.Command(watch);
    std::optional<StoredHousehold> stored = store.Load(request.household_id);
    // A refusal writes nothing. Claims an earlier attempt made stay, pending
    // until their deadline and stale after it: deleting them could race
    // with another change of the same household that renewed them.
    auto refuse_with = [&](grpc::Status status) {
      call.redis.Command({"UNWATCH"});
      return status;
    };
    auto refuse = [&](const Error& error) { return refuse_with(server::ToStatus(error)); };
    if (!stored) {
      return refuse(Error::NotFound("household " + request.household_id + " does not exist")
                        .WithKey("error.household.not_found", {{"household", request.household_id}}));
    }
    const v1::Household& before = stored->household;
    if (request.expected_version != 0 || request.version_required) {
      if (request.expected_version != before.version()) {
        return refuse_with(server::KeyedStatus(grpc::StatusCode::ABORTED,
                                               "household " + before.household_id() + " is at version " +
                                                   std::to_string(before.version()) + ", not " +
                                                   std::to_string(request.expected_version) +
                                                   ": someone changed it since you read it; read it again",
                                               "error.household.version_conflict",
                                               {{"household", before.household_id()},
                                                {"version", std::to_string(before.version())},
                                                {"expected", std::to_string(request.expected_version)}}));
      }
    }
    if (before.has_erasure()) {
      // Nothing personal is left to change, and what would be added could
      // not be sealed with the destroyed key.
      return refuse(Error::FailedPrecondition("the personal data of household " + before.household_id() +
                                              " was erased: it cannot be changed")
                        .WithKey("error.household.erased", {{"household", before.household_id()}}));
    }
    Result<HouseholdChange> decided = transform(before);
    if (!decided.ok()) return refuse(decided.error());
    HouseholdChange& change = decided.value();

    // CCCDs the change brings in are claimed first, in the ward's slot,
    // then the household is read and decided again under its own WATCH:
    // a transaction never spans the two slots.
    const std::vector<std::string> fresh = NewNationalIds(change.after, &before);
    const bool claims_cover = std::all_of(fresh.begin(), fresh.end(),
                                          [&](const std::string& id) { return claimed.contains(id); }) &&
                              (fresh.empty() || WithinWriteWindow(claimed_at, HouseholdStore::NowSeconds(),
                                                                  store.claim_lifetime_seconds()));
    if (!claims_cover) {
      call.redis.Command({"UNWATCH"});
      if (std::optional<Error> held = ClaimNationalIds(call, store, change.after, fresh)) {
        return server::ToStatus(*held);
      }
      claimed.insert(fresh.begin(), fresh.end());
      claimed_at = HouseholdStore::NowSeconds();
      CrashPointForTests("after-claim");
      continue;
    }

    // The claims on the numbers the change stops holding, as they are before
    // the write: the release after it deletes only those.
    const std::vector<std::string> released = ReleasedNationalIds(before, change.after);
    const std::vector<std::string> claims_before = store.ClaimsOn(released);

    redis::Transaction commit;
    // The surveys and correction requests as they are now (the household's
    // WATCH covers them: they change only with it), kept without what the
    // erasure takes and sealed anew or in clear.
    CorrectionStore corrections(call.redis, keys);
    if (!change.erased_member_id.empty()) {
      const std::optional<personal_data::AesKey> new_key = store.QueueRekeyedSave(
          commit, before, change.after, stored->event_count + change.events.size(), change.kept_surveys);
      for (v1::CorrectionRequest asked : corrections.LoadAll(request.household_id, stored->data_key)) {
        if (asked.member_id() == change.erased_member_id) personal_data::DropPersonalFields(asked);
        corrections.QueueSave(commit, asked, new_key);
      }
    }
    if (change.erases_personal_data) {
      store.QueueErasure(commit, before, change.after, stored->event_count + change.events.size(),
                         store.LoadSurveys(request.household_id));
      for (v1::CorrectionRequest asked : corrections.LoadAll(request.household_id, stored->data_key)) {
        personal_data::DropPersonalFields(asked);
        corrections.QueueSave(commit, asked, std::nullopt);
      }
    }
    const std::optional<personal_data::AesKey> data_key =
        change.erases_personal_data || !change.erased_member_id.empty()
            ? std::nullopt
            : store.QueueSave(commit, before, change.after, stored->event_count + change.events.size(),
                              stored->data_key);
    QueueHouseholdEvents(commit, call, keys, change.after.household_id(), change.events, stored->event_count,
                         data_key, request.causation_id);
    if (change.recorded_survey) {
      commit.Add({"RPUSH", keys.Surveys(change.after.household_id()),
                  HouseholdStore::StoredSurveyBytes(*change.recorded_survey, data_key)});
    }
    if (request.queue_too) request.queue_too(commit, change, data_key);
    try {
      commit.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      continue;
    }
    // The household no longer holds these: their claims go, in the ward's
    // slot, after the household's write.
    ReleaseQuietly(store, released, claims_before, request.household_id);
    *result = std::move(change);
    return grpc::Status::OK;
  }
  return server::KeyedStatus(
      grpc::StatusCode::ABORTED,
      "household " + request.household_id + " is being changed by others right now; try again",
      "error.household.busy", {{"household", request.household_id}});
}

}  // namespace ansinh::registry
