#pragma once

// Recording a review survey (phiếu rà soát) on a registered household,
// decided on the household and its surveys as read: the registry takes the
// member snapshot from the household, so what the household lacks is what
// the survey lacks.

#include <vector>

#include "ansinh/v1/household.pb.h"
#include "kernel/result.h"
#include "registry/core/household_events.h"
#include "registry/core/survey_rules.h"

namespace ansinh::registry {

// The survey as the surveyor entered it (RecordSurveyRequest.survey): what
// the registry fills in from the household (survey_id, members, area_type,
// residential_group) is ignored, as the API says. ValidateSurvey checks
// this form before the household is read.
v1::Survey SurveyAsEntered(v1::Survey survey);

// `given` (as entered and valid) recorded for `household`, whose surveys so
// far are `existing`, oldest first: the snapshot (SnapshotSurvey, the next
// sequence) to append, and SurveyRecorded with it and the household's
// version, which does not change. FAILED_PRECONDITION when the household is
// no longer active. INVALID_ARGUMENT on survey.corrects_survey_id when it
// names no survey of the household or one of another review year; on
// survey.household_id for every fact the list year's standard needs that a
// member of the snapshot lacks (saying which member and field to complete),
// and on survey.survey_date when every member was born after it.
Result<HouseholdChange> RecordSurvey(const v1::Household& household, const std::vector<v1::Survey>& existing,
                                     const v1::Survey& given, const SurveyRules& rules);

}  // namespace ansinh::registry
