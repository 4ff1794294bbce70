#include "registry/adapters/consumer_grants_service.h"

#include <google/protobuf/util/time_util.h>
#include <spdlog/spdlog.h>

#include "auth/roles.h"
#include "events/admin_actions.h"
#include "registry/adapters/consumer_grant_store.h"
#include "registry/adapters/consumer_streams.h"
#include "registry/core/consumer_grant_rules.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

std::string Joined(const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// The audit entry of a grant set: everything it gives, one detail per type,
// field and household detail.
events::AdminAction GrantSetAction(const std::optional<v1::ConsumerGrant>& before,
                                   const v1::ConsumerGrant& after) {
  events::AdminAction action("grant.set", "consumer-grant", after.consumer_id());
  action.With("display_name", after.display_name()).With("purpose", after.purpose());
  action.With("replaces",
              !before ? "nothing" : (before->revoked() ? "a revoked grant" : "the grant in force"));
  for (const std::string& type : after.event_types()) action.With("event_type", type);
  for (const std::string& field : after.fields()) action.With("field", field);
  for (const int detail : after.household_details()) {
    action.With("household_detail", HouseholdDetailName(static_cast<v1::HouseholdDetail>(detail)));
  }
  return action;
}

grpc::Status GrantNotFound(const std::string& consumer_id) {
  return server::ToStatus(Error::NotFound("no grant for consumer '" + consumer_id + "'")
                              .WithKey("error.grant.not_found", {{"consumer", consumer_id}}));
}

// "ward_officer 'Trần Văn Bình'": who did it, for the log.
std::string GrantChangedBy(const v1::Actor& actor) {
  return std::string(auth::RoleName(actor.role())) + " '" + actor.name() + "'";
}

}  // namespace

ConsumerGrantsService::ConsumerGrantsService(server::RequestExecutor& executor, int partitions)
    : executor_(executor), partitions_(partitions) {}

ConsumerGrantsService::~ConsumerGrantsService() = default;

std::optional<v1::ConsumerGrant> ActiveGrantOf(redis::Connection& redis, const v1::Actor& actor,
                                               std::string_view action, grpc::Status* refusal) {
  if (grpc::Status denied = server::RequireRole(actor, {v1::ROLE_OUTSIDE_CONSUMER}, action); !denied.ok()) {
    *refusal = std::move(denied);
    return std::nullopt;
  }
  std::optional<v1::ConsumerGrant> grant = ConsumerGrantStore(redis).Find(actor.name());
  if (!grant) {
    *refusal = server::KeyedStatus(
        grpc::StatusCode::PERMISSION_DENIED,
        "consumer '" + actor.name() + "' has no grant: a ward officer grants it with `ansinh grant set`",
        "error.grant.none", {{"consumer", actor.name()}});
    return std::nullopt;
  }
  if (grant->revoked()) {
    *refusal = server::KeyedStatus(grpc::StatusCode::PERMISSION_DENIED,
                                   "the grant of consumer '" + actor.name() + "' was revoked",
                                   "error.grant.revoked", {{"consumer", actor.name()}});
    return std::nullopt;
  }
  return grant;
}

std::optional<grpc::Status> UnknownConsumer(redis::Connection& redis, const std::string& consumer_id,
                                            const std::string& field) {
  if (ConsumerGrantStore(redis).Find(consumer_id)) return std::nullopt;
  return server::ToStatus(
      Error::FailedPrecondition("no grant for consumer '" + consumer_id + "'",
                                {{field,
                                  "names no consumer with a grant (ansinh grant list); grant it first "
                                  "(ansinh grant set), then issue its token",
                                  "violation.token.unknown_consumer",
                                  {{"consumer", consumer_id}}}})
          .WithKey("error.token.unknown_consumer", {{"consumer", consumer_id}}));
}

