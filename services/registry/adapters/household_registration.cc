#include "registry/adapters/household_registration.h"

#include <algorithm>
#include <map>
#include <set>

#include "redis/redis_error.h"
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

// Refuses every candidate with a CCCD held by an active household, naming
// it; returns the positions (in `candidates`) of the others. A candidate
// already refused for other reasons gets the held CCCD beside them (its
// national_id_conflict stays empty: it is refused as invalid).
std::vector<size_t> RefuseHeldNationalIds(HouseholdStore& store, const std::vector<Candidate>& candidates,
                                          std::vector<RegistrationResult>& results) {
  std::vector<std::string> national_ids;
  for (const Candidate& candidate : candidates) {
    for (const auto& member : candidate.household->members()) {
      if (!member.national_id().empty()) national_ids.push_back(member.national_id());
    }
  }
  const std::vector<std::string> holders = store.HoldersOfNationalIds(national_ids);
  std::map<std::string, std::string> held;
  std::set<std::string> holder_ids;
  for (size_t n = 0; n < national_ids.size(); ++n) {
    if (holders[n].empty()) continue;
    held[national_ids[n]] = holders[n];
    holder_ids.insert(holders[n]);
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
      const std::string conflict = "national ID " + found->first +
                                   " already belongs to a member of active household " +
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
    const uint64_t event_count =
        QueueHouseholdEvents(ready.writes, call, store.keys(), change.after.household_id(), change.events, 0);
    if (change.recorded_survey) {
      ready.writes.Add({"RPUSH", store.keys().Surveys(change.after.household_id()),
                        change.recorded_survey->SerializeAsString()});
    }
    store.QueueNewRecord(ready.writes, change.after, event_count);
    ready.name_entries = NameIndexEntries(change.after);
    ready.household = std::move(change.after);
    ready.survey = std::move(change.recorded_survey);
    prepared.ready_.push_back(std::move(ready));
  }
  return prepared;
}

std::vector<RegistrationResult> CommitRegistrations(const server::CallScope& call, HouseholdStore& store,
                                                    PreparedRegistrations prepared) {
  std::vector<RegistrationResult>& results = prepared.results_;
  if (prepared.ready_.empty()) return results;
  for (int attempt = 0; attempt < kMaxHouseholdWriteAttempts; ++attempt) {
    call.redis.Command({"WATCH", std::string(RegistryKeys::kNationalIds)});
    std::vector<Candidate> candidates;
    for (const auto& ready : prepared.ready_) {
      results[ready.index].violations.clear();
      results[ready.index].national_id_conflict.clear();
      candidates.push_back({ready.index, &ready.household});
    }
    const std::vector<size_t> accepted = RefuseHeldNationalIds(store, candidates, results);
    redis::Transaction commit;
    std::vector<HouseholdStore::NewHousehold> landing;
    for (size_t c : accepted) {
      const auto& ready = prepared.ready_[c];
      for (const redis::Args& command : ready.writes.commands()) commit.Add(command);
      landing.push_back({&ready.household, &ready.name_entries});
    }
    store.QueueNewIndexes(commit, landing);
    if (commit.empty()) {
      call.redis.Command({"UNWATCH"});
      return results;
    }
    try {
      commit.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      continue;
    }
    for (size_t c : accepted) {
      auto& ready = prepared.ready_[c];
      results[ready.index].household = std::move(ready.household);
      results[ready.index].survey = std::move(ready.survey);
    }
    return results;
  }
  throw redis::TransactionAborted();
}

std::vector<RegistrationResult> RegisterHouseholds(const server::CallScope& call, HouseholdStore& store,
                                                   const WardSettings& ward,
                                                   std::vector<RegistrationRow> rows) {
  return CommitRegistrations(call, store, PrepareRegistrations(call, store, ward, std::move(rows)));
}

}  // namespace ansinh::registry
