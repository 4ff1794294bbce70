#include "registry/core/survey_recording.h"

#include <optional>
#include <string>
#include <utility>

#include "registry/core/survey_rules.h"
#include "registry/core/survey_snapshot.h"

namespace ansinh::registry {
namespace {

// A fact missing from the member snapshot is a fact missing from the
// household the request names: reported on survey.household_id, saying which
// member and field to complete.
FieldViolations SnapshotViolationsOnHousehold(const v1::Survey& snapshot, const SurveyRules& rules) {
  FieldViolations out;
  for (const FieldViolation& violation : ValidateSurveySnapshot(snapshot, rules)) {
    const size_t dot = violation.field.find("].");
    const std::string field = dot == std::string::npos ? violation.field : violation.field.substr(dot + 2);
    out.push_back({"survey.household_id", field + " " + violation.description +
                                              "; complete the household (UpdateMember) " +
                                              "before recording the survey"});
  }
  if (snapshot.members().empty()) {
    out.push_back({"survey.survey_date", "every member of household " + snapshot.household_id() +
                                             " was born after the survey date"});
  }
  return out;
}

// A correction replaces a survey of the same household and review year.
std::optional<Error> RefuseBadCorrection(const v1::Household& household,
                                         const std::vector<v1::Survey>& existing, const v1::Survey& given) {
  if (given.corrects_survey_id().empty()) return std::nullopt;
  const v1::Survey* corrected = nullptr;
  for (const v1::Survey& survey : existing) {
    if (survey.survey_id() == given.corrects_survey_id()) corrected = &survey;
  }
  if (corrected == nullptr) {
    return Error::InvalidArgument(
        {{"survey.corrects_survey_id",
          "no survey " + given.corrects_survey_id() + " for household " + household.household_id()}});
  }
  if (corrected->review_year() != given.review_year()) {
    return Error::InvalidArgument(
        {{"survey.corrects_survey_id", "corrects a survey of " + std::to_string(corrected->review_year()) +
                                           ", not of " + std::to_string(given.review_year())}});
  }
  return std::nullopt;
}

}  // namespace

v1::Survey SurveyAsEntered(v1::Survey survey) {
  survey.clear_survey_id();
  survey.clear_members();
  survey.clear_area_type();
  survey.clear_residential_group();
  return survey;
}

Result<HouseholdChange> RecordSurvey(const v1::Household& household, const std::vector<v1::Survey>& existing,
                                     const v1::Survey& given, const SurveyRules& rules) {
  if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
    return Error::FailedPrecondition("household " + household.household_id() +
                                     " is no longer active; surveys are closed")
        .WithKey("error.household.not_active_surveys", {{"household", household.household_id()}});
  }
  if (std::optional<Error> refused = RefuseBadCorrection(household, existing, given))
    return std::move(*refused);
  v1::Survey stored = SnapshotSurvey(given, household, static_cast<int>(existing.size()) + 1);
  if (FieldViolations missing = SnapshotViolationsOnHousehold(stored, rules); !missing.empty()) {
    return Error::InvalidArgument(std::move(missing));
  }
  HouseholdChange change;
  change.after = household;
  v1::SurveyRecorded event;
  *event.mutable_survey() = stored;
  event.set_household_version(household.version());
  change.events.push_back(std::move(event));
  change.recorded_survey = std::move(stored);
  return change;
}

}  // namespace ansinh::registry
