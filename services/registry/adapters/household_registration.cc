#include "registry/adapters/household_registration.h"

#include <cstdio>
#include <map>
#include <set>

#include "ansinh/v1/registry.pb.h"
#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "registry/adapters/household_mutation.h"
#include "registry/core/household_validation.h"
#include "registry/core/new_household.h"
#include "registry/core/review_year_facts.h"
#include "registry/core/survey_validation.h"

namespace ansinh::registry {
namespace {

std::string AreaName(v1::AreaType area_type) {
  return area_type == v1::AREA_TYPE_RURAL ? "rural (a commune, xã)" : "urban (a ward, phường)";
}

// "members[2].nutrition" of a survey snapshot -> "household.members[j].nutrition",
// j being that member's place in the row's household (the snapshot may leave
// out members born after the survey date, so the indexes can differ).
FieldViolation SnapshotViolationOnRow(const FieldViolation& violation, const v1::Survey& snapshot,
                                      const v1::Household& household) {
  const size_t open = violation.field.find('[');
  const size_t close = violation.field.find(']');
  if (violation.field.rfind("members[", 0) != 0 || close == std::string::npos) {
    return {"survey." + violation.field, violation.description};
  }
  const int index = std::stoi(violation.field.substr(open + 1, close - open - 1));
  const std::string& member_id = snapshot.members(index).member_id();
  for (int j = 0; j < household.members_size(); ++j) {
    if (household.members(j).member_id() == member_id) {
      return {"household.members[" + std::to_string(j) + "]" + violation.field.substr(close + 1),
              violation.description};
    }
  }
  return {"survey." + violation.field, violation.description};
}

// Everything a row can tell about itself: the household, the survey as
// entered, and whether the survey's member snapshot will carry every fact
// the review year's standard needs.
void Validate(RegistrationRow& row, const WardSettings& ward, CivilDate today, RegistrationResult& result) {
  FieldViolations& out = result.violations;
  // What the registry assigns is ignored, as the API says, so a household
  // read back from GetHousehold can be registered again elsewhere.
  row.household.clear_household_id();
  row.household.clear_code();
  row.household.clear_status();
  row.household.clear_version();
  row.household.clear_head_member_id();
  for (v1::Member& member : *row.household.mutable_members()) member.clear_member_id();
  if (row.survey) {
    row.survey->clear_survey_id();
    row.survey->clear_household_id();
    row.survey->clear_members();
    row.survey->clear_area_type();
    row.survey->clear_residential_group();
  }
  if (row.household.area_type() == v1::AREA_TYPE_UNSPECIFIED) {
    row.household.set_area_type(ward.area_type);
  } else if (row.household.area_type() != ward.area_type) {
    out.push_back({"household.area_type", "this ward is " + AreaName(ward.area_type) +
                                              ", so are all of its households; leave area_type out or give " +
                                              v1::AreaType_Name(ward.area_type)});
  }
  for (FieldViolation& violation : PrefixFieldPaths("household", ValidateHousehold(row.household, today))) {
    out.push_back(std::move(violation));
  }
  if (!row.survey) return;
  FieldViolations survey = PrefixFieldPaths("survey", ValidateSurvey(*row.survey, today));
  const bool survey_valid = survey.empty();
  out.insert(out.end(), survey.begin(), survey.end());
  if (!out.empty() || !survey_valid) return;
  // The snapshot the registry will store, with provisional ids: its facts do
  // not depend on the ids.
  const v1::Household provisional = PrepareNewHousehold(row.household, "", "");
  const v1::Survey snapshot = SnapshotSurvey(*row.survey, provisional, 1);
  if (snapshot.members().empty()) {
    out.push_back(
        {"survey.survey_date", "every member was born after the survey date " + row.survey->survey_date()});
  }
  for (const FieldViolation& violation : ValidateSurveySnapshot(snapshot)) {
    out.push_back(SnapshotViolationOnRow(violation, snapshot, provisional));
  }
}

// The same CCCD twice in one batch: the later row is refused.
void RefuseDuplicatesWithinBatch(const std::vector<RegistrationRow>& rows,
                                 std::vector<RegistrationResult>& results) {
  std::map<std::string, int64_t> first_row;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!results[i].violations.empty()) continue;
    const auto& members = rows[i].household.members();
    for (int m = 0; m < members.size(); ++m) {
      const std::string& national_id = members[m].national_id();
      if (national_id.empty()) continue;
      auto [it, inserted] = first_row.emplace(national_id, rows[i].row_number);
      if (!inserted) {
        results[i].violations.push_back(
            {"household.members[" + std::to_string(m) + "].national_id",
             "national ID " + national_id + " is also given in row " + std::to_string(it->second)});
      }
    }
  }
}

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
// it; returns the positions (in `candidates`) of the others.
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
    for (int m = 0; m < household.members_size(); ++m) {
      auto found = held.find(household.members(m).national_id());
      if (found == held.end()) continue;
      const std::string conflict = "national ID " + found->first +
                                   " already belongs to a member of active household " +
                                   described.at(found->second);
      if (result.national_id_conflict.empty()) result.national_id_conflict = conflict;
      result.violations.push_back({"household.members[" + std::to_string(m) + "].national_id", conflict});
    }
    if (result.violations.empty()) accepted.push_back(c);
  }
  return accepted;
}

}  // namespace

