// Recording a review survey (phiếu rà soát) with its member snapshot.
#include "ansinh/v1/registry.pb.h"
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/household_registration.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/violations.h"
#include "registry/core/survey_validation.h"
#include "server/authorization.h"

namespace ansinh::registry {

grpc::ServerUnaryReactor* RegistryService::RecordSurvey(grpc::CallbackServerContext* context,
                                                        const v1::RecordSurveyRequest* request,
                                                        v1::RecordSurveyResponse* response) {
  return executor_.Handle(context, "Registry.RecordSurvey", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "record surveys");
        !denied.ok()) {
      return denied;
    }
    const v1::Survey& given = request->survey();
    FieldViolations violations = PrefixFieldPaths("survey", ValidateSurvey(given, TodayInVietnam()));
    RequireNonEmpty(given.household_id(), "survey.household_id", violations);
    if (!violations.empty()) return InvalidArgument(violations);

    HouseholdStore store(call.redis, keys_);
    if (!store.Load(given.household_id())) {
      return InvalidArgument({{"survey.household_id", "no household " + given.household_id()}});
    }
    MutationRequest mutation{given.household_id(), request->expected_version(), false, false};
    v1::Household after;
    grpc::Status status = MutateHousehold(call, store, mutation, [&](MutationContext& change) -> grpc::Status {
      const v1::Household& household = change.household();
      if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
        return {grpc::StatusCode::FAILED_PRECONDITION,
                "household " + household.household_id() + " is no longer active; surveys are closed"};
      }
      const std::vector<v1::Survey> existing = store.LoadSurveys(household.household_id());
      if (!given.corrects_survey_id().empty()) {
        const v1::Survey* corrected = nullptr;
        for (const auto& survey : existing) {
          if (survey.survey_id() == given.corrects_survey_id()) corrected = &survey;
        }
        if (corrected == nullptr) {
          return InvalidArgument({{"survey.corrects_survey_id",
                                   "no survey " + given.corrects_survey_id() + " for household " +
                                       household.household_id()}});
        }
        if (corrected->review_year() != given.review_year()) {
          return InvalidArgument({{"survey.corrects_survey_id",
                                   "corrects a survey of " + std::to_string(corrected->review_year()) +
                                       ", not of " + std::to_string(given.review_year())}});
        }
      }
      v1::Survey stored = SnapshotSurvey(given, household, static_cast<int>(existing.size()) + 1);
      change.extra().Add({"RPUSH", keys_.Surveys(household.household_id()), stored.SerializeAsString()});
      auto event = std::make_unique<v1::SurveyRecorded>();
      *event->mutable_survey() = stored;
      event->set_household_version(household.version());
      change.Emit("registry.survey_recorded.v1", std::move(event));
      *response->mutable_survey() = std::move(stored);
      response->set_household_version(household.version());
      return grpc::Status::OK;
    }, &after);
    return status;
  });
}

}  // namespace ansinh::registry
