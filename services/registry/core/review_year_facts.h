#pragma once

#include <string_view>

#include "ansinh/v1/household.pb.h"
#include "kernel/field_violation.h"

namespace ansinh::registry {

// What the poverty standard in force for a review year needs a survey to
// record before the classification service can classify it. The registry
// refuses a survey that lacks one of these facts, rather than accept it and
// let the classifier refuse it later where the officer does not see why.
//
// These mirror the standard files the classifier loads
// (services/classification/standards/*.textproto): which indicators exist,
// from which age a child's nutrition counts, and whether a score A alone can
// place a household against the poverty line. The registry does not load
// those files (it would then need them to start); instead
// tests/unit/registry/review_year_facts_test.cc reads them and fails when
// this table and the data disagree, so a corrected standard file cannot
// silently drift from what the registry asks for.
struct ReviewYearFacts {
  // The standard, as officers know it ("Decree 07/2021"), for messages.
  std::string_view standard;
  // The standard has no score-A equivalence: a survey with only a score A
  // cannot be placed against the line, so the measured income is required.
  bool measured_income_required = false;
  // The standard has the household waste treatment indicator.
  bool waste_treatment_required = false;
  // The standard has the access-to-health-services indicator (Decision
  // 59/2015), which reads Survey.untreated_illness.
  bool untreated_illness_required = false;
  // The standard has the nutrition indicator: every member younger than this
  // on the survey date needs a nutrition status. 0 when it has none.
  int nutrition_under_age = 0;
  // The standard has the employment indicator: every member of working age
  // (from kWorkingAgeFrom, and not past any standard's upper bound) who has
  // not lost the capacity to work needs an employment.
  bool employment_required = false;
};

// Every standard counts working capacity from 15; the adult-education
// indicators reach at most age 30. The snapshot checks use these bounds, the
// widest of any standard, so no standard finds a fact missing.
inline constexpr int kWorkingAgeFrom = 15;
inline constexpr int kAdultEducationFrom = 15;
inline constexpr int kAdultEducationThrough = 30;

// The facts for `review_year`: Decision 59/2015 up to 2021, Decree 07/2021
// for 2022-2026, Decree 351/2025 from 2027 (later years keep the latest
// standard until a newer one is added here and in the standard files).
ReviewYearFacts FactsForReviewYear(int review_year);

// The survey-level facts of `survey` for its review year (measured income,
// waste treatment, untreated illness); paths relative to the survey. Part of
// ValidateSurvey.
FieldViolations CheckSurveyFactsForReviewYear(const v1::Survey& survey);

// The member snapshot of a survey as it will be classified: for every member,
// on the survey date, the facts the review year's standard needs (sex from
// working age, employment of working-age members, the education level of
// members 15-30 out of school, the nutrition of children). Paths are
// "members[2].nutrition"; descriptions name the member, so an adapter can
// report them against the household the snapshot was taken from. A member
// born after the survey date is reported too: the snapshot must leave such
// members out (they were not in the household when it was surveyed). The
// survey date must be valid (ValidateSurvey checks it); when it is not,
// nothing is reported here.
FieldViolations ValidateSurveySnapshot(const v1::Survey& survey);

}  // namespace ansinh::registry
