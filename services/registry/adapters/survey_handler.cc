// Recording a review survey (phiếu rà soát) with its member snapshot.
#include "ansinh/v1/registry.pb.h"
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/household_registration.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/violations.h"
#include "registry/core/review_year_facts.h"
#include "registry/core/survey_validation.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

// The survey as the surveyor entered it: what the registry fills in from
// the household is ignored, as the API says.
v1::Survey AsEntered(v1::Survey survey) {
  survey.clear_survey_id();
  survey.clear_members();
  survey.clear_area_type();
  survey.clear_residential_group();
  return survey;
}

// A fact missing from the member snapshot is a fact missing from the
// household the request names: reported on survey.household_id, saying which
// member and field to complete.
FieldViolations SnapshotViolations(const v1::Survey& snapshot) {
  FieldViolations out;
  for (const FieldViolation& violation : ValidateSurveySnapshot(snapshot)) {
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

}  // namespace

grpc::ServerUnaryReactor* RegistryService::RecordSurvey(grpc::CallbackServerContext* context,
                                                        const v1::RecordSurveyRequest* request,
                                                        v1::RecordSurveyResponse* response) {
  return executor_.Handle(context, "Registry.RecordSurvey", [=, this](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "record surveys");
        !denied.ok()) {
      return denied;
    }
    const v1::Survey given = AsEntered(request->survey());
    FieldViolations violations = PrefixFieldPaths("survey", ValidateSurvey(given, ward_.clock.Today()));
    HouseholdStore store(call.redis, keys_);
    RequireNonEmpty(given.household_id(), "survey.household_id", violations);
    if (!given.household_id().empty() && !store.Load(given.household_id())) {
      violations.push_back({"survey.household_id", "no household " + given.household_id()});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    MutationRequest mutation{given.household_id(), request->expected_version(), false, false};
    v1::Household after;
    return MutateHousehold(
        call, store, mutation,
        [&](MutationContext& change) -> grpc::Status {
          const v1::Household& household = change.household();
          if (household.status() != v1::HOUSEHOLD_STATUS_ACTIVE) {
            return server::KeyedStatus(
                grpc::StatusCode::FAILED_PRECONDITION,
                "household " + household.household_id() + " is no longer active; surveys are closed",
                "error.household.not_active_surveys", {{"household", household.household_id()}});
          }
          const std::vector<v1::Survey> existing = store.LoadSurveys(household.household_id());
          if (!given.corrects_survey_id().empty()) {
            const v1::Survey* corrected = nullptr;
            for (const auto& survey : existing) {
              if (survey.survey_id() == given.corrects_survey_id()) corrected = &survey;
            }
            if (corrected == nullptr) {
              return server::ToStatus(Error::InvalidArgument(
                  {{"survey.corrects_survey_id", "no survey " + given.corrects_survey_id() +
                                                     " for household " + household.household_id()}}));
            }
            if (corrected->review_year() != given.review_year()) {
              return server::ToStatus(Error::InvalidArgument(
                  {{"survey.corrects_survey_id", "corrects a survey of " +
                                                     std::to_string(corrected->review_year()) + ", not of " +
                                                     std::to_string(given.review_year())}}));
            }
          }
          v1::Survey stored = SnapshotSurvey(given, household, static_cast<int>(existing.size()) + 1);
          if (FieldViolations missing = SnapshotViolations(stored); !missing.empty()) {
            return server::ToStatus(Error::InvalidArgument(missing));
          }
          change.extra().Add({"RPUSH", keys_.Surveys(household.household_id()), stored.SerializeAsString()});
          auto event = std::make_unique<v1::SurveyRecorded>();
          *event->mutable_survey() = stored;
          event->set_household_version(household.version());
          change.Emit("registry.survey_recorded.v1", std::move(event));
          *response->mutable_survey() = std::move(stored);
          response->set_household_version(household.version());
          return grpc::Status::OK;
        },
        &after);
  });
}

}  // namespace ansinh::registry
