#include "registry/core/survey_rules.h"

#include <algorithm>
#include <optional>
#include <string>

#include "kernel/review_years.h"

namespace ansinh::registry {
namespace {

std::string Describe(const v1::Member& member, int age, std::string_view survey_date) {
  std::string text = member.member_id().empty() ? std::string("member") : "member " + member.member_id();
  text += " (" + member.full_name() + ", " + std::to_string(age) + " on the survey date " +
          std::string(survey_date) + ")";
  return text;
}

// "the Decree 351/2025 standard (the 2027 list, reviewed in 2026)".
std::string StandardOfSurvey(const SurveyRequirements& needs, const v1::Survey& survey) {
  return "the " + needs.standard_name + " standard (the " + std::to_string(ListYearOfSurvey(survey)) +
         " list, reviewed in " + std::to_string(survey.review_year()) + ")";
}

}  // namespace

SurveyRules::SurveyRules(const StandardCatalog& catalog) {
  for (const v1::Standard& standard : catalog.standards()) {
    Period period{standard.first_list_year(), standard.last_list_year(), SurveyRequirementsOf(standard)};
    const SurveyRequirements& needs = period.needs;
    if (needs.working_age_from > 0) {
      working_age_from_ = working_age_from_ == 0 ? needs.working_age_from
                                                 : std::min(working_age_from_, needs.working_age_from);
    }
    if (needs.adult_education_through > 0) {
      adult_education_from_ = adult_education_from_ == 0
                                  ? needs.adult_education_from
                                  : std::min(adult_education_from_, needs.adult_education_from);
      adult_education_through_ = std::max(adult_education_through_, needs.adult_education_through);
    }
    nutrition_under_age_ = std::max(nutrition_under_age_, needs.nutrition_under_age);
    periods_.push_back(std::move(period));
  }
  // The catalog orders its standards by first list year.
  first_review_year_ = periods_.front().first_list_year - 1;
}

const SurveyRequirements& SurveyRules::ForListYear(int list_year) const {
  for (const Period& period : periods_) {
    if (list_year <= period.last_list_year) return period.needs;
  }
  return periods_.back().needs;
}

CivilDate SurveyRules::earliest_survey_date() const {
  return CivilDate{std::chrono::year(first_review_year_), std::chrono::January, std::chrono::day(1)};
}

int ListYearOfSurvey(const v1::Survey& survey) {
  return ListYearOf(survey.review_year(), survey.kind() == v1::REVIEW_KIND_REGULAR ? ReviewTiming::kRegular
                                                                                   : ReviewTiming::kPeriodic);
}

FieldViolations CheckSurveyFactsForListYear(const v1::Survey& survey, const SurveyRules& rules) {
  FieldViolations out;
  const SurveyRequirements& facts = rules.ForListYear(ListYearOfSurvey(survey));
  const std::string standard = StandardOfSurvey(facts, survey);
  if (facts.measured_income_required && !survey.has_income_per_capita() && survey.has_score_a()) {
    out.push_back(
        {"income_per_capita_vnd", "required: " + standard +
                                      " has no score-A equivalence, so a score A alone cannot place the "
                                      "household against the poverty line"});
  }
  if (facts.waste_treatment_required && survey.waste_treatment() == v1::WASTE_TREATMENT_UNSPECIFIED) {
    out.push_back(
        {"waste_treatment", "required: " + standard + " has the household waste treatment indicator"});
  }
  if (facts.untreated_illness_required && survey.untreated_illness() == v1::UNTREATED_ILLNESS_UNSPECIFIED) {
    out.push_back({"untreated_illness", "required: " + standard +
                                            " has the access-to-health-services indicator: was a member ill "
                                            "in the last 12 months without going to a medical facility?"});
  }
  return out;
}

FieldViolations ValidateSurveySnapshot(const v1::Survey& survey, const SurveyRules& rules) {
  FieldViolations out;
  const std::optional<CivilDate> surveyed = ParseIsoDate(survey.survey_date());
  if (!surveyed) return out;
  const SurveyRequirements& facts = rules.ForListYear(ListYearOfSurvey(survey));
  const std::string standard = StandardOfSurvey(facts, survey);
  for (int i = 0; i < survey.members_size(); ++i) {
    const v1::Member& member = survey.members(i);
    const std::string path = "members[" + std::to_string(i) + "].";
    const std::optional<CivilDate> birth = ParseIsoDate(member.date_of_birth());
    if (!birth) {
      out.push_back(
          {path + "date_of_birth", "not a date of the form YYYY-MM-DD: \"" + member.date_of_birth() + "\""});
      continue;
    }
    if (*birth > *surveyed) {
      const std::string who = member.member_id().empty() ? "member" : "member " + member.member_id();
      out.push_back({path + "date_of_birth", who + " (" + member.full_name() +
                                                 ") was born after the survey date " + survey.survey_date() +
                                                 ": not a member of the surveyed household"});
      continue;
    }
    const int age = AgeInYears(*birth, *surveyed);
    const auto missing = [&](std::string_view field, const std::string& why) {
      out.push_back({path + std::string(field),
                     "required for " + Describe(member, age, survey.survey_date()) + ": " + why});
    };
    if (rules.working_age_from() > 0 && age >= rules.working_age_from() &&
        member.sex() == v1::SEX_UNSPECIFIED) {
      missing("sex", "working age depends on it");
    }
    if (facts.employment_required && age >= rules.working_age_from() && !member.lost_working_capacity() &&
        member.employment() == v1::EMPLOYMENT_UNSPECIFIED) {
      missing("employment", standard + " has the employment indicator");
    }
    if (rules.adult_education_through() > 0 && age >= rules.adult_education_from() &&
        age <= rules.adult_education_through() && !member.enrolled_in_school() &&
        member.education_level() == v1::EDUCATION_LEVEL_UNSPECIFIED) {
      missing("education_level", "the adult education indicator needs it for members aged " +
                                     std::to_string(rules.adult_education_from()) + "-" +
                                     std::to_string(rules.adult_education_through()) +
                                     " who are not in school");
    }
    if (age < facts.nutrition_under_age && member.nutrition() == v1::NUTRITION_UNSPECIFIED) {
      missing("nutrition",
              standard + " needs it for every child under " + std::to_string(facts.nutrition_under_age));
    }
  }
  return out;
}

}  // namespace ansinh::registry
