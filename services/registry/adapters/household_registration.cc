#include "registry/adapters/household_registration.h"

#include <algorithm>
#include <map>
#include <set>

#include "redis/redis_error.h"
#include "registry/adapters/crash_points.h"
#include "registry/adapters/household_mutation.h"
#include "server/field_limits.h"

namespace ansinh::registry {
namespace {

// "HH-000012 (T05-003)" for each household holding one of the CCCDs.
std::map<std::string, std::string> DescribeHolders(HouseholdStore& store,
                                                   const std::set<std::string>& holder_ids) {
  std::vector<std::string> ids(holder_ids.begin(), holder_ids.end());
  std::vector<std::optional<StoredHousehold>> loaded = store.LoadMany(ids);
  std::map<std::string, std::string> described;
  for (size_t i = 0; i < ids.size(); ++i) {
    described[ids[i]] = ids[i] + (loaded[i] ? " (" + loaded[i]->household.code() + ")" : "");
  }
  return described;
}

struct Candidate {
  // Index into the batch's results.
  size_t index;
  const v1::Household* household;
};

// Refuses every candidate with a CCCD held by an active household (or
// claimed by one whose claim is still pending), naming it; returns the positions (in `candidates`) of the
// others. A candidate already refused for other reasons gets the held CCCD beside them (its
// national_id_conflict stays empty: it is refused as invalid).
std::vector<size_t> RefuseHeldNationalIds(HouseholdStore& store, const std::vector<Candidate>& candidates,
                                          std::vector<RegistrationResult>& results) {
  // Each CCCD asked for by its row's household: a row that has an id
  // already (being committed) may renew its own claims.
  std::vector<HouseholdStore::NationalIdAsk> asks;
  for (const Candidate& candidate : candidates) {
    for (const auto& member : candidate.household->members()) {
      if (!member.national_id().empty()) {
        asks.push_back({member.national_id(), candidate.household->household_id()});
      }
    }
  }
  const std::vector<HouseholdStore::NationalIdStanding> standings = store.StandingsOf(asks);
  std::map<std::string, std::string> held;
  std::set<std::string> pending;  // claimed by a household whose write may still come
  std::set<std::string> holder_ids;
  for (size_t n = 0; n < asks.size(); ++n) {
    if (MayClaim(standings[n].standing)) continue;
    held[asks[n].national_id] = standings[n].holder;
    if (standings[n].standing == ClaimStanding::kPending) pending.insert(asks[n].national_id);
    holder_ids.insert(standings[n].holder);
  }
  const std::map<std::string, std::string> described =
      holder_ids.empty() ? std::map<std::string, std::string>{} : DescribeHolders(store, holder_ids);
  std::vector<size_t> accepted;
  for (size_t c = 0; c < candidates.size(); ++c) {
    RegistrationResult& result = results[candidates[c].index];
    const v1::Household& household = *candidates[c].household;
    const bool refused_already = !result.violations.empty();
    for (int m = 0; m < household.members_size(); ++m) {
      auto found = held.find(household.members(m).national_id());
      if (found == held.end()) continue;
      const std::string conflict =
          pending.contains(found->first)
              ? "national ID " + found->first + " is being registered for household " +
                    described.at(found->second) + " right now; try again in a minute"
              : "national ID " + found->first + " already belongs to a member of active household " +
                    described.at(found->second);
      const std::string field = "household.members[" + std::to_string(m) + "].national_id";
      const bool named = std::any_of(result.violations.begin(), result.violations.end(),
                                     [&](const FieldViolation& seen) { return seen.field == field; });
      if (refused_already && named) continue;
      if (!refused_already && result.national_id_conflict.empty()) result.national_id_conflict = conflict;
      result.violations.push_back({field, conflict});
    }
    if (result.violations.empty()) accepted.push_back(c);
  }
  return accepted;
}

// The fields of an import row past their limits (server/field_limits.h),
// with paths relative to the row. Single calls are refused by the request
// guard before they get here; an import stream's rows are judged one by one,
// so a row with an overlong field is rejected and the others land.
FieldViolations RowFieldLimitViolations(const RegistrationRow& row) {
  FieldViolations violations = PrefixFieldPaths("household", server::FieldLimitViolations(row.household));
  if (row.survey) {
    for (FieldViolation& violation : PrefixFieldPaths("survey", server::FieldLimitViolations(*row.survey))) {
      violations.push_back(std::move(violation));
    }
  }
  return violations;
}

}  // namespace

PreparedRegistrations PrepareRegistrations(const server::CallScope& call, HouseholdStore& store,
                                           const WardSettings& ward, std::vector<RegistrationRow> rows) {
  PreparedRegistrations prepared;
  std::vector<RegistrationResult>& results = prepared.results_;
  results.resize(rows.size());
  std::vector<FieldViolations> too_long(rows.size());
  // The CCCDs of each row alone, so a refused row, which the core hands
  // back as its reasons only, is still told which CCCDs are taken.
  std::vector<v1::Household> national_ids_of(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    results[i].row_number = rows[i].row_number;
    too_long[i] = RowFieldLimitViolations(rows[i]);
    for (const v1::Member& member : rows[i].household.members()) {
      national_ids_of[i].add_members()->set_national_id(member.national_id());
    }
  }
  std::vector<Result<RegistrationRow>> checked =
      CheckRegistrationRows(std::move(rows), ward.area_type, ward.clock.Today(), *ward.survey_rules);

  // A CCCD already registered refuses its row before the row takes an id
  // and a code; the commit checks again under WATCH. Rows refused already
  // are asked too, so they report every problem at once.
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < checked.size(); ++i) {
    if (!too_long[i].empty()) {
      results[i].violations = std::move(too_long[i]);
      if (!checked[i].ok()) {
        for (const FieldViolation& violation : checked[i].error().violations) {
          results[i].violations.push_back(violation);
        }
      }
      candidates.push_back({i, &national_ids_of[i]});
    } else if (checked[i].ok()) {
      candidates.push_back({i, &checked[i]->household});
    } else {
      results[i].violations = checked[i].error().violations;
      candidates.push_back({i, &national_ids_of[i]});
    }
  }
  std::vector<size_t> accepted = RefuseHeldNationalIds(store, candidates, results);
  std::vector<std::string> groups;
  for (size_t c : accepted) groups.push_back(candidates[c].household->residential_group());
  const std::vector<HouseholdStore::Identity> identities = store.AllocateIdentities(groups);

