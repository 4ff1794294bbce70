#pragma once

#include "ansinh/v1/common.pb.h"
#include "ansinh/v1/household.pb.h"

namespace ansinh::registry::testkit {

// A deliberately small, separate reading of Decree 07/2021 (docs/domain.md §3.2,
// urban area) used to check that the demo ward has the shape it claims. It is
// not the classifier: it exists so these tests do not depend on it.

// Where the borderline readings of the indicators can differ. The generator
// promises the same categories under each of these.
struct Reading {
  // Ages are taken on the survey date, or on 1 January of the review year.
  bool ages_on_survey_date = true;
  // Working age, whole years, inclusive: a bracket of the statutory
  // retirement age, which the classifier counts in months (docs/domain.md
  // §3.4).
  int working_age_min = 15;
  int working_age_max_male = 61;
  int working_age_max_female = 59;
  // Dependants: children under this age, and allowance recipients who are
  // disabled or at least elderly_min_age.
  int dependant_child_under = 16;
  int elderly_min_age = 60;
};

struct Assessment {
  // How many of the 12 indicators are deprived.
  int deprivations = 0;
  v1::PovertyCategory category = v1::POVERTY_CATEGORY_UNSPECIFIED;
  // Someone of working age who has not lost their working capacity.
  bool has_labour_capacity = false;
};

// Urban line 2,000,000 VND (score A 175), AVERAGE up to 3,000,000 by income.
Assessment AssessUrbanDecree07(const v1::Survey& survey, const Reading& reading = {});

}  // namespace ansinh::registry::testkit
