#include "registry/adapters/household_registration.h"

#include <cstdio>
#include <map>

#include "ansinh/v1/registry.pb.h"
#include "events/envelope_codec.h"
#include "redis/redis_error.h"
#include "registry/adapters/household_mutation.h"
#include "registry/core/household_code.h"
#include "registry/core/household_validation.h"
#include "registry/core/new_household.h"
#include "registry/core/survey_validation.h"

namespace ansinh::registry {
namespace {

constexpr int kMaxAttempts = 8;

void Validate(RegistrationRow& row, const WardSettings& ward, CivilDate today,
              RegistrationResult& result) {
  row.household.set_area_type(ward.area_type);
  FieldViolations household = PrefixFieldPaths("household", ValidateHousehold(row.household, today));
  result.violations.insert(result.violations.end(), household.begin(), household.end());
  if (!row.household.residential_group().empty() &&
      !ResidentialGroupNumber(row.household.residential_group())) {
    result.violations.push_back({"household.residential_group",
                                 "must end with the group's number, e.g. \"TDP-05\""});
  }
  if (row.survey) {
    FieldViolations survey = PrefixFieldPaths("survey", ValidateSurvey(*row.survey, today));
    result.violations.insert(result.violations.end(), survey.begin(), survey.end());
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

}  // namespace

v1::Survey SnapshotSurvey(v1::Survey survey, const v1::Household& household, int sequence) {
  char id[64];
  std::snprintf(id, sizeof(id), "SV-%d-%06lld-%d", survey.review_year(),
                RegistryKeys::NumericId(household.household_id()), sequence);
  survey.set_survey_id(id);
  survey.set_household_id(household.household_id());
  survey.set_area_type(household.area_type());
  survey.set_residential_group(household.residential_group());
  *survey.mutable_members() = household.members();
  return survey;
}

std::vector<RegistrationResult> RegisterHouseholds(const server::CallScope& call,
                                                   HouseholdStore& store, const WardSettings& ward,
                                                   std::vector<RegistrationRow> rows) {
  const CivilDate today = TodayInVietnam();
  std::vector<RegistrationResult> results(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    results[i].row_number = rows[i].row_number;
    Validate(rows[i], ward, today, results[i]);
  }
  RefuseDuplicatesWithinBatch(rows, results);

  std::vector<size_t> good;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (results[i].violations.empty()) good.push_back(i);
  }
  if (good.empty()) return results;

  // Identities first: ids and codes are never reused, so a retry keeps them.
  std::vector<std::string> ids = store.AllocateHouseholdIds(static_cast<int>(good.size()));
  for (size_t k = 0; k < good.size(); ++k) {
    RegistrationRow& row = rows[good[k]];
    const int64_t sequence = store.NextCodeSequence(row.household.residential_group());
    row.household = PrepareNewHousehold(std::move(row.household), ids[k],
                                        *MakeHouseholdCode(row.household.residential_group(), sequence));
  }

  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    call.redis.Command({"WATCH", std::string(RegistryKeys::kNationalIds)});
    std::vector<std::string> national_ids;
    for (size_t i : good) {
      for (const auto& member : rows[i].household.members()) {
        if (!member.national_id().empty()) national_ids.push_back(member.national_id());
      }
    }
    std::vector<std::string> holders = store.HoldersOfNationalIds(national_ids);
    std::map<std::string, std::string> held;
    for (size_t n = 0; n < national_ids.size(); ++n) {
      if (!holders[n].empty()) held[national_ids[n]] = holders[n];
    }

    redis::Transaction commit;
    std::vector<size_t> written;
    for (size_t i : good) {
      const v1::Household& household = rows[i].household;
      bool conflict = false;
      for (int m = 0; m < household.members().size(); ++m) {
        auto found = held.find(household.members(m).national_id());
        if (found == held.end()) continue;
        results[i].national_id_conflict = "national ID " + found->first +
                                          " already belongs to a member of active household " +
                                          found->second;
        results[i].violations.push_back({"household.members[" + std::to_string(m) + "].national_id",
                                         results[i].national_id_conflict});
        conflict = true;
      }
      if (conflict) continue;
      uint64_t event_count = 1;
      v1::HouseholdRegistered registered;
      *registered.mutable_household() = household;
      store.keys().publisher().Append(
          commit, RegistryEvent(call, "registry.household_registered.v1", household.household_id(), 1,
                                registered));
      if (rows[i].survey) {
        v1::Survey survey = SnapshotSurvey(*rows[i].survey, household, 1);
        v1::SurveyRecorded recorded;
        *recorded.mutable_survey() = survey;
        recorded.set_household_version(household.version());
        commit.Add({"RPUSH", store.keys().Surveys(household.household_id()), survey.SerializeAsString()});
        store.keys().publisher().Append(
            commit, RegistryEvent(call, "registry.survey_recorded.v1", household.household_id(), 2, recorded));
        event_count = 2;
        results[i].survey = std::move(survey);
      }
      store.QueueSave(commit, nullptr, household, event_count);
      written.push_back(i);
    }
    if (commit.empty()) {
      call.redis.Command({"UNWATCH"});
      return results;
    }
    try {
      commit.Exec(call.redis);
    } catch (const redis::TransactionAborted&) {
      for (size_t i : good) {
        results[i].violations.clear();
        results[i].national_id_conflict.clear();
        results[i].survey.reset();
      }
      continue;
    }
    for (size_t i : written) results[i].household = rows[i].household;
    return results;
  }
  throw redis::TransactionAborted();
}

}  // namespace ansinh::registry
