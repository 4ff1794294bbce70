// Recording a review survey (phiếu rà soát): the survey as entered checked,
// then the household and its surveys read, registry/core/survey_recording.h
// decides (snapshot, corrections, event), commit.
#include "ansinh/v1/registry.pb.h"
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/violations.h"
#include "registry/core/survey_recording.h"
#include "registry/core/survey_validation.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {

grpc::ServerUnaryReactor* RegistryService::RecordSurvey(grpc::CallbackServerContext* context,
                                                        const v1::RecordSurveyRequest* request,
                                                        v1::RecordSurveyResponse* response) {
  return executor_.Handle(context, "Registry.RecordSurvey", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "record surveys");
        !denied.ok()) {
      return denied;
    }
    const v1::Survey given = SurveyAsEntered(request->survey());
    FieldViolations violations =
        PrefixFieldPaths("survey", ValidateSurvey(given, ward_.clock.Today(), *ward_.survey_rules));
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    RequireNonEmpty(given.household_id(), "survey.household_id", violations);
    if (!given.household_id().empty() && !store.Load(given.household_id())) {
      violations.push_back({"survey.household_id", "no household " + given.household_id()});
    }
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));

    // A version given must be the current one; without one (0) the survey
    // is recorded on whatever is current, since it changes no household data.
    HouseholdChange change;
    grpc::Status status = MutateHousehold(
        call, store, {given.household_id(), request->expected_version(), false},
        [&](const v1::Household& current) {
          return registry::RecordSurvey(current, store.LoadSurveys(current.household_id()), given,
                                        *ward_.survey_rules);
        },
        &change);
    if (!status.ok()) return status;
    *response->mutable_survey() = std::move(*change.recorded_survey);
    response->set_household_version(change.after.version());
    return status;
  });
}

}  // namespace ansinh::registry
