// ansinh.v1.Accounts, all but SignIn (account_sign_in.cc): the ward
// officers' administration of accounts, and SignOut.
#include "registry/adapters/account_service.h"

#include <google/protobuf/util/time_util.h>
#include <spdlog/spdlog.h>

#include "auth/issued_tokens.h"
#include "auth/password_hash.h"
#include "auth/roles.h"
#include "auth/sha256.h"
#include "events/admin_actions.h"
#include "registry/adapters/account_store.h"
#include "registry/adapters/organization_directory.h"
#include "registry/core/account_rules.h"
#include "server/authorization.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

// What a session token records as its issuer: the account it was issued to.
constexpr std::string_view kSessionIssuerPrefix = "sign-in: ";

grpc::Status AccountNotFound(const std::string& username) {
  return server::ToStatus(Error::NotFound("no account '" + username + "'")
                              .WithKey("error.account.not_found", {{"username", username}}));
}

// "ward_officer 'Trần Văn Bình'": who did it, for the log.
std::string AccountActor(const v1::Actor& actor) {
  return std::string(auth::RoleName(actor.role())) + " '" + actor.name() + "'";
}

void LogAccount(const char* what, const v1::Account& account, const v1::Actor& by) {
  spdlog::info("account {}: username={} role={} organization='{}' active={} by {}", what, account.username(),
               auth::RoleName(account.role()), account.organization_id(), account.active(), AccountActor(by));
}

// The audit entry of a change to `username`'s account, with the values it
// sets (never a password or its hash), recorded before the change.
void RecordAccountAction(const server::CallScope& call, int partitions, std::string action,
                         const std::string& username, const v1::Account* values) {
  events::AdminAction entry(std::move(action), "account", username);
  if (values != nullptr) {
    entry.With("display_name", values->display_name())
        .With("role", std::string(auth::RoleName(values->role())))
        .With("active", values->active() ? "true" : "false");
    if (!values->organization_id().empty()) entry.With("organization_id", values->organization_id());
  }
  events::RecordAdminAction(call.redis, events::AdminActionEnvelope(call.actor, call.correlation_id, entry),
                            partitions);
}

}  // namespace

AccountsService::AccountsService(server::RequestExecutor& executor, int partitions)
    : executor_(executor), partitions_(partitions) {}

AccountsService::~AccountsService() = default;

std::string SessionIssuer(const std::string& username) {
  return std::string(kSessionIssuerPrefix) + username;
}

AccountsService::HashingSlot::HashingSlot(std::atomic<int>& in_use) : in_use_(in_use) {
  acquired_ = in_use_.fetch_add(1) < kMaxConcurrentHashes;
  if (!acquired_) in_use_.fetch_sub(1);
}

AccountsService::HashingSlot::~HashingSlot() {
  if (acquired_) in_use_.fetch_sub(1);
}

grpc::Status HashingBusyStatus() {
  return server::KeyedStatus(grpc::StatusCode::RESOURCE_EXHAUSTED,
                             "too many passwords are being checked at once; retry in a moment",
                             "error.account.busy");
}

int AccountsService::EndSessions(redis::Connection& redis, const std::string& username,
                                 const std::string& who, const std::string& reason) {
  const int64_t now = auth::NowSeconds();
  int ended = 0;
  for (const std::string& token_id : AccountStore(redis).TakeSessions(username, now)) {
    if (auth::RecordRevocation(redis, token_id, {now, who})) ++ended;
    executor_.authenticator().Forget(token_id);
  }
  if (ended > 0) spdlog::info("account {}: {} session token(s) revoked ({})", username, ended, reason);
  return ended;
}

