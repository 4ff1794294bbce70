// Accounts.SignIn: the console exchanges a username and password for a
// session token. Three steps, each on a request worker: authenticate the
// console and read the account's counters (locked? wait how long?), wait
// without holding a worker (a gRPC alarm), then check the password and
// issue the token.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/alarm.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "auth/issued_tokens.h"
#include "auth/password_hash.h"
#include "auth/sha256.h"
#include "auth/token_secret.h"
#include "kernel/ward_clock.h"
#include "registry/adapters/account_service.h"
#include "registry/adapters/account_store.h"
#include "registry/core/account_rules.h"
#include "registry/core/sign_in_policy.h"
#include "server/authorization.h"
#include "server/redaction.h"
#include "server/status_mapping.h"

namespace ansinh::registry {
namespace {

grpc::Status SignInRefused() {
  // The same answer for an unknown username, a wrong password and a
  // username that cannot exist, so the answer tells nothing about which.
  return server::KeyedStatus(grpc::StatusCode::UNAUTHENTICATED, "wrong username or password",
                             "error.account.sign_in_failed");
}

grpc::Status LockedStatus(int64_t locked_until) {
  const std::string until = FormatWardTime(std::chrono::sys_seconds(std::chrono::seconds(locked_until)));
  return server::KeyedStatus(grpc::StatusCode::FAILED_PRECONDITION,
                             "too many wrong passwords: the account is locked until " + until +
                                 " (UTC+7); a ward officer can unlock it by setting a new password",
                             "error.account.locked", {{"until", until}});
}

// A hash of a password nobody knows, checked when the username has no
// account, so that an unknown username takes as long as a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = auth::HashPassword(auth::NewTokenSecret());
  return hash;
}

google::protobuf::Timestamp TimestampOf(int64_t seconds) {
  return google::protobuf::util::TimeUtil::SecondsToTimestamp(seconds);
}

}  // namespace

struct AccountsService::SignInCall {
  grpc::CallbackServerContext* context;
  const v1::SignInRequest* request;
  v1::SignInResponse* response;
  grpc::ServerUnaryReactor* reactor;
  v1::Actor actor;
  std::string correlation_id;
  // The wait before answering, after several wrong passwords in a row.
  grpc::Alarm alarm;

  void Finish(grpc::Status status) {
    if (!status.ok()) response->Clear();
    reactor->Finish(status);
  }
};

grpc::ServerUnaryReactor* AccountsService::SignIn(grpc::CallbackServerContext* context,
                                                  const v1::SignInRequest* request,
                                                  v1::SignInResponse* response) {
  auto call = std::make_shared<SignInCall>();
  call->context = context;
  call->request = request;
  call->response = response;
  call->reactor = context->DefaultReactor();
  call->correlation_id = server::CorrelationIdOf(*context);
  executor_.AuthenticateAsync(context, [this, call](std::optional<v1::Actor> actor, grpc::Status refusal) {
    if (!actor) return call->Finish(refusal);
    call->actor = std::move(*actor);
    // Only the console signs people in: it holds a service token and shows
    // the person the answer. A person's own token cannot trade passwords.
    if (auto denied = server::RequireRole(call->actor, {v1::ROLE_SERVICE}, "sign staff in"); !denied.ok()) {
      return call->Finish(denied);
    }
    if (FieldViolations violations = SignInViolations(*call->request); !violations.empty()) {
      return call->Finish(server::ToStatus(Error::InvalidArgument(violations)));
    }
    executor_.Submit([this, call](redis::Connection& redis) { GateSignIn(call, redis); });
  });
  return call->reactor;
}

