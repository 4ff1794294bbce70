#include "registry/core/survey_snapshot.h"

#include <cstdio>

#include "registry/core/household_id.h"

namespace ansinh::registry {

v1::Survey SnapshotSurvey(v1::Survey survey, const v1::Household& household, int sequence) {
  char id[64];
  std::snprintf(id, sizeof(id), "SV-%d-%06lld-%d", survey.review_year(),
                HouseholdIdNumber(household.household_id()), sequence);
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

}  // namespace ansinh::registry
