#include "standards/survey_requirements.h"

#include <algorithm>
#include <climits>

namespace ansinh {
namespace {

const v1::Indicator* FindIndicator(const v1::Standard& standard, v1::IndicatorKind kind) {
  for (const v1::Indicator& indicator : standard.indicators()) {
    if (indicator.kind() == kind) return &indicator;
  }
  return nullptr;
}

}  // namespace

SurveyRequirements SurveyRequirementsOf(const v1::Standard& standard) {
  SurveyRequirements needs;
  needs.standard_name = standard.short_name().empty() ? standard.id() : standard.short_name();
  for (const v1::AreaLines& lines : standard.lines()) {
    if (!lines.has_score_a()) needs.measured_income_required = true;
  }
  needs.waste_treatment_required = FindIndicator(standard, v1::INDICATOR_KIND_WASTE_TREATMENT) != nullptr;
  needs.untreated_illness_required =
      FindIndicator(standard, v1::INDICATOR_KIND_HEALTH_SERVICE_ACCESS) != nullptr;
  needs.employment_required = FindIndicator(standard, v1::INDICATOR_KIND_EMPLOYMENT) != nullptr;
  if (const v1::Indicator* nutrition = FindIndicator(standard, v1::INDICATOR_KIND_NUTRITION)) {
    needs.nutrition_under_age = nutrition->nutrition().child_age_under();
  }
  if (standard.has_working_age()) needs.working_age_from = standard.working_age().min_age();
  if (const v1::Indicator* education = FindIndicator(standard, v1::INDICATOR_KIND_ADULT_EDUCATION)) {
    int from = INT_MAX;
    int through = 0;
    for (const v1::EducationAgeBand& band : education->adult_education().bands()) {
      from = std::min(from, band.min_age());
      through = std::max(through, band.max_age());
    }
    if (through > 0) {
      needs.adult_education_from = from;
      needs.adult_education_through = through;
    }
  }
  return needs;
}

}  // namespace ansinh
