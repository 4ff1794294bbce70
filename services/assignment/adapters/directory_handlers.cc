// The ward's organizations and helpers: every role reads them (staff need
// them to pick a helper or a transfer target); the core decides who changes
// them.
#include "assignment/adapters/assignment_service.h"
#include "assignment/adapters/directory_mutation.h"
#include "assignment/adapters/directory_store.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::assignment {

grpc::ServerUnaryReactor* AssignmentService::ListOrganizations(grpc::CallbackServerContext* context,
                                                               const v1::ListOrganizationsRequest* request,
                                                               v1::ListOrganizationsResponse* response) {
  return executor_.Handle(context, "Assignment.ListOrganizations", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read organizations"); !denied.ok()) {
      return denied;
    }
    environment_.seeder.EnsureSeeded();
    const DirectorySnapshot snapshot = ReadDirectorySnapshot(call.redis, environment_.keys);
    for (const v1::Organization& organization : snapshot.directory.organizations()) {
      if (organization.active() || request->include_inactive()) *response->add_organizations() = organization;
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::ListHelpers(grpc::CallbackServerContext* context,
                                                         const v1::ListHelpersRequest* request,
                                                         v1::ListHelpersResponse* response) {
  return executor_.Handle(context, "Assignment.ListHelpers", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "read helpers"); !denied.ok()) {
      return denied;
    }
    environment_.seeder.EnsureSeeded();
    const DirectorySnapshot snapshot = ReadDirectorySnapshot(call.redis, environment_.keys);
    const std::string& organization_id = request->organization_id();
    if (!organization_id.empty() && snapshot.directory.FindOrganization(organization_id) == nullptr) {
      return server::ToStatus(Error::InvalidArgument(
          {{"organization_id", "names no organization (\"" + organization_id + "\")"}}));
    }
    for (const v1::Helper& helper : snapshot.directory.helpers()) {
      if (!organization_id.empty() && helper.organization_id() != organization_id) continue;
      if (helper.active() || request->include_inactive()) *response->add_helpers() = helper;
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AssignmentService::UpsertOrganization(grpc::CallbackServerContext* context,
                                                                const v1::UpsertOrganizationRequest* request,
                                                                v1::UpsertOrganizationResponse* response) {
  return executor_.Handle(context, "Assignment.UpsertOrganization", response, [=, this](const auto& call) {
    return StoreOrganizationUpsert(call.redis, environment_,
                                   events::EventContext{call.actor, call.correlation_id, ""}, *request,
                                   response);
  });
}

grpc::ServerUnaryReactor* AssignmentService::UpsertHelper(grpc::CallbackServerContext* context,
                                                          const v1::UpsertHelperRequest* request,
                                                          v1::UpsertHelperResponse* response) {
  return executor_.Handle(context, "Assignment.UpsertHelper", response, [=, this](const auto& call) {
    return StoreHelperUpsert(call.redis, environment_,
                             events::EventContext{call.actor, call.correlation_id, ""}, *request, response);
  });
}

}  // namespace ansinh::assignment