v1::Survey SnapshotSurvey(v1::Survey survey, const v1::Household& household, int sequence) {
  char id[64];
  std::snprintf(id, sizeof(id), "SV-%d-%06lld-%d", survey.review_year(),
                RegistryKeys::NumericId(household.household_id()), sequence);
  survey.set_survey_id(id);
  survey.set_household_id(household.household_id());
  survey.set_area_type(household.area_type());
  survey.set_residential_group(household.residential_group());
  survey.clear_members();
  // The household as it was on the survey date: a child born since is not in
  // it (ISO dates compare as text).
  for (const v1::Member& member : household.members()) {
    if (survey.survey_date().empty() || member.date_of_birth() <= survey.survey_date()) {
      *survey.add_members() = member;
    }
  }
  return survey;
}

PreparedRegistrations PrepareRegistrations(const server::CallScope& call, HouseholdStore& store,
                                           const WardSettings& ward, std::vector<RegistrationRow> rows) {
  const CivilDate today = ward.clock.Today();
  PreparedRegistrations prepared;
  std::vector<RegistrationResult>& results = prepared.results_;
  results.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    results[i].row_number = rows[i].row_number;
    Validate(rows[i], ward, today, results[i]);
  }
  RefuseDuplicatesWithinBatch(rows, results);

  // A CCCD already registered refuses its row before the row takes an id
  // and a code; the commit checks again under WATCH.
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (results[i].violations.empty()) candidates.push_back({i, &rows[i].household});
  }
  std::vector<size_t> accepted = RefuseHeldNationalIds(store, candidates, results);
  std::vector<std::string> groups;
  for (size_t c : accepted) groups.push_back(candidates[c].household->residential_group());
  const std::vector<HouseholdStore::Identity> identities = store.AllocateIdentities(groups);

  prepared.ready_.reserve(accepted.size());
  for (size_t k = 0; k < accepted.size(); ++k) {
    const size_t i = candidates[accepted[k]].index;
    PreparedRegistrations::Ready ready;
    ready.index = i;
    ready.household =
        PrepareNewHousehold(std::move(rows[i].household), identities[k].household_id, identities[k].code);
    const v1::Household& household = ready.household;
    v1::HouseholdRegistered registered;
    *registered.mutable_household() = household;
    store.keys().publisher().Append(ready.writes, RegistryEvent(call, "registry.household_registered.v1",
                                                                household.household_id(), 1, registered));
    uint64_t event_count = 1;
    if (rows[i].survey) {
      v1::Survey survey = SnapshotSurvey(std::move(*rows[i].survey), household, 1);
      v1::SurveyRecorded recorded;
      *recorded.mutable_survey() = survey;
      recorded.set_household_version(household.version());
      ready.writes.Add({"RPUSH", store.keys().Surveys(household.household_id()), survey.SerializeAsString()});
      store.keys().publisher().Append(ready.writes, RegistryEvent(call, "registry.survey_recorded.v1",
                                                                  household.household_id(), 2, recorded));
      event_count = 2;
      ready.survey = std::move(survey);
    }
    store.QueueNewRecord(ready.writes, household, event_count);
    ready.name_entries = NameIndexEntries(household);
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
