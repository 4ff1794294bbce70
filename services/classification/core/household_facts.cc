#include "classification/core/household_facts.h"

namespace ansinh::classification {

std::string MemberField(int index, std::string_view field) {
  std::string path = "members[" + std::to_string(index) + "].";
  path.append(field);
  return path;
}

HouseholdFacts BuildHouseholdFacts(const v1::Survey& survey, FieldViolations& violations) {
  HouseholdFacts facts;
  const std::optional<CivilDate> as_of = ParseIsoDate(survey.survey_date());
  if (!as_of) {
    violations.push_back({"survey_date",
                          "must be an ISO date (YYYY-MM-DD), is \"" + survey.survey_date() + "\"",
                          "violation.date.not_iso",
                          {{"value", survey.survey_date()}}});
    return facts;
  }
  facts.as_of = *as_of;
  facts.members.reserve(survey.members_size());
  for (int i = 0; i < survey.members_size(); ++i) {
    const v1::Member& member = survey.members(i);
    const std::optional<CivilDate> birth = ParseIsoDate(member.date_of_birth());
    if (!birth) {
      violations.push_back({MemberField(i, "date_of_birth"),
                            "must be an ISO date (YYYY-MM-DD), is \"" + member.date_of_birth() + "\"",
                            "violation.date.not_iso",
                            {{"value", member.date_of_birth()}}});
      continue;
    }
    if (*birth > *as_of) {
      violations.push_back({MemberField(i, "date_of_birth"),
                            "is after the survey date " + survey.survey_date(),
                            "violation.member.born_after_survey",
                            {{"date", survey.survey_date()}}});
      continue;
    }
    facts.members.push_back({&member, i, AgeInYears(*birth, *as_of), *birth});
  }
  return facts;
}

}  // namespace ansinh::classification
