#pragma once

// Registering new households (CreateHousehold, a batch of ImportHouseholds):
// what each row must be on its own and within its batch, and what a row that
// passed becomes once the store has given it an id and a code. Whether a
// CCCD already belongs to a registered active household, and the ids and
// codes themselves, are the adapter's: they need the store.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/result.h"
#include "registry/core/household_events.h"
#include "registry/core/survey_rules.h"

namespace ansinh::registry {

// A household to register, with its first survey if it came with one.
struct RegistrationRow {
  int64_t row_number = 0;
  v1::Household household;
  std::optional<v1::Survey> survey;
};

// Each row checked, in order: the row as it will be registered, or
// INVALID_ARGUMENT naming every reason at once, so that one problem never
// hides another (paths relative to the row:
// "household.members[0].national_id", "survey.walls"). What the registry
// assigns is cleared first (ids, code, status, version, head_member_id,
// member ids, and the survey's id, household and snapshot), so a household
// read back from GetHousehold can be registered again elsewhere. The area
// type is the ward's (`ward_area_type`, filled in when left out); household
// and survey are validated as of `today`; the survey's member snapshot must
// carry every fact its list year's standard needs, reported on the
// household's member ("household.members[2].nutrition"), whatever else is
// wrong with the row once its survey's year, kind and date are sound. A CCCD
// given in an earlier valid row of the batch refuses the later row, and is
// named among the reasons of a later row refused for others too.
std::vector<Result<RegistrationRow>> CheckRegistrationRows(std::vector<RegistrationRow> rows,
                                                           v1::AreaType ward_area_type, CivilDate today,
                                                           const SurveyRules& rules);

// A checked row registered under `household_id` and `code`: the household
// as PrepareNewHousehold makes it, HouseholdRegistered, and, when the row
// came with a survey, its snapshot (the household's first survey) and
// SurveyRecorded.
HouseholdChange RegisterHousehold(RegistrationRow row, std::string household_id, std::string code);

}  // namespace ansinh::registry
