#include "classification/core/survey_intake.h"

#include <utility>

#include "classification/core/event_facts.h"
#include "classification/core/review_round.h"

namespace ansinh::classification {
namespace {

v1::SurveyUnclassifiable UnclassifiableEvent(const v1::RoundHousehold& household, const v1::Survey& survey) {
  v1::SurveyUnclassifiable event;
  event.set_round_id(household.round_id());
  event.set_household_id(household.household_id());
  event.set_residential_group(household.residential_group());
  event.set_survey_id(survey.survey_id());
  event.set_reason(household.unclassifiable_reason());
  *event.mutable_problems() = household.survey_problems();
  event.set_survey_count(household.survey_count());
  return event;
}

v1::SurveyClassified ClassifiedEvent(const v1::RoundHousehold& household, const v1::Survey& survey) {
  v1::SurveyClassified event;
  event.set_round_id(household.round_id());
  event.set_household_id(household.household_id());
  event.set_residential_group(household.residential_group());
  event.set_survey_id(survey.survey_id());
  *event.mutable_result() = ResultFactsOf(household.proposed());
  event.set_survey_count(household.survey_count());
  return event;
}

}  // namespace

bool RoundCoversSurvey(const v1::ReviewRound& round, const v1::Survey& survey) {
  if (round.status() != v1::ROUND_STATUS_OPEN || round.review_year() != survey.review_year()) return false;
  if (round.kind() == v1::REVIEW_KIND_REGULAR) return round.household_id() == survey.household_id();
  // A survey taken for a regular review amends this year's list; the
  // periodic round decides next year's, so it takes periodic surveys only.
  return survey.kind() != v1::REVIEW_KIND_REGULAR;
}

SurveyIntake TakeSurveyIntoRound(const v1::ReviewRound& round, uint64_t round_events,
                                 const v1::RoundHousehold* current, const v1::Survey& survey,
                                 const StandardCatalog& catalog) {
  SurveyIntake intake;
  intake.round_events = round_events;
  Result<v1::RoundHousehold> recorded = RecordSurvey(round, current, survey, catalog);
  if (!recorded.ok()) {
    // A replayed registry event meets its own survey: nothing to do, and
    // nothing worth a warning, unlike a survey the procedure refuses.
    const bool replay = recorded.error().code == ErrorCode::kAlreadyExists;
    intake.outcome = replay ? IntakeOutcome::kAlreadyRecorded : IntakeOutcome::kRefused;
    intake.reason = recorded.error().message;
    return intake;
  }
  v1::RoundHousehold household = std::move(recorded).value();
  RoundEvent event;
  event.round_version = ++intake.round_events;
  event.household_id = household.household_id();
  if (household.state() == v1::HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE) {
    intake.outcome = IntakeOutcome::kUnclassifiable;
    intake.reason = household.unclassifiable_reason();
    event.event_type = kSurveyUnclassifiable;
    event.payload = UnclassifiableEvent(household, survey);
  } else {
    intake.outcome = IntakeOutcome::kClassified;
    intake.proposal = household.proposed();
    event.event_type = kSurveyClassified;
    event.payload = ClassifiedEvent(household, survey);
  }
  intake.events.push_back(std::move(event));
  intake.household = std::move(household);
  return intake;
}

}  // namespace ansinh::classification
