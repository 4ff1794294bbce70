// The staff operations on one case: helper, transfer, needs, support, visits.
#include "assignment/adapters/assignment_service.h"
#include "assignment/adapters/case_request_checks.h"
#include "assignment/core/helper_assignment.h"
#include "assignment/core/needs.h"
#include "assignment/core/support_records.h"
#include "assignment/core/transfers.h"
#include "assignment/core/visits.h"
#include "server/authorization.h"

namespace ansinh::assignment {

grpc::ServerUnaryReactor* AssignmentService::HandleCaseOperation(
    grpc::CallbackServerContext* context, const char* method, google::protobuf::Message* response,
    const std::string& case_id, CaseTransform transform, std::function<void(CaseChange&)> respond) {
  return executor_.Handle(context, method, response, [=, this](const server::CallScope& call) {
    // The role first, so that an auditor or a service learns nothing from
    // validation; whose case it is the core decides once the case is read.
    if (auto denied = server::RequireRole(call.actor, server::kCaseWorkers, "change cases"); !denied.ok()) {
      return denied;
    }
    if (grpc::Status invalid = CheckCaseIdField(case_id); !invalid.ok()) return invalid;
    CaseChange change;
    const events::EventContext event_context{call.actor, call.correlation_id, ""};
    grpc::Status status = MutateCase(call.redis, environment_, case_id, event_context, transform, &change);
    if (status.ok()) respond(change);
    return status;
  });
}

grpc::ServerUnaryReactor* AssignmentService::AssignHelper(grpc::CallbackServerContext* context,
                                                          const v1::AssignHelperRequest* request,
                                                          v1::Case* response) {
  return HandleCaseOperation(
      context, "Assignment.AssignHelper", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::AssignHelper(current, *request, operation);
      },
      [response](CaseChange& change) { *response = std::move(change.updated_case); });
}

grpc::ServerUnaryReactor* AssignmentService::RequestTransfer(grpc::CallbackServerContext* context,
                                                             const v1::RequestTransferRequest* request,
                                                             v1::Case* response) {
  return HandleCaseOperation(
      context, "Assignment.RequestTransfer", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::RequestTransfer(current, *request, operation);
      },
      [response](CaseChange& change) { *response = std::move(change.updated_case); });
}

grpc::ServerUnaryReactor* AssignmentService::AcceptTransfer(grpc::CallbackServerContext* context,
                                                            const v1::AcceptTransferRequest* request,
                                                            v1::Case* response) {
  return HandleCaseOperation(
      context, "Assignment.AcceptTransfer", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::AcceptTransfer(current, *request, operation);
      },
      [response](CaseChange& change) { *response = std::move(change.updated_case); });
}

grpc::ServerUnaryReactor* AssignmentService::DeclineTransfer(grpc::CallbackServerContext* context,
                                                             const v1::DeclineTransferRequest* request,
                                                             v1::Case* response) {
  return HandleCaseOperation(
      context, "Assignment.DeclineTransfer", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::DeclineTransfer(current, *request, operation);
      },
      [response](CaseChange& change) { *response = std::move(change.updated_case); });
}

grpc::ServerUnaryReactor* AssignmentService::RecordNeed(grpc::CallbackServerContext* context,
                                                        const v1::RecordNeedRequest* request,
                                                        v1::RecordNeedResponse* response) {
  return HandleCaseOperation(
      context, "Assignment.RecordNeed", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::RecordNeed(current, *request, operation);
      },
      [response](CaseChange& change) {
        const v1::Case& updated = change.updated_case;
        if (!updated.needs().empty()) *response->mutable_need() = updated.needs(updated.needs_size() - 1);
        *response->mutable_updated_case() = std::move(change.updated_case);
      });
}

grpc::ServerUnaryReactor* AssignmentService::UpdateNeedStatus(grpc::CallbackServerContext* context,
                                                              const v1::UpdateNeedStatusRequest* request,
                                                              v1::Case* response) {
  return HandleCaseOperation(
      context, "Assignment.UpdateNeedStatus", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::UpdateNeedStatus(current, *request, operation);
      },
      [response](CaseChange& change) { *response = std::move(change.updated_case); });
}

grpc::ServerUnaryReactor* AssignmentService::RecordSupport(grpc::CallbackServerContext* context,
                                                           const v1::RecordSupportRequest* request,
                                                           v1::RecordSupportResponse* response) {
  return HandleCaseOperation(
      context, "Assignment.RecordSupport", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::RecordSupport(current, *request, operation);
      },
      [response](CaseChange& change) {
        const v1::Case& updated = change.updated_case;
        if (!updated.support_records().empty()) {
          *response->mutable_support() = updated.support_records(updated.support_records_size() - 1);
        }
        *response->mutable_updated_case() = std::move(change.updated_case);
      });
}

grpc::ServerUnaryReactor* AssignmentService::RecordVisit(grpc::CallbackServerContext* context,
                                                         const v1::RecordVisitRequest* request,
                                                         v1::RecordVisitResponse* response) {
  return HandleCaseOperation(
      context, "Assignment.RecordVisit", response, request->case_id(),
      [request](const v1::Case& current, const OperationContext& operation) {
        return assignment::RecordVisit(current, *request, operation);
      },
      [response](CaseChange& change) {
        const v1::Case& updated = change.updated_case;
        if (!updated.visits().empty()) *response->mutable_visit() = updated.visits(updated.visits_size() - 1);
        *response->mutable_updated_case() = std::move(change.updated_case);
      });
}

}  // namespace ansinh::assignment
