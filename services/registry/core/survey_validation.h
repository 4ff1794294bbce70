#pragma once

#include "ansinh/v1/household.pb.h"
#include "kernel/civil_date.h"
#include "kernel/field_violation.h"
#include "registry/core/survey_rules.h"

namespace ansinh::registry {

// Score A on the Circular 07/2021 form is a sum of item points in 0..1000.
inline constexpr int kMaxScoreA = 1000;

// The fields a surveyor enters (RecordSurveyRequest.survey, an import row's
// survey); paths relative to the survey ("walls", "information_devices[1]").
// The registry fills household_id (import), survey_id and the snapshot
// (members, area_type, residential_group), so they are not required here, but
// members that are given are validated as of the survey date (a snapshot
// stays valid after a child in it turns 14). Requires: review year in
// rules.first_review_year()..today's year, kind, materials, water source, latrine, a
// measured income and/or a score A (each consistent with its has_ flag),
// non-negative values, a survey date not after `today`, and what the standard
// of the survey's list year needs besides (CheckSurveyFactsForListYear: the
// measured income where a score A cannot stand alone, waste treatment from
// the 2027 list, i.e. the periodic review held at the end of 2026).
FieldViolations ValidateSurvey(const v1::Survey& survey, CivilDate today, const SurveyRules& rules);

// A survey as stored and published: ValidateSurvey plus survey_id,
// household_id, area_type, residential_group and a valid member snapshot
// that has every fact the list year's standard needs
// (ValidateSurveySnapshot).
FieldViolations ValidateRecordedSurvey(const v1::Survey& survey, CivilDate today, const SurveyRules& rules);

}  // namespace ansinh::registry
