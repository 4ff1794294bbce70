#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ansinh/v1/household.pb.h"
#include "registry/adapters/household_store.h"
#include "registry/adapters/ward_settings.h"
#include "registry/core/field_violation.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// A household to register, with its first survey if it came with one.
struct RegistrationRow {
  int64_t row_number = 0;
  v1::Household household;
  std::optional<v1::Survey> survey;
};

struct RegistrationResult {
  int64_t row_number = 0;
  // Set when registered.
  std::optional<v1::Household> household;
  std::optional<v1::Survey> survey;
  // Why not (paths relative to the row: "household.members[0].national_id").
  FieldViolations violations;
  // A CCCD held by another active household: reported as ALREADY_EXISTS by
  // CreateHousehold, as a violation by ImportHouseholds.
  std::string national_id_conflict;
};

// Registers a batch of new households: validates every row, refuses the bad
// ones with their reasons, and writes the good ones (records, indexes,
// HouseholdRegistered and SurveyRecorded events) in one transaction. Used by
// CreateHousehold (a batch of one), ImportHouseholds and the demo loader.
std::vector<RegistrationResult> RegisterHouseholds(const server::CallScope& call,
                                                   HouseholdStore& store,
                                                   const WardSettings& ward,
                                                   std::vector<RegistrationRow> rows);

// The stored form of a survey: its id, the household, and the snapshot of
// members, area type and residential group taken now.
v1::Survey SnapshotSurvey(v1::Survey survey, const v1::Household& household, int sequence);

}  // namespace ansinh::registry
