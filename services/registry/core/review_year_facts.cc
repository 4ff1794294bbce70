#include "registry/core/review_year_facts.h"

#include <optional>
#include <string>

#include "kernel/civil_date.h"

namespace ansinh::registry {
namespace {

// The last review year of Decision 59/2015 and of Decree 07/2021.
constexpr int kLastYearOfDecision59 = 2021;
constexpr int kLastYearOfDecree07 = 2026;

// The age of a "child" in the nutrition indicator of Decree 07/2021 and
// Decree 351/2025.
constexpr int kNutritionChildUnder = 16;

std::string Describe(const v1::Member& member, int age, std::string_view survey_date) {
  std::string text = member.member_id().empty() ? std::string("member") : "member " + member.member_id();
  text += " (" + member.full_name() + ", " + std::to_string(age) + " on the survey date " +
          std::string(survey_date) + ")";
  return text;
}

}  // namespace

ReviewYearFacts FactsForReviewYear(int review_year) {
  if (review_year <= kLastYearOfDecision59) {
    return {.standard = "Decision 59/2015",
            .measured_income_required = true,
            .waste_treatment_required = false,
            .untreated_illness_required = true,
            .nutrition_under_age = 0,
            .employment_required = false};
  }
  if (review_year <= kLastYearOfDecree07) {
    return {.standard = "Decree 07/2021",
            .measured_income_required = false,
            .waste_treatment_required = false,
            .nutrition_under_age = kNutritionChildUnder,
            .employment_required = true};
  }
  return {.standard = "Decree 351/2025",
          .measured_income_required = true,
          .waste_treatment_required = true,
          .nutrition_under_age = kNutritionChildUnder,
          .employment_required = true};
}

FieldViolations CheckSurveyFactsForReviewYear(const v1::Survey& survey) {
  FieldViolations out;
  const ReviewYearFacts facts = FactsForReviewYear(survey.review_year());
  const std::string standard = "the " + std::string(facts.standard) + " standard (review year " +
                               std::to_string(survey.review_year()) + ")";
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

FieldViolations ValidateSurveySnapshot(const v1::Survey& survey) {
  FieldViolations out;
  const std::optional<CivilDate> surveyed = ParseIsoDate(survey.survey_date());
  if (!surveyed) return out;
  const ReviewYearFacts facts = FactsForReviewYear(survey.review_year());
  const std::string standard = "the " + std::string(facts.standard) + " standard (review year " +
                               std::to_string(survey.review_year()) + ")";
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
    if (age >= kWorkingAgeFrom && member.sex() == v1::SEX_UNSPECIFIED) {
      missing("sex", "working age depends on it");
    }
    if (facts.employment_required && age >= kWorkingAgeFrom && !member.lost_working_capacity() &&
        member.employment() == v1::EMPLOYMENT_UNSPECIFIED) {
      missing("employment", standard + " has the employment indicator");
    }
    if (age >= kAdultEducationFrom && age <= kAdultEducationThrough && !member.enrolled_in_school() &&
        member.education_level() == v1::EDUCATION_LEVEL_UNSPECIFIED) {
      missing("education_level", "the adult education indicator needs it for members aged " +
                                     std::to_string(kAdultEducationFrom) + "-" +
                                     std::to_string(kAdultEducationThrough) + " who are not in school");
    }
    if (age < facts.nutrition_under_age && member.nutrition() == v1::NUTRITION_UNSPECIFIED) {
      missing("nutrition",
              standard + " needs it for every child under " + std::to_string(facts.nutrition_under_age));
    }
  }
  return out;
}

}  // namespace ansinh::registry
