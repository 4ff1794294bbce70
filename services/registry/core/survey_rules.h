#pragma once

#include <vector>

#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"
#include "standards/standard_catalog.h"
#include "standards/survey_requirements.h"

namespace ansinh::registry {

// What the loaded poverty standards need a survey to record, by list year,
// read from the standard files at start-up (services/classification/
// standards/*.textproto, the same the classifier loads). The registry refuses
// a survey that lacks one of these facts rather than accept it and let the
// classifier refuse it later where the officer does not see why; it holds no
// threshold of its own, so a corrected standard file changes both services.
class SurveyRules {
 public:
  // `catalog` holds at least one standard (LoadStandardsFromDirectory
  // refuses an empty directory).
  explicit SurveyRules(const StandardCatalog& catalog);

  // What the standard of `list_year` needs. A list year after the last
  // standard's keeps the latest standard until a newer file is added.
  const SurveyRequirements& ForListYear(int list_year) const;

  // The first year a review can be held in: the year before the first list
  // year of the earliest standard (its periodic review). Earlier surveys are
  // typing mistakes, and so are survey dates before 1 January of that year.
  int first_review_year() const { return first_review_year_; }
  CivilDate earliest_survey_date() const;

  // The widest bounds of any standard, for the member snapshot: from this
  // age a member's sex is needed; between these ages the education level of
  // a member out of school. So no standard finds a fact missing.
  int working_age_from() const { return working_age_from_; }
  int adult_education_from() const { return adult_education_from_; }
  int adult_education_through() const { return adult_education_through_; }
  // The oldest "child" of any standard's nutrition indicator: the registry
  // keeps a nutrition status for every member younger than this.
  int nutrition_under_age() const { return nutrition_under_age_; }

 private:
  struct Period {
    int first_list_year;
    int last_list_year;
    SurveyRequirements needs;
  };
  std::vector<Period> periods_;  // ordered by first list year
  int first_review_year_ = 0;
  int working_age_from_ = 0;
  int adult_education_from_ = 0;
  int adult_education_through_ = 0;
  int nutrition_under_age_ = 0;
};

// The year whose list the survey's review decides (docs/domain.md §3.0): its
// review year (the year the review is held) plus one for a periodic review.
int ListYearOfSurvey(const v1::Survey& survey);

// The survey-level facts of `survey` for its list year (measured income,
// waste treatment, untreated illness); paths relative to the survey. Part of ValidateSurvey.
FieldViolations CheckSurveyFactsForListYear(const v1::Survey& survey, const SurveyRules& rules);

// The member snapshot of a survey as it will be classified: for every member,
// on the survey date, the facts the list year's standard needs (sex from
// working age, employment of working-age members, the education level of
// members out of school at adult-education ages, the nutrition of children).
// Paths are "members[2].nutrition"; descriptions name the member, so an
// adapter can report them against the household the snapshot was taken from.
// A member born after the survey date is reported too: the snapshot must
// leave such members out (they were not in the household when it was
// surveyed). The survey date must be valid (ValidateSurvey checks it); when
// it is not, nothing is reported here.
FieldViolations ValidateSurveySnapshot(const v1::Survey& survey, const SurveyRules& rules);

}  // namespace ansinh::registry