  prepared.ready_.reserve(accepted.size());
  for (size_t k = 0; k < accepted.size(); ++k) {
    const size_t i = candidates[accepted[k]].index;
    HouseholdChange change =
        RegisterHousehold(std::move(checked[i].value()), identities[k].household_id, identities[k].code);
    PreparedRegistrations::Ready ready;
    ready.index = i;
    const std::optional<personal_data::AesKey> data_key =
        store.QueueNewRecord(ready.writes, change.after, change.events.size());
    QueueHouseholdEvents(ready.writes, call, store.keys(), change.after.household_id(), change.events, 0,
                         data_key);
    if (change.recorded_survey) {
      ready.writes.Add({"RPUSH", store.keys().Surveys(change.after.household_id()),
                        HouseholdStore::StoredSurveyBytes(*change.recorded_survey, data_key)});
    }
    ready.name_entries = NameIndexEntries(change.after);
    ready.household = std::move(change.after);
    ready.survey = std::move(change.recorded_survey);
    prepared.ready_.push_back(std::move(ready));
  }
  return prepared;
}

namespace {

// Step one of a commit, in the ward's slot: under WATCH of the claims, the
// rows (positions in `ready`) whose CCCDs are free, or theirs already, claim
// them and record their codes; the others are refused. Returns the rows that
// claimed, in order.
std::vector<size_t> ClaimRows(const server::CallScope& call, HouseholdStore& store,
                              const std::vector<PreparedRegistrations::Ready>& ready,
                              const std::vector<size_t>& rows, std::vector<RegistrationResult>& results) {
  for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
    call.redis.Command({"WATCH", std::string(RegistryKeys::kNationalIds)});
    std::vector<Candidate> candidates;
    for (size_t r : rows) {
      results[ready[r].index].violations.clear();
      results[ready[r].index].national_id_conflict.clear();
      candidates.push_back({ready[r].index, &ready[r].household});
    }
    std::vector<size_t> claimed;
    for (size_t c : RefuseHeldNationalIds(store, candidates, results)) claimed.push_back(rows[c]);
    if (claimed.empty()) {
      call.redis.Command({"UNWATCH"});
      return claimed;
    }
    redis::Transaction claim;
    std::vector<HouseholdStore::NationalIdAsk> asks;
    std::vector<const v1::Household*> households;
    for (size_t r : claimed) {
      households.push_back(&ready[r].household);
      for (const std::string& national_id : NationalIdsHeldBy(&ready[r].household)) {
        asks.push_back({national_id, ready[r].household.household_id()});
      }
    }
    store.QueueClaims(claim, asks);
    store.QueueNewCodes(claim, households);
    try {
      claim.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      continue;
    }
    return claimed;
  }
  throw redis::TransactionAborted();
}

}  // namespace

