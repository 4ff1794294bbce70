#include "classification/adapters/survey_intake.h"

#include "ansinh/v1/classification.pb.h"
#include "classification/adapters/event_publishing.h"
#include "classification/core/review_round.h"

namespace ansinh::classification {

bool RoundCoversSurvey(const v1::ReviewRound& round, const v1::Survey& survey) {
  if (round.review_year() != survey.review_year()) return false;
  return round.kind() != v1::REVIEW_KIND_REGULAR || round.household_id() == survey.household_id();
}

SurveyIntake QueueSurveyIntoRound(redis::Transaction& tx, const ClassificationEnvironment& environment,
                                  StoredRound& round, const v1::RoundHousehold* current,
                                  const v1::Survey& survey, const events::EventContext& context) {
  Result<v1::RoundHousehold> recorded = RecordSurvey(round.round, current, survey, environment.catalog);
  if (!recorded.ok()) {
    const bool replay = recorded.error().code == ErrorCode::kAlreadyExists;
    return {replay ? IntakeOutcome::kAlreadyRecorded : IntakeOutcome::kRefused, recorded.error().message};
  }
  const v1::RoundHousehold& household = recorded.value();
  const std::string& round_id = round.round.round_id();
  RoundStore::QueueHouseholds(tx, round_id, std::span(&household, 1));
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
    v1::SurveyUnclassifiable event;
    event.set_round_id(round_id);
    event.set_household_id(household.household_id());
    event.set_residential_group(household.residential_group());
    event.set_survey_id(survey.survey_id());
    event.set_reason(household.unclassifiable_reason());
    *event.mutable_problems() = household.survey_problems();
    event.set_survey_count(household.survey_count());
    QueueRoundEvent(tx, environment.keys, context, kSurveyUnclassifiable, round_id, &round.events,
                    household.household_id(), event);
    return {IntakeOutcome::kUnclassifiable, household.unclassifiable_reason()};
  }
  RoundStore::QueueProposal(tx, round_id, household.proposed());
  v1::SurveyClassified event;
  event.set_round_id(round_id);
  event.set_household_id(household.household_id());
  event.set_residential_group(household.residential_group());
  event.set_survey_id(survey.survey_id());
  *event.mutable_result() = household.proposed();
  event.set_survey_count(household.survey_count());
  QueueRoundEvent(tx, environment.keys, context, kSurveyClassified, round_id, &round.events,
                  household.household_id(), event);
  return {IntakeOutcome::kClassified, ""};
}

}  // namespace ansinh::classification