grpc::ServerUnaryReactor* AccountsService::CreateAccount(grpc::CallbackServerContext* context,
                                                         const v1::CreateAccountRequest* request,
                                                         v1::CreateAccountResponse* response) {
  return executor_.Handle(
      context, "Accounts.CreateAccount", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "manage accounts");
            !denied.ok()) {
          return denied;
        }
        if (FieldViolations violations = CreateAccountViolations(*request); !violations.empty()) {
          return server::ToStatus(Error::InvalidArgument(violations));
        }
        const v1::Account& given = request->account();
        if (given.role() == v1::ROLE_ORGANIZATION_STAFF) {
          if (auto unknown =
                  UnknownOrganization(call.redis, given.organization_id(), "account.organization_id")) {
            return *unknown;
          }
        }
        AccountStore store(call.redis);
        const grpc::Status taken =
            server::ToStatus(Error::AlreadyExists("account '" + given.username() + "' already exists")
                                 .WithKey("error.account.exists", {{"username", given.username()}}));
        // Checked before the hash is paid for; Create checks again.
        if (store.Find(given.username())) return taken;
        v1::Account account;
        account.set_username(given.username());
        account.set_display_name(given.display_name());
        account.set_role(given.role());
        account.set_organization_id(given.organization_id());
        // A new account is active; UpdateAccount disables it.
        account.set_active(true);
        *account.mutable_created_at() =
            google::protobuf::util::TimeUtil::SecondsToTimestamp(auth::NowSeconds());
        account.set_created_by(call.actor.name());
        std::string hash;
        {
          HashingSlot slot(hashing_);
          if (!slot.acquired()) return HashingBusyStatus();
          hash = auth::HashPassword(request->password());
        }
        RecordAccountAction(call, partitions_, "account.created", account.username(), &account);
        if (!store.Create(account, hash)) return taken;
        LogAccount("created", account, call.actor);
        *response->mutable_account() = account;
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* AccountsService::UpdateAccount(grpc::CallbackServerContext* context,
                                                         const v1::UpdateAccountRequest* request,
                                                         v1::UpdateAccountResponse* response) {
  return executor_.Handle(
      context, "Accounts.UpdateAccount", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "manage accounts");
            !denied.ok()) {
          return denied;
        }
        if (FieldViolations violations = UpdateAccountViolations(*request); !violations.empty()) {
          return server::ToStatus(Error::InvalidArgument(violations));
        }
        if (request->role() == v1::ROLE_ORGANIZATION_STAFF) {
          if (auto unknown = UnknownOrganization(call.redis, request->organization_id())) return *unknown;
        }
        AccountStore store(call.redis);
        if (!store.Find(request->username())) return AccountNotFound(request->username());
        v1::Account values;
        values.set_display_name(request->display_name());
        values.set_role(request->role());
        values.set_organization_id(request->organization_id());
        values.set_active(request->active());
        RecordAccountAction(call, partitions_, "account.updated", request->username(), &values);
        std::optional<AccountStore::Replaced> replaced =
            store.Update(request->username(), [&](v1::Account& account) {
              account.set_display_name(request->display_name());
              account.set_role(request->role());
              account.set_organization_id(request->organization_id());
              account.set_active(request->active());
            });
        if (!replaced) return AccountNotFound(request->username());
        const v1::Account& before = replaced->before;
        const v1::Account& after = replaced->after;
        const bool disabled = before.active() && !after.active();
        const bool authority_changed =
            before.role() != after.role() || before.organization_id() != after.organization_id();
        int ended = 0;
        // The tokens carry the role and organization they were issued with.
        if (!after.active() || authority_changed) {
          ended = EndSessions(call.redis, after.username(), call.actor.name(),
                              !after.active() ? "account disabled" : "role or organization changed");
        }
        LogAccount(disabled ? "disabled" : (!before.active() && after.active() ? "enabled" : "updated"),
                   after, call.actor);
        std::optional<StoredAccount> stored = store.Find(after.username());
        *response->mutable_account() = stored ? stored->account : after;
        response->set_sessions_ended(ended);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* AccountsService::SetPassword(grpc::CallbackServerContext* context,
                                                       const v1::SetPasswordRequest* request,
                                                       v1::SetPasswordResponse* response) {
  return executor_.Handle(
      context, "Accounts.SetPassword", response, [=, this](const server::CallScope& call) {
        if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "manage accounts");
            !denied.ok()) {
          return denied;
        }
        if (FieldViolations violations = SetPasswordViolations(*request); !violations.empty()) {
          return server::ToStatus(Error::InvalidArgument(violations));
        }
        AccountStore store(call.redis);
        if (!store.Find(request->username())) return AccountNotFound(request->username());
        std::string hash;
        {
          HashingSlot slot(hashing_);
          if (!slot.acquired()) return HashingBusyStatus();
          hash = auth::HashPassword(request->password());
        }
        RecordAccountAction(call, partitions_, "account.password_set", request->username(), nullptr);
        if (!store.SetPassword(request->username(), hash)) return AccountNotFound(request->username());
        const int ended = EndSessions(call.redis, request->username(), call.actor.name(), "password changed");
        std::optional<StoredAccount> stored = store.Find(request->username());
        if (!stored) return AccountNotFound(request->username());
        LogAccount("password set (unlocked)", stored->account, call.actor);
        *response->mutable_account() = stored->account;
        response->set_sessions_ended(ended);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* AccountsService::ListAccounts(grpc::CallbackServerContext* context,
                                                        const v1::ListAccountsRequest* /*request*/,
                                                        v1::ListAccountsResponse* response) {
  return executor_.Handle(context, "Accounts.ListAccounts", response, [=](const server::CallScope& call) {
    if (auto denied = server::RequireRole(call.actor, {v1::ROLE_WARD_OFFICER}, "list accounts");
        !denied.ok()) {
      return denied;
    }
    for (v1::Account& account : AccountStore(call.redis).All())
      *response->add_accounts() = std::move(account);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* AccountsService::SignOut(grpc::CallbackServerContext* context,
                                                   const v1::SignOutRequest* /*request*/,
                                                   v1::SignOutResponse* response) {
  return executor_.Handle(context, "Accounts.SignOut", response, [=, this](const server::CallScope& call) {
    // An outside consumer has no session: its role may call nothing here.
    if (auto denied = server::RequireRole(call.actor, server::kAnyRole, "sign out"); !denied.ok())
      return denied;
    grpc::Status refusal;
    // The call was authenticated with this very header.
    const std::optional<std::string> secret = server::BearerTokenOf(*context, &refusal);
    if (!secret) return refusal;
    const std::optional<auth::TokenRecord> record =
        auth::FindIssuedToken(call.redis, auth::Sha256Hex(*secret));
    const std::string issuer = record ? record->issued_by : "";
    const std::string username =
        issuer.starts_with(kSessionIssuerPrefix) ? issuer.substr(kSessionIssuerPrefix.size()) : "";
    AccountStore store(call.redis);
    if (username.empty() || !store.HasSession(username, record->token_id)) {
      // A bootstrap or TokenAdmin token is revoked with RevokeToken, never
      // by signing out with it.
      return server::KeyedStatus(grpc::StatusCode::FAILED_PRECONDITION,
                                 "this token is not a session token: only a signed-in session can sign out",
                                 "error.account.not_a_session");
    }
    const int64_t now = auth::NowSeconds();
    auth::RecordRevocation(call.redis, record->token_id, {now, call.actor.name()});
    executor_.authenticator().Forget(record->token_id);
    store.RemoveSession(username, record->token_id);
    spdlog::info("account {}: signed out (session token {} revoked)", username, record->token_id);
    return grpc::Status::OK;
  });
}

}  // namespace ansinh::registry
