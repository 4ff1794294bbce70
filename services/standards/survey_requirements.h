// What a poverty standard needs a survey to record, read from the standard
// itself (docs/domain.md §3). The registry refuses a survey that lacks one of
// these facts rather than accept it and let the classifier find the household
// unclassifiable later, where the officer does not see why; deriving them
// from the loaded standard keeps the registry from holding any threshold.
#pragma once

#include <string>

#include "ansinh/v1/standard.pb.h"

namespace ansinh {

struct SurveyRequirements {
  // The standard as officers know it, e.g. "Decree 07/2021", for messages.
  std::string standard_name;
  // No score-A equivalence for some area: a score A alone cannot place the
  // household against the line, so the measured income is required.
  bool measured_income_required = false;
  // The standard has the household waste treatment indicator.
  bool waste_treatment_required = false;
  // The standard has the access-to-health-services indicator (Decision
  // 59/2015), which reads Survey.untreated_illness.
  bool untreated_illness_required = false;
  // The standard has the nutrition indicator: every member younger than this
  // on the survey date needs a nutrition status. 0 when it has none.
  int nutrition_under_age = 0;
  // The standard has the employment indicator: every member of working age
  // who has not lost the capacity to work needs an employment.
  bool employment_required = false;
  // The youngest age at which the standard counts someone as of working
  // age: from it a member's sex (and, with the employment indicator, the
  // employment) is needed.
  int working_age_from = 0;
  // The ages (inclusive) at which the adult education indicator asks the
  // education level of members out of school; both 0 when it has none.
  int adult_education_from = 0;
  int adult_education_through = 0;
};

SurveyRequirements SurveyRequirementsOf(const v1::Standard& standard);

}  // namespace ansinh