void AccountsService::GateSignIn(const std::shared_ptr<SignInCall>& call, redis::Connection& redis) {
  try {
    const std::string& username = call->request->username();
    // A username that cannot exist keeps no counters: nothing to lock.
    const SignInCounters counters =
        IsUsername(username) ? AccountStore(redis).Counters(username) : SignInCounters{};
    const SignInGate gate = GateFor(counters, auth::NowSeconds());
    if (gate.locked) return call->Finish(LockedStatus(gate.locked_until));
    if (gate.delay.count() == 0) return CheckSignIn(call, redis);
    // The alarm's callback hands the call on to a worker and keeps no
    // reference to it, so the alarm never outlives itself.
    call->alarm.Set(std::chrono::system_clock::now() + gate.delay, [this, pending = call](bool) mutable {
      executor_.Submit([this, call = std::move(pending)](redis::Connection& connection) {
        CheckSignIn(call, connection);
      });
    });
  } catch (...) {
    call->Finish(server::StatusFromCurrentException("Accounts.SignIn"));
  }
}

void AccountsService::CheckSignIn(const std::shared_ptr<SignInCall>& call, redis::Connection& redis) {
  grpc::Status status;
  try {
    status = FinishSignIn(*call, redis);
  } catch (...) {
    status = server::StatusFromCurrentException("Accounts.SignIn");
  }
  call->Finish(status);
}

grpc::Status AccountsService::FinishSignIn(SignInCall& call, redis::Connection& redis) {
  const std::string& username = call.request->username();
  const bool possible = IsUsername(username);
  AccountStore store(redis);
  const std::optional<StoredAccount> stored = possible ? store.Find(username) : std::nullopt;
  bool correct = false;
  {
    HashingSlot slot(hashing_);
    if (!slot.acquired()) return HashingBusyStatus();
    correct = auth::VerifyPassword(stored ? stored->password_hash : DecoyHash(), call.request->password());
  }
  const int64_t now = auth::NowSeconds();
  if (!correct || !stored) {
    if (possible) {
      const SignInCounters after = store.RecordWrongPassword(username, now);
      if (stored) {
        spdlog::warn("account {}: wrong password ({} in a row{})", username, after.failed_in_a_row,
                     after.locked_until > now ? ", locked" : "");
      }
    }
    return SignInRefused();
  }
  const v1::Account& account = stored->account;
  if (!account.active()) {
    spdlog::info("account {}: sign-in refused, the account is disabled", username);
    return server::KeyedStatus(grpc::StatusCode::PERMISSION_DENIED,
                               "this account is disabled; ask a ward officer to enable it",
                               "error.account.disabled", {{"username", username}});
  }
  store.RecordSignIn(username, now);
  if (auth::PasswordHashNeedsRehash(stored->password_hash)) {
    HashingSlot slot(hashing_);
    if (slot.acquired()) store.SetPassword(username, auth::HashPassword(call.request->password()));
  }
  const std::string secret = auth::NewTokenSecret();
  auth::TokenRecord record;
  record.token_id = auth::NewTokenId();
  record.token_sha256 = auth::Sha256Hex(secret);
  record.principal.set_role(account.role());
  record.principal.set_name(account.display_name());
  record.principal.set_organization_id(account.organization_id());
  record.issued_at = now;
  record.issued_by = SessionIssuer(username);
  record.expires_at = now + kSessionSeconds;
  auth::SaveIssuedToken(redis, record);
  store.AddSession(username, record.token_id, record.expires_at, now);
  // Disabled meanwhile? UpdateAccount writes the flag and then revokes the
  // sessions it finds: either it found this one, or this reads its flag.
  const std::optional<StoredAccount> again = store.Find(username);
  if (!again || !again->account.active() || again->account.role() != account.role() ||
      again->account.organization_id() != account.organization_id()) {
    auth::RecordRevocation(redis, record.token_id, {now, "sign-in: account changed meanwhile"});
    store.RemoveSession(username, record.token_id);
    return server::KeyedStatus(grpc::StatusCode::ABORTED,
                               "the account changed while signing in; sign in again",
                               "error.account.changed");
  }
  spdlog::info("account {}: signed in (session token {}, through {})", username, record.token_id,
               call.actor.name());
  call.response->set_session_token(secret);
  *call.response->mutable_expires_at() = TimestampOf(record.expires_at);
  *call.response->mutable_account() = again->account;
  server::RedactForReader(call.actor, *call.response);
  return grpc::Status::OK;
}

}  // namespace ansinh::registry
