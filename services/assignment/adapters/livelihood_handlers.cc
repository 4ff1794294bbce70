// Livelihood models: every role reads them; ward officers and the staff of
// the organization that runs one change it; households join and leave them
// through their cases (staff: cases of their organization).
#include "assignment/adapters/assignment_service.h"
#include "assignment/adapters/bulk_case_operations.h"
#include "assignment/adapters/case_store.h"
#include "assignment/adapters/livelihood_store.h"
#include "assignment/adapters/ward_record_mutation.h"
#include "assignment/core/case_operation_outcomes.h"
#include "assignment/core/livelihood_models.h"
#include "assignment/core/model_participation.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {

grpc::ServerUnaryReactor* AssignmentService::UpsertLivelihoodModel(
    grpc::CallbackServerContext* context, const v1::UpsertLivelihoodModelRequest* request,
    v1::UpsertLivelihoodModelResponse* response) {
  return executor_.Handle(context, "Assignment.UpsertLivelihoodModel", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kCaseWorkers, "change livelihood models");
        !denied.ok()) {
      return denied;
    }
    return StoreLivelihoodModelUpsert(call.redis, environment_,
                                      events::EventContext{call.actor, call.correlation_id, ""}, *request,
                                      response);
  });
}

grpc::ServerUnaryReactor* AssignmentService::ListLivelihoodModels(
    grpc::CallbackServerContext* context, const v1::ListLivelihoodModelsRequest* request,
    v1::ListLivelihoodModelsResponse* response) {
  return executor_.Handle(context, "Assignment.ListLivelihoodModels", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read livelihood models");
        !denied.ok()) {
      return denied;
    }
    environment_.seeder.EnsureSeeded();
    if (!request->organization_id().empty()) {
      const DirectorySnapshot snapshot = ReadDirectorySnapshot(call.redis, environment_.keys);
      if (snapshot.directory.FindOrganization(request->organization_id()) == nullptr) {
        return server::ToStatus(Error::InvalidArgument(
            {{"organization_id", "names no organization (\"" + request->organization_id() + "\")"}}));
      }
    }
    const CivilDate today = environment_.clock.Today();
    std::vector<v1::LivelihoodModel> models = ReadLivelihoodModels(call.redis);
    std::erase_if(models, [&](const v1::LivelihoodModel& model) {
      return (!request->organization_id().empty() && model.organization_id() != request->organization_id()) ||
             (!request->include_ended() && ModelHasEnded(model, today));
    });
    std::vector<std::string> sets;
    for (const v1::LivelihoodModel& model : models) {
      sets.push_back(AssignmentKeys::ModelJoinedIndex(model.model_id()));
      sets.push_back(AssignmentKeys::ModelTakingPartIndex(model.model_id()));
    }
    const std::vector<int> counts = CountHouseholds(call.redis, environment_.keys, sets);
    for (std::size_t i = 0; i < models.size(); ++i) {
      v1::LivelihoodModelSummary* summary = response->add_models();
      *summary->mutable_model() = std::move(models[i]);
      summary->set_households_joined(counts[2 * i]);
      summary->set_households_taking_part(counts[2 * i + 1]);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::JoinLivelihoodModel(
    grpc::CallbackServerContext* context, const v1::JoinLivelihoodModelRequest* request,
    v1::JoinLivelihoodModelResponse* response) {
  return executor_.Handle(context, "Assignment.JoinLivelihoodModel", response, [=, this](const auto& call) {
    // The role first, so that an auditor or a service learns nothing from
    // validation; whose cases they are is decided household by household.
    if (auto denied = server::RequireRole(call.actor, server::kCaseWorkers, "change cases"); !denied.ok()) {
      return denied;
    }
    environment_.seeder.EnsureSeeded();
    // Read once, not WATCHed: each household's operation is ordered before
    // any later change of the model (as a case operation is before a change
    // of the directory entries it read, docs/assignment.md).
    const std::optional<v1::LivelihoodModel> model =
        request->model_id().empty() ? std::nullopt : ReadLivelihoodModel(call.redis, request->model_id());
    const FieldViolations violations =
        CheckJoinRequest(*request, model ? &*model : nullptr, environment_.clock.Today());
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    const std::vector<std::string> households(request->household_ids().begin(),
                                              request->household_ids().end());
    for (v1::CaseOperationOutcome& outcome : ApplyToHouseholds(
             call.redis, environment_, households, events::EventContext{call.actor, call.correlation_id, ""},
             [request, &model](const v1::Case&current, const OperationContext&operation) {
               return assignment::JoinLivelihoodModel(current, *request, *model, operation);
             })) {
      *response->add_outcomes() = std::move(outcome);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::LeaveLivelihoodModel(
    grpc::CallbackServerContext* context, const v1::LeaveLivelihoodModelRequest* request,
    v1::LeaveLivelihoodModelResponse* response) {
  return executor_.Handle(context, "Assignment.LeaveLivelihoodModel", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kCaseWorkers, "change cases"); !denied.ok()) {
      return denied;
    }
    const FieldViolations violations = CheckLeaveRequest(*request, environment_.clock.Today());
    if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
    CaseStore store(call.redis, environment_.keys);
    const std::optional<std::string> case_id = store.LatestCaseId(request->household_id());
    if (!case_id) return server::ToStatus(NoCaseFor(request->household_id()));
    CaseChange change;
    const grpc::Status status = MutateCase(
        call.redis, environment_, *case_id, events::EventContext{call.actor, call.correlation_id, ""},
        [request](const v1::Case& current, const OperationContext& operation) {
          return assignment::LeaveLivelihoodModel(current, *request, operation);
        },
        &change);
    if (!status.ok()) return status;
    response->set_case_id(*case_id);
    for (const v1::ModelParticipation& participation : change.updated_case.participations()) {
      if (participation.model_id() == request->model_id()) *response->mutable_participation() = participation;
    }
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::assignment
