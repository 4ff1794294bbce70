#include "classification/core/classifier.h"

#include <algorithm>
#include <string>
#include <vector>

#include "classification/core/category_rule.h"
#include "classification/core/household_facts.h"
#include "classification/core/indicator_rules.h"
#include "classification/core/labour_capacity.h"
#include "classification/core/list_years.h"

namespace ansinh::classification {
namespace {

void CheckSurveyBasics(const v1::Survey& survey, FieldViolations& violations) {
  if (survey.area_type() == v1::AREA_TYPE_UNSPECIFIED) {
    violations.push_back({"area_type", "must be URBAN or RURAL", "violation.survey.area_type"});
  }
  if (survey.members().empty()) {
    violations.push_back({"members", "must list at least one member", "violation.survey.no_member"});
  }
  if (!survey.has_income_per_capita() && !survey.has_score_a()) {
    violations.push_back({"income_per_capita_vnd",
                          "neither a measured income nor a score A is "
                          "recorded; one of them is needed",
                          "violation.survey.no_income"});
  }
  if (survey.has_income_per_capita() && survey.income_per_capita_vnd() < 0) {
    violations.push_back({"income_per_capita_vnd", "must not be negative", "violation.negative"});
  }
  if (!survey.has_income_per_capita() && survey.has_score_a() && survey.score_a() < 0) {
    violations.push_back({"score_a", "must not be negative", "violation.negative"});
  }
}

// The same missing fact may be reported by two rules (a member's sex by the
// employment rule and by labour capacity): report it once.
void RemoveDuplicates(FieldViolations& violations) {
  FieldViolations unique;
  unique.reserve(violations.size());
  for (FieldViolation& violation : violations) {
    if (std::none_of(unique.begin(), unique.end(),
                     [&](const FieldViolation& seen) { return seen.field == violation.field; })) {
      unique.push_back(std::move(violation));
    }
  }
  violations = std::move(unique);
}

Error CannotClassify(const v1::Survey& survey, const v1::Standard& standard, FieldViolations violations) {
  RemoveDuplicates(violations);
  std::string message = "survey " + survey.survey_id() + " of household " + survey.household_id() +
                        " cannot be classified under " + standard.id() + ": ";
  for (size_t i = 0; i < violations.size(); ++i) {
    if (i > 0) message += "; ";
    message += violations[i].field + " " + violations[i].description;
  }
  return Error::FailedPrecondition(std::move(message), std::move(violations))
      .WithKey("error.survey.cannot_classify", {{"survey", survey.survey_id()},
                                                {"household", survey.household_id()},
                                                {"standard", standard.id()}});
}

}  // namespace

Result<v1::ClassificationResult> Classify(const v1::Survey& survey, const v1::Standard& standard) {
  if (!standard.working_age().has_statutory_retirement_ages()) {
    return Error::FailedPrecondition(
               "standard " + standard.id() +
               " carries no statutory retirement ages: classify only with a standard of "
               "a StandardCatalog, which attaches them")
        .WithKey("error.standard.no_retirement_ages", {{"standard", standard.id()}});
  }
  FieldViolations violations;
  CheckSurveyBasics(survey, violations);
  const HouseholdFacts facts = BuildHouseholdFacts(survey, violations);
  if (!violations.empty()) {
    return CannotClassify(survey, standard, std::move(violations));
  }
  const v1::AreaLines* lines = FindLines(standard, survey.area_type());
  if (lines == nullptr) {
    return Error::FailedPrecondition("standard " + standard.id() + " has no lines for the survey's area type")
        .WithKey("error.standard.no_lines", {{"standard", standard.id()}});
  }

  v1::ClassificationResult result;
  result.set_household_id(survey.household_id());
  result.set_survey_id(survey.survey_id());
  result.set_residential_group(survey.residential_group());
  result.set_standard_id(standard.id());
  result.set_standard_version(standard.version());
  result.set_review_year(survey.review_year());
  result.set_area_type(survey.area_type());
  result.set_as_of_date(survey.survey_date());
  result.set_poor_deprivation_count(standard.poor_deprivation_count());

  result.mutable_indicators()->Reserve(standard.indicators_size());
  int deprived = 0;
  for (const v1::Indicator& indicator : standard.indicators()) {
    v1::IndicatorResult* verdict = result.add_indicators();
    EvaluateIndicator(indicator, standard, survey, facts, violations, *verdict);
    if (verdict->deprived()) ++deprived;
  }
  LabourCapacity capacity = AssessLabourCapacity(standard, facts, violations);
  if (!violations.empty()) {
    return CannotClassify(survey, standard, std::move(violations));
  }
  const int with_capacity = capacity.members_with_capacity;
  result.set_deprivation_count(deprived);
  result.set_members_with_labour_capacity(with_capacity);
  result.set_labour_capacity_reason(std::move(capacity.reason));
  *result.mutable_labour_capacity_reason_text() = std::move(capacity.reason_text);

  Result<IncomeVerdict> income = TestIncome(standard, *lines, survey);
  if (!income.ok()) return income.error();
  result.set_income_basis(income->basis);
  result.set_income_value(income->value);
  result.set_income_reason(std::move(income->reason));
  *result.mutable_income_reason_text() = std::move(income->reason_text);

  CategoryVerdict category = DecideCategory(standard, *income, deprived);
  result.set_category(category.category);
  result.set_category_reason(std::move(category.reason));
  *result.mutable_category_reason_text() = std::move(category.reason_text);
  result.set_without_labour_capacity(category.category == v1::POVERTY_CATEGORY_POOR && with_capacity == 0);
  return result;
}

Result<v1::ClassificationResult> ClassifyForListYear(const v1::Survey& survey, int list_year,
                                                     const StandardCatalog& catalog) {
  const v1::Standard* standard = catalog.ForListYear(list_year);
  if (standard == nullptr) {
    return Error::FailedPrecondition("no loaded standard covers list year " + std::to_string(list_year) +
                                     " (survey " + survey.survey_id() + ", reviewed in " +
                                     std::to_string(survey.review_year()) +
                                     "; loaded: " + catalog.CoverageDescription() + ")")
        .WithKey("error.standard.none_for_list_year", {{"list_year", std::to_string(list_year)},
                                                       {"survey", survey.survey_id()},
                                                       {"review_year", std::to_string(survey.review_year())},
                                                       {"loaded", catalog.CoverageDescription()}});
  }
  Result<v1::ClassificationResult> result = Classify(survey, *standard);
  if (result.ok()) result->set_list_year(list_year);
  return result;
}

Result<v1::ClassificationResult> ClassifySurvey(const v1::Survey& survey, const StandardCatalog& catalog) {
  return ClassifyForListYear(survey, ListYearOfSurvey(survey), catalog);
}

}  // namespace ansinh::classification
