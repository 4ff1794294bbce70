#include "registry/adapters/token_admin_service.h"

#include <google/protobuf/util/time_util.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "auth/issued_tokens.h"
#include "auth/roles.h"
#include "auth/sha256.h"
#include "auth/token_secret.h"
#include "events/admin_actions.h"
#include "registry/adapters/consumer_grants_service.h"
#include "registry/adapters/organization_directory.h"
#include "registry/core/consumer_grant_rules.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxOrganizationLength = 64;

google::protobuf::Timestamp Time(int64_t seconds) {
  return google::protobuf::util::TimeUtil::SecondsToTimestamp(seconds);
}

bool IsOrganizationId(const std::string& text) {
  return !text.empty() && text.size() <= kMaxOrganizationLength &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool IsBlank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

v1::TokenInfo InfoOf(const auth::TokenRecord& record, v1::TokenSource source,
                     const std::optional<auth::Revocation>& revocation, int64_t now) {
  v1::TokenInfo info;
  info.set_token_id(record.token_id);
  info.set_role(record.principal.role());
  info.set_name(record.principal.name());
  info.set_organization_id(record.principal.organization_id());
  info.set_source(source);
  if (record.issued_at != 0) *info.mutable_issued_at() = Time(record.issued_at);
  info.set_issued_by(record.issued_by);
  if (record.expires_at != 0) *info.mutable_expires_at() = Time(record.expires_at);
  info.set_expired(auth::IsExpired(record.expires_at, now));
  info.set_revoked(record.revoked || revocation.has_value());
  if (revocation) {
    *info.mutable_revoked_at() = Time(revocation->revoked_at);
    info.set_revoked_by(revocation->revoked_by);
  }
  return info;
}

// "ward_officer 'Trần Văn Bình'": who did it, for the log.
std::string Who(const v1::Actor& actor) {
  return std::string(auth::RoleName(actor.role())) + " '" + actor.name() + "'";
}

std::string TimeText(int64_t seconds) { return google::protobuf::util::TimeUtil::ToString(Time(seconds)); }

// The audit entry of an action on `record`'s token: who holds it, never its
// secret or hash.
events::AdminAction TokenAction(std::string action, const auth::TokenRecord& record) {
  events::AdminAction entry(std::move(action), "token", record.token_id);
  entry.With("role", std::string(auth::RoleName(record.principal.role())))
      .With("name", record.principal.name());
  if (!record.principal.organization_id().empty()) {
    entry.With("organization_id", record.principal.organization_id());
  }
  return entry;
}

}  // namespace

TokenAdminService::TokenAdminService(server::RequestExecutor& executor, int partitions)
    : executor_(executor), partitions_(partitions) {}

TokenAdminService::~TokenAdminService() = default;

FieldViolations IssueTokenViolations(const v1::IssueTokenRequest& request) {
  FieldViolations violations;
  const bool known_role = request.role() != v1::ROLE_UNSPECIFIED && v1::Role_IsValid(request.role());
  if (!known_role) {
    violations.push_back(
        {"role", "must be one of ward_officer, organization_staff, auditor, service, outside_consumer"});
  }
  if (IsBlank(request.name())) {
    violations.push_back({"name", "is required: who will hold the token"});
  } else if (request.name().size() > kMaxNameLength) {
    violations.push_back({"name", "must be at most " + std::to_string(kMaxNameLength) + " bytes"});
  } else if (known_role && request.role() == v1::ROLE_OUTSIDE_CONSUMER && !IsConsumerId(request.name())) {
    // The name is how Events finds the consumer's grant.
    violations.push_back({"name",
                          "an outside consumer's token is named by its consumer id: lowercase letters, "
                          "digits and '-' (e.g. policy-bank)"});
  }
  if (known_role && request.role() == v1::ROLE_ORGANIZATION_STAFF) {
    if (request.organization_id().empty()) {
      violations.push_back({"organization_id", "is required for organization staff"});
    } else if (!IsOrganizationId(request.organization_id())) {
      violations.push_back(
          {"organization_id", "must be lowercase letters, digits and '-' (e.g. womens-union)"});
    }
  } else if (!request.organization_id().empty()) {
    violations.push_back({"organization_id", "only organization staff belong to an organization"});
  }
  if (request.ttl_days() != 0 &&
      (request.ttl_days() < 1 || request.ttl_days() > TokenAdminService::kMaxTtlDays)) {
    violations.push_back({"ttl_days", "must be between 1 and " +
                                          std::to_string(TokenAdminService::kMaxTtlDays) + " (0 means " +
                                          std::to_string(TokenAdminService::kDefaultTtlDays) + ")"});
  }
  return violations;
}

