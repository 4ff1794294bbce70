#include "registry/core/household_redaction.h"

namespace ansinh::registry {

bool ReadsRedacted(const v1::Actor& reader) {
  // Only the roles known to need the full record read it; a role added
  // later starts redacted until someone decides otherwise.
  switch (reader.role()) {
    case v1::ROLE_WARD_OFFICER:
    case v1::ROLE_AUDITOR:
    case v1::ROLE_SERVICE:
      return false;
    default:
      return true;
  }
}

void RedactMember(v1::Member& member) {
  member.clear_national_id();
  member.clear_date_of_birth();
  member.clear_monthly_social_allowance_vnd();
}

void RedactHousehold(v1::Household& household) {
  for (v1::Member& member : *household.mutable_members()) RedactMember(member);
}

void RedactSurvey(v1::Survey& survey) {
  survey.clear_has_income_per_capita();
  survey.clear_income_per_capita_vnd();
  survey.clear_has_score_a();
  survey.clear_score_a();
  for (v1::Member& member : *survey.mutable_members()) RedactMember(member);
}

void RedactHouseholdFor(const v1::Actor& reader, v1::Household& household) {
  if (ReadsRedacted(reader)) RedactHousehold(household);
}

void RedactSurveyFor(const v1::Actor& reader, v1::Survey& survey) {
  if (ReadsRedacted(reader)) RedactSurvey(survey);
}

}  // namespace ansinh::registry