grpc::ServerUnaryReactor* ConsumerGrantsService::SetGrant(grpc::CallbackServerContext* context,
                                                          const v1::SetGrantRequest* request,
                                                          v1::SetGrantResponse* response) {
  return executor_.Handle(
      context, "ConsumerGrants.SetGrant", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "manage consumer grants");
            !denied.ok()) {
          return denied;
        }
        if (FieldViolations violations = GrantViolations(request->grant(), "grant."); !violations.empty()) {
          return server::ToStatus(Error::InvalidArgument(violations));
        }
        const google::protobuf::Timestamp now = google::protobuf::util::TimeUtil::GetCurrentTime();
        std::optional<ConsumerGrantStore::Changed> changed =
            ConsumerGrantStore(call.redis)
                .Update(
                    request->grant().consumer_id(),
                    [&](const std::optional<v1::ConsumerGrant>&) {
                      return GrantAsSet(request->grant(), call.actor, now);
                    },
                    [&](const std::optional<v1::ConsumerGrant>& before, const v1::ConsumerGrant& after) {
                      return events::AdminActionEnvelope(call.actor, call.correlation_id,
                                                         GrantSetAction(before, after));
                    },
                    partitions_);
        const v1::ConsumerGrant& grant = changed->after;
        // From now on the streams keep the consumer's events for it (the groups
        // live in the streams' slots, so after the grant's own transaction; a
        // crash between them is made good by the consumer's first Subscribe).
        CreateConsumerGroups(call.redis, grant.consumer_id(), ConsumerStreams(grant, partitions_));
        spdlog::info("consumer grant set: consumer={} event_types=[{}] fields=[{}] by {}",
                     grant.consumer_id(), Joined(grant.event_types()), Joined(grant.fields()),
                     GrantChangedBy(call.actor));
        *response->mutable_grant() = grant;
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* ConsumerGrantsService::RevokeGrant(grpc::CallbackServerContext* context,
                                                             const v1::RevokeGrantRequest* request,
                                                             v1::RevokeGrantResponse* response) {
  return executor_.Handle(
      context, "ConsumerGrants.RevokeGrant", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "manage consumer grants");
            !denied.ok()) {
          return denied;
        }
        v1::ConsumerGrant probe;
        probe.set_consumer_id(request->consumer_id());
        FieldViolations violations;
        for (FieldViolation& violation : GrantViolations(probe, "")) {
          if (violation.field == "consumer_id") violations.push_back(std::move(violation));
        }
        if (!violations.empty()) return server::ToStatus(Error::InvalidArgument(violations));
        const google::protobuf::Timestamp now = google::protobuf::util::TimeUtil::GetCurrentTime();
        bool found = false;
        std::optional<v1::ConsumerGrant> already;
        std::optional<ConsumerGrantStore::Changed> changed =
            ConsumerGrantStore(call.redis)
                .Update(
                    request->consumer_id(),
                    [&](const std::optional<v1::ConsumerGrant>& before) -> std::optional<v1::ConsumerGrant> {
                      found = before.has_value();
                      already = before;
                      if (!before || before->revoked()) return std::nullopt;
                      return GrantRevoked(*before, call.actor, now);
                    },
                    [&](const std::optional<v1::ConsumerGrant>&, const v1::ConsumerGrant& after) {
                      events::AdminAction action("grant.revoked", "consumer-grant", after.consumer_id());
                      action.With("display_name", after.display_name());
                      if (!request->reason().empty()) action.Because(request->reason());
                      return events::AdminActionEnvelope(call.actor, call.correlation_id, action);
                    },
                    partitions_);
        if (!found) return GrantNotFound(request->consumer_id());
        if (!changed) {
          *response->mutable_grant() = *already;
          response->set_already_revoked(true);
          return grpc::Status::OK;
        }
        spdlog::info("consumer grant revoked: consumer={} by {}", request->consumer_id(),
                     GrantChangedBy(call.actor));
        *response->mutable_grant() = changed->after;
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* ConsumerGrantsService::ListGrants(grpc::CallbackServerContext* context,
                                                            const v1::ListGrantsRequest* /*request*/,
                                                            v1::ListGrantsResponse* response) {
  return executor_.Handle(context, "ConsumerGrants.ListGrants", response, [=](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER, v1::ROLE_AUDITOR},
                                          "list consumer grants");
        !denied.ok()) {
      return denied;
    }
    for (v1::ConsumerGrant& grant : ConsumerGrantStore(call.redis).All())
      *response->add_grants() = std::move(grant);
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::registry
