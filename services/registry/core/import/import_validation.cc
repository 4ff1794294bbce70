#include "registry/core/import/import_validation.h"

#include "registry/core/household_validation.h"
#include "registry/core/survey_validation.h"

namespace ansinh::registry {

FieldViolations ValidateImportRow(const v1::ImportHouseholdsRequest& row, CivilDate today,
                                  const SurveyRules& rules) {
  FieldViolations violations = PrefixFieldPaths("household", ValidateHousehold(row.household(), today));
  if (row.has_survey()) {
    for (FieldViolation& violation : PrefixFieldPaths("survey", ValidateSurvey(row.survey(), today, rules))) {
      violations.push_back(std::move(violation));
    }
  }
  return violations;
}

}  // namespace ansinh::registry
