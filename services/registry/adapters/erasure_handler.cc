// Registry.EraseHousehold (docs/data-protection.md, "Erasure"): the request
// checked, the household decided on by registry/core/household_erasure.h,
// committed with the destruction of its data key; Registry.RunRetention, the
// retention job on request (retention_job.h).
#include "registry/adapters/household_mutation.h"
#include "registry/adapters/registry_service.h"
#include "registry/adapters/retention_job.h"
#include "registry/adapters/violations.h"
#include "registry/core/household_erasure.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

// A reference is a document number, not a story: short, and it outlives the
// erasure in the record, so it must not carry what was erased.
constexpr size_t kMaxReferenceBytes = 200;

FieldViolations CheckEraseRequest(const v1::EraseHouseholdRequest& request) {
  FieldViolations violations;
  RequireNonEmpty(request.household_id(), "household_id", violations);
  if (request.expected_version() == 0)
    violations.push_back({"expected_version", "must be the version you read"});
  if (request.reason() != v1::ERASURE_REASON_SUBJECT_REQUEST &&
      request.reason() != v1::ERASURE_REASON_RETENTION_ENDED) {
    violations.push_back({"reason", "must be SUBJECT_REQUEST or RETENTION_ENDED"});
  }
  RequireNonEmpty(request.reference(), "reference", violations);
  if (request.reference().size() > kMaxReferenceBytes) {
    violations.push_back({"reference", "must be at most " + std::to_string(kMaxReferenceBytes) + " bytes"});
  }
  return violations;
}

}  // namespace

grpc::ServerUnaryReactor* RegistryService::EraseHousehold(grpc::CallbackServerContext* context,
                                                          const v1::EraseHouseholdRequest* request,
                                                          v1::EraseHouseholdResponse* response) {
  return executor_.Handle(context, "Registry.EraseHousehold", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "erase personal data");
        !denied.ok()) {
      return denied;
    }
    if (FieldViolations violations = CheckEraseRequest(*request); !violations.empty()) {
      return server::ToStatus(Error::InvalidArgument(violations));
    }
    const ErasureOrder order{request->reason(), request->reference(), call.actor.name(),
                             FormatIsoDate(ward_.clock.Today())};
    HouseholdStore store(call.redis, keys_, ward_.claim_lifetime_seconds, ward_.key_ring.get());
    HouseholdChange change;
    const std::string& member_id = request->member_id();
    grpc::Status status = MutateHousehold(
        call, store, {request->household_id(), request->expected_version(), true},
        [&](const v1::Household& current) {
          // The surveys as stored (the household's WATCH covers them).
          return member_id.empty()
                     ? registry::EraseHousehold(current, order)
                     : registry::EraseFormerMember(current, member_id,
                                                   store.LoadSurveys(current.household_id()), order);
        },
        &change);
    if (status.ok()) *response->mutable_household() = std::move(change.after);
    return status;
  });
}

grpc::ServerUnaryReactor* RegistryService::RunRetention(grpc::CallbackServerContext* context,
                                                        const v1::RunRetentionRequest* request,
                                                        v1::RunRetentionResponse* response) {
  return executor_.Handle(context, "Registry.RunRetention", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, kRegistryWriters, "erase personal data");
        !denied.ok()) {
      return denied;
    }
    *response->mutable_report() =
        registry::RunRetention(call.redis, keys_, ward_, call.actor, request->dry_run());
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::registry