std::vector<RegistrationResult> CommitRegistrations(const server::CallScope& call, HouseholdStore& store,
                                                    PreparedRegistrations prepared) {
  std::vector<RegistrationResult>& results = prepared.results_;
  std::vector<PreparedRegistrations::Ready>& ready = prepared.ready_;
  if (ready.empty()) return results;
  std::vector<size_t> all(ready.size());
  for (size_t r = 0; r < ready.size(); ++r) all[r] = r;
  std::vector<size_t> claimed = ClaimRows(call, store, ready, all, results);
  int64_t claimed_at = HouseholdStore::NowSeconds();
  CrashPointForTests("after-claim");

  // Step two: the households, one transaction per partition (the records,
  // surveys, events and the partition's indexes share its slot). A crash
  // in between leaves claims whose households never came: they turn stale
  // once their deadline passes, and the ids and codes stay unused.
  std::map<int, std::vector<size_t>> by_partition;
  for (size_t r : claimed)
    by_partition[store.keys().PartitionOf(ready[r].household.household_id())].push_back(r);
  for (auto& [partition, rows] : by_partition) {
    if (!WithinWriteWindow(claimed_at, HouseholdStore::NowSeconds(), store.claim_lifetime_seconds())) {
      // A slow batch: its claims are renewed before more of it is written.
      rows = ClaimRows(call, store, ready, rows, results);
      claimed_at = HouseholdStore::NowSeconds();
    }
    if (rows.empty()) continue;
    redis::Transaction commit;
    std::vector<HouseholdStore::NewHousehold> landing;
    for (size_t r : rows) {
      for (const redis::Args& command : ready[r].writes.commands()) commit.Add(command);
      landing.push_back({&ready[r].household, &ready[r].name_entries});
    }
    store.QueueNewIndexes(commit, landing);
    commit.Exec(call.redis);
    for (size_t r : rows) {
      results[ready[r].index].household = std::move(ready[r].household);
      results[ready[r].index].survey = std::move(ready[r].survey);
    }
  }
  return results;
}

std::vector<RegistrationResult> RegisterHouseholds(const server::CallScope& call, HouseholdStore& store,
                                                   const WardSettings& ward,
                                                   std::vector<RegistrationRow> rows) {
  return CommitRegistrations(call, store, PrepareRegistrations(call, store, ward, std::move(rows)));
}

}  // namespace ansinh::registry
