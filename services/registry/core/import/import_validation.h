#pragma once

#include "ansinh/v1/registry.pb.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"
#include "registry/core/survey_rules.h"

namespace ansinh::registry {

// Everything wrong with one import row that the row itself can tell, with
// paths relative to the row ("household.members[1].national_id",
// "survey.walls"): the household as for CreateHousehold and, when present,
// the survey as entered. Whether a CCCD is already registered elsewhere, or
// repeated by an earlier row of the same import, is for the adapter.
FieldViolations ValidateImportRow(const v1::ImportHouseholdsRequest& row, CivilDate today,
                                  const SurveyRules& rules);

}  // namespace ansinh::registry
