#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "ansinh/v1/accounts.grpc.pb.h"
#include "server/request_executor.h"

namespace ansinh::registry {

// ansinh.v1.Accounts: the staff accounts the web console signs in with
// (docs/security.md, "Accounts and passwords"). Ward officers create, change,
// disable and list accounts and set passwords; the console (a ROLE_SERVICE
// caller) exchanges a username and password for a session token. Passwords
// are kept only as Argon2id hashes (auth/password_hash.h), hashed and
// checked on the request workers, never on a gRPC callback thread. A session
// token is an issued token (auth/issued_tokens.h) of the account's role and
// organization, valid 12 hours, recorded against the account: disabling the
// account, changing its role or organization or its password revokes them,
// and every service refuses them within 2 s. Wrong passwords slow down and
// then lock the account (registry/core/sign_in_policy.h); the wait before
// answering holds no worker (a gRPC alarm). Every change is logged with who
// made it, as token changes are, and is an entry of the audit chain
// (events/admin_actions.h), recorded before the change; no password or hash
// is ever logged or recorded.
class AccountsService final : public v1::Accounts::CallbackService {
 public:
  // A session token is valid this long at most.
  static constexpr int64_t kSessionSeconds = 12 * 3600;
  // Password hashes in progress at once (each takes 64 MiB for a few tens of
  // milliseconds); a request beyond it is told to retry (RESOURCE_EXHAUSTED).
  static constexpr int kMaxConcurrentHashes = 4;

  // Out of line (compiled once in the adapters library): constructing and
  // destroying the service instantiates the generated CallbackService chain,
  // one template per RPC, which cost main.cc several seconds of compile time.
  // `partitions`: the configured count, for the audit entries' stream.
  AccountsService(server::RequestExecutor& executor, int partitions);
  ~AccountsService() override;

  grpc::ServerUnaryReactor* SignIn(grpc::CallbackServerContext* context, const v1::SignInRequest* request,
                                   v1::SignInResponse* response) override;
  grpc::ServerUnaryReactor* SignOut(grpc::CallbackServerContext* context, const v1::SignOutRequest* request,
                                    v1::SignOutResponse* response) override;
  grpc::ServerUnaryReactor* CreateAccount(grpc::CallbackServerContext* context,
                                          const v1::CreateAccountRequest* request,
                                          v1::CreateAccountResponse* response) override;
  grpc::ServerUnaryReactor* UpdateAccount(grpc::CallbackServerContext* context,
                                          const v1::UpdateAccountRequest* request,
                                          v1::UpdateAccountResponse* response) override;
  grpc::ServerUnaryReactor* SetPassword(grpc::CallbackServerContext* context,
                                        const v1::SetPasswordRequest* request,
                                        v1::SetPasswordResponse* response) override;
  grpc::ServerUnaryReactor* ListAccounts(grpc::CallbackServerContext* context,
                                         const v1::ListAccountsRequest* request,
                                         v1::ListAccountsResponse* response) override;

  // Holds one of the kMaxConcurrentHashes places while alive; `acquired()`
  // false when every place was taken.
  class HashingSlot {
   public:
    explicit HashingSlot(std::atomic<int>& in_use);
    ~HashingSlot();
    HashingSlot(const HashingSlot&) = delete;
    HashingSlot& operator=(const HashingSlot&) = delete;
    bool acquired() const { return acquired_; }

   private:
    std::atomic<int>& in_use_;
    bool acquired_;
  };

 private:
  struct SignInCall;
  // The three steps of a sign-in, each on a worker: the gate (locked? how
  // long to wait?), then, after the wait, the password check and the token.
  void GateSignIn(const std::shared_ptr<SignInCall>& call, redis::Connection& redis);
  void CheckSignIn(const std::shared_ptr<SignInCall>& call, redis::Connection& redis);
  grpc::Status FinishSignIn(SignInCall& call, redis::Connection& redis);

  // Revokes the unexpired session tokens of `username` (by `who`) and
  // forgets them in this process's cache; how many there were.
  int EndSessions(redis::Connection& redis, const std::string& username, const std::string& who,
                  const std::string& reason);

  server::RequestExecutor& executor_;
  int partitions_;
  std::atomic<int> hashing_{0};
};

// RESOURCE_EXHAUSTED when every hashing place is taken.
grpc::Status HashingBusyStatus();

// The issuer a session token records: "sign-in: <username>", so SignOut
// finds the account of the token it revokes.
std::string SessionIssuer(const std::string& username);

}  // namespace ansinh::registry
