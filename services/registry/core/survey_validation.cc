#include "registry/core/survey_validation.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "registry/core/household_validation.h"
#include "registry/core/survey_rules.h"
#include "registry/core/validation_checks.h"

namespace ansinh::registry {
namespace {

using internal::CheckKnownEnum;
using internal::CheckNotBlank;
using internal::CheckRequiredEnum;

void CheckIncomeBasis(const v1::Survey& survey, FieldViolations& out) {
  if (survey.has_income_per_capita() && survey.income_per_capita_vnd() < 0) {
    out.push_back({"income_per_capita_vnd", "negative"});
  }
  if (!survey.has_income_per_capita() && survey.income_per_capita_vnd() != 0) {
    out.push_back({"income_per_capita_vnd",
                   "given but has_income_per_capita is false; set it to true if the income "
                   "was measured"});
  }
  if (survey.has_score_a() && (survey.score_a() < 0 || survey.score_a() > kMaxScoreA)) {
    out.push_back({"score_a", "out of range 0.." + std::to_string(kMaxScoreA) + ": " +
                                  std::to_string(survey.score_a())});
  }
  if (!survey.has_score_a() && survey.score_a() != 0) {
    out.push_back({"score_a", "given but has_score_a is false; set it to true if scored"});
  }
  if (!survey.has_income_per_capita() && !survey.has_score_a()) {
    out.push_back(
        {"income_per_capita_vnd", "neither a measured income nor a score A: at least one is required"});
  }
}

void CheckDwelling(const v1::Survey& survey, FieldViolations& out) {
  CheckRequiredEnum(survey.walls(), v1::MaterialQuality_IsValid, "walls", out);
  CheckRequiredEnum(survey.columns(), v1::MaterialQuality_IsValid, "columns", out);
  CheckRequiredEnum(survey.roof(), v1::MaterialQuality_IsValid, "roof", out);
  if (!std::isfinite(survey.floor_area_m2())) {
    out.push_back({"floor_area_m2", "not a number"});
  } else if (survey.floor_area_m2() < 0) {
    out.push_back({"floor_area_m2", "negative"});
  }
  CheckRequiredEnum(survey.water_source(), v1::WaterSource_IsValid, "water_source", out);
  CheckRequiredEnum(survey.latrine(), v1::LatrineType_IsValid, "latrine", out);
  // Waste treatment is an indicator only from the 2027 list on (the review held at the end of 2026); earlier
  // forms do not ask, so it may stay UNSPECIFIED
  // (CheckSurveyFactsForListYear requires it from the 2027 list).
  CheckKnownEnum(survey.waste_treatment(), v1::WasteTreatment_IsValid, "waste_treatment", out);
  // Likewise untreated illness, asked only under Decision 59/2015 (to 2021).
  CheckKnownEnum(survey.untreated_illness(), v1::UntreatedIllness_IsValid, "untreated_illness", out);
  for (int i = 0; i < survey.information_devices_size(); ++i) {
    CheckRequiredEnum(survey.information_devices(i), v1::InformationDevice_IsValid,
                      "information_devices[" + std::to_string(i) + "]", out);
  }
}

}  // namespace

FieldViolations ValidateSurvey(const v1::Survey& survey, CivilDate today, const SurveyRules& rules) {
  FieldViolations out;
  const int this_year = static_cast<int>(today.year());
  const int first_year = rules.first_review_year();
  const bool year_in_range = survey.review_year() >= first_year && survey.review_year() <= this_year;
  if (!year_in_range) {
    out.push_back({"review_year", "out of range " + std::to_string(first_year) + ".." +
                                      std::to_string(this_year) + ": " +
                                      std::to_string(survey.review_year())});
  }
  CheckRequiredEnum(survey.kind(), v1::ReviewKind_IsValid, "kind", out);
  CheckDwelling(survey, out);
  CheckIncomeBasis(survey, out);
  // What a year's standard needs means nothing for a year that is wrong.
  if (year_in_range) {
    for (FieldViolation& violation : CheckSurveyFactsForListYear(survey, rules)) {
      out.push_back(std::move(violation));
    }
  }
  const std::optional<CivilDate> survey_date =
      internal::CheckPastDate(survey.survey_date(), "survey_date", rules.earliest_survey_date(), today, out);
  CheckKnownEnum(survey.area_type(), v1::AreaType_IsValid, "area_type", out);
  if (!survey.members().empty()) {
    // The snapshot is the household as it was on the survey date: ages (for
    // the CCCD and education rules) and birth dates are judged on that day.
    for (FieldViolation& violation : ValidateMembers(survey.members(), survey_date.value_or(today))) {
      out.push_back(std::move(violation));
    }
  }
  return out;
}

FieldViolations ValidateRecordedSurvey(const v1::Survey& survey, CivilDate today, const SurveyRules& rules) {
  FieldViolations out = ValidateSurvey(survey, today, rules);
  CheckNotBlank(survey.survey_id(), "survey_id", "the survey's id", out);
  CheckNotBlank(survey.household_id(), "household_id", "the surveyed household's id", out);
  if (survey.area_type() == v1::AREA_TYPE_UNSPECIFIED) {
    out.push_back({"area_type", "required"});
  }
  CheckNotBlank(survey.residential_group(), "residential_group", "the household's residential group", out);
  if (survey.members().empty()) {
    out.push_back({"members", "the member snapshot is required"});
  }
  // The member checks above may have named the same field already.
  for (FieldViolation& violation : ValidateSurveySnapshot(survey, rules)) {
    const bool named = std::any_of(out.begin(), out.end(),
                                   [&](const FieldViolation& seen) { return seen.field == violation.field; });
    if (!named) out.push_back(std::move(violation));
  }
  return out;
}

}  // namespace ansinh::registry