grpc::ServerUnaryReactor* TokenAdminService::IssueToken(grpc::CallbackServerContext* context,
                                                        const v1::IssueTokenRequest* request,
                                                        v1::IssueTokenResponse* response) {
  return executor_.Handle(
      context, "TokenAdmin.IssueToken", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "issue tokens");
            !denied.ok()) {
          return denied;
        }
        if (auto violations = IssueTokenViolations(*request); !violations.empty()) {
          return server::ToStatus(Error::InvalidArgument(violations));
        }
        if (request->role() == v1::ROLE_ORGANIZATION_STAFF) {
          if (std::optional<grpc::Status> unknown =
                  UnknownOrganization(call.redis, request->organization_id())) {
            return *unknown;
          }
        }
        if (request->role() == v1::ROLE_OUTSIDE_CONSUMER) {
          if (std::optional<grpc::Status> unknown = UnknownConsumer(call.redis, request->name(), "name")) {
            return *unknown;
          }
        }
        const int ttl_days = request->ttl_days() == 0 ? kDefaultTtlDays : request->ttl_days();
        const std::string secret = auth::NewTokenSecret();
        auth::TokenRecord record;
        record.token_id = auth::NewTokenId();
        record.token_sha256 = auth::Sha256Hex(secret);
        record.principal.set_role(request->role());
        record.principal.set_name(request->name());
        record.principal.set_organization_id(request->organization_id());
        record.issued_at = auth::NowSeconds();
        record.issued_by = call.actor.name();
        record.expires_at = record.issued_at + ttl_days * kSecondsPerDay;
        // The audit entry first: no token works without its entry.
        events::RecordAdminAction(
            call.redis,
            events::AdminActionEnvelope(call.actor, call.correlation_id,
                                        TokenAction("token.issued", record)
                                            .With("ttl_days", std::to_string(ttl_days))
                                            .With("expires_at", TimeText(record.expires_at))),
            partitions_);
        auth::SaveIssuedToken(call.redis, record);
        spdlog::info("token issued: token_id={} role={} name='{}' organization='{}' ttl_days={} by {}",
                     record.token_id, auth::RoleName(record.principal.role()), record.principal.name(),
                     record.principal.organization_id(), ttl_days, Who(call.actor));
        response->set_secret(secret);
        response->set_token_id(record.token_id);
        *response->mutable_expires_at() = Time(record.expires_at);
        *response->mutable_token() = InfoOf(record, v1::TOKEN_SOURCE_ISSUED, std::nullopt, record.issued_at);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* TokenAdminService::RevokeToken(grpc::CallbackServerContext* context,
                                                         const v1::RevokeTokenRequest* request,
                                                         v1::RevokeTokenResponse* response) {
  return executor_.Handle(context, "TokenAdmin.RevokeToken", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "revoke tokens");
        !denied.ok()) {
      return denied;
    }
    if (request->token_id().empty())
      return server::ToStatus(Error::InvalidArgument({{"token_id", "is required"}}));
    v1::TokenSource source = v1::TOKEN_SOURCE_FILE;
    std::optional<auth::TokenRecord> record =
        executor_.authenticator().file_tokens().FindById(request->token_id());
    if (!record) {
      source = v1::TOKEN_SOURCE_ISSUED;
      record = auth::FindIssuedTokenById(call.redis, request->token_id());
    }
    if (!record) {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "no token with id '" + request->token_id() + "'");
    }
    const int64_t now = auth::NowSeconds();
    const auth::Revocation revocation{now, call.actor.name()};
    // The audit entry first, unless the token was revoked before: a repeated
    // revocation changes nothing.
    if (!record->revoked && !auth::IsRevoked(call.redis, record->token_id)) {
      events::RecordAdminAction(call.redis,
                                events::AdminActionEnvelope(
                                    call.actor, call.correlation_id,
                                    TokenAction("token.revoked", *record)
                                        .With("source", source == v1::TOKEN_SOURCE_FILE ? "file" : "issued")),
                                partitions_);
    }
    const bool newly = auth::RecordRevocation(call.redis, record->token_id, revocation);
    executor_.authenticator().Forget(record->token_id);
    if (newly) {
      spdlog::info("token revoked: token_id={} role={} name='{}' organization='{}' by {}", record->token_id,
                   auth::RoleName(record->principal.role()), record->principal.name(),
                   record->principal.organization_id(), Who(call.actor));
    }
    std::optional<auth::Revocation> stored = revocation;
    if (!newly) stored = auth::AllRevocations(call.redis)[record->token_id];
    *response->mutable_token() = InfoOf(*record, source, stored, now);
    response->set_already_revoked(!newly || record->revoked);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* TokenAdminService::ListTokens(grpc::CallbackServerContext* context,
                                                        const v1::ListTokensRequest* /*request*/,
                                                        v1::ListTokensResponse* response) {
  return executor_.Handle(context, "TokenAdmin.ListTokens", response, [=, this](const auto& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "list tokens"); !denied.ok()) {
      return denied;
    }
    const int64_t now = auth::NowSeconds();
    const std::map<std::string, auth::Revocation> revocations = auth::AllRevocations(call.redis);
    auto revocation_of = [&](const std::string& token_id) -> std::optional<auth::Revocation> {
      auto found = revocations.find(token_id);
      if (found == revocations.end()) return std::nullopt;
      return found->second;
    };
    std::vector<auth::TokenRecord> file = executor_.authenticator().file_tokens().Records();
    std::vector<auth::TokenRecord> issued = auth::AllIssuedTokens(call.redis);
    auto by_issue_time = [](const auth::TokenRecord& a, const auth::TokenRecord& b) {
      return std::tie(a.issued_at, a.token_id) < std::tie(b.issued_at, b.token_id);
    };
    std::sort(file.begin(), file.end(), by_issue_time);
    std::sort(issued.begin(), issued.end(), by_issue_time);
    for (const auto& record : file) {
      *response->add_tokens() = InfoOf(record, v1::TOKEN_SOURCE_FILE, revocation_of(record.token_id), now);
    }
    for (const auto& record : issued) {
      *response->add_tokens() = InfoOf(record, v1::TOKEN_SOURCE_ISSUED, revocation_of(record.token_id), now);
    }
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::registry
