#include "assignment/core/directory_operations.h"

#include <google/protobuf/util/message_differencer.h>

#include "assignment/core/directory_validation.h"
#include "assignment/core/permissions.h"
#include "assignment/core/request_checks.h"

namespace ansinh::assignment {
namespace {

// Equal apart from the server-managed version.
template <typename Message>
bool SameContent(Message a, Message b) {
  a.clear_version();
  b.clear_version();
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

template <typename Payload>
PublishedEvent DirectoryEvent(std::string_view aggregate_type, const std::string& id, std::uint64_t version,
                              Payload payload) {
  PublishedEvent event;
  event.event_type = std::string(EventTypeOf(payload));
  event.aggregate_type = std::string(aggregate_type);
  event.aggregate_id = id;
  event.aggregate_version = version;
  event.payload = std::move(payload);
  return event;
}

}  // namespace

Result<OrganizationChange> UpsertOrganization(const v1::UpsertOrganizationRequest& request,
                                              const OperationContext& context) {
  if (auto refusal = CheckUpsertOrganizationPermission(context.actor)) return *refusal;
  FieldViolations violations;
  if (!request.has_organization()) {
    violations.push_back({"organization", "is required"});
  } else {
    violations = ValidateOrganization(request.organization(), "organization.");
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  const v1::Organization* existing = context.directory.FindOrganization(request.organization().id());
  OrganizationChange change;
  change.created = existing == nullptr;
  if (existing != nullptr && SameContent(*existing, request.organization())) {
    change.organization = *existing;
    return change;
  }
  change.organization = request.organization();
  change.organization.set_version(existing == nullptr ? 1 : existing->version() + 1);

  v1::OrganizationUpserted payload;
  *payload.mutable_organization() = change.organization;
  payload.set_created(change.created);
  payload.set_reason(request.reason());
  change.events.push_back(DirectoryEvent(kOrganizationAggregate, change.organization.id(),
                                         change.organization.version(), std::move(payload)));
  return change;
}

Result<HelperChange> UpsertHelper(const v1::UpsertHelperRequest& request, const OperationContext& context) {
  // Without a helper there is no organization to check the permission against.
  if (!request.has_helper()) {
    FieldViolations violations{{"helper", "is required"}};
    CheckReason(request.reason(), &violations);
    return Error::InvalidArgument(std::move(violations));
  }
  const v1::Helper* existing = context.directory.FindHelper(request.helper().id());
  if (auto refusal = CheckUpsertHelperPermission(context.actor, request.helper(), existing)) return *refusal;
  FieldViolations violations = ValidateHelper(request.helper(), "helper.");
  if (IsValidId(request.helper().organization_id()) &&
      context.directory.FindOrganization(request.helper().organization_id()) == nullptr) {
    violations.push_back(
        {"helper.organization_id", "names no organization (\"" + request.helper().organization_id() + "\")"});
  }
  CheckReason(request.reason(), &violations);
  if (!violations.empty()) return Error::InvalidArgument(std::move(violations));

  HelperChange change;
  change.created = existing == nullptr;
  if (existing != nullptr && SameContent(*existing, request.helper())) {
    change.helper = *existing;
    return change;
  }
  if (existing != nullptr && existing->organization_id() != request.helper().organization_id()) {
    const int load = context.loads.HelperLoad(existing->id());
    if (load > 0) {
      return Error::FailedPrecondition(
          "helper " + DescribeHelper(context.directory, existing->id()) + " carries " + std::to_string(load) +
          " open cases of " + existing->organization_id() + "; reassign them before moving the helper to " +
          request.helper().organization_id());
    }
  }
  change.helper = request.helper();
  change.helper.set_version(existing == nullptr ? 1 : existing->version() + 1);

  v1::HelperUpserted payload;
  *payload.mutable_helper() = change.helper;
  payload.set_created(change.created);
  payload.set_reason(request.reason());
  change.events.push_back(
      DirectoryEvent(kHelperAggregate, change.helper.id(), change.helper.version(), std::move(payload)));
  return change;
}

}  // namespace ansinh::assignment
